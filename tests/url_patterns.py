"""Every URL pattern the project serves, for the standing tests that must cover them all."""

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Pattern:
    route: str  # the full route as written, e.g. "organisationer/<slug:slug>/"
    name: str | None  # namespaced name, e.g. "organisations:detail"; None for unnamed patterns
    namespace: str  # the outermost namespace ("admin", "core", ...) or ""

    @property
    def key(self) -> str:
        """How the test tables refer to a pattern: its name, or its route when it has none."""
        return self.name or self.route

    @property
    def is_admin(self) -> bool:
        return self.namespace == "admin"


def url_patterns() -> list[Pattern]:
    return list(_walk(get_resolver(), prefix="", namespace=""))


def _walk(resolver: URLResolver, *, prefix: str, namespace: str):
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry, prefix=route, namespace=inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield Pattern(route=route, name=name, namespace=namespace.split(":")[0])
