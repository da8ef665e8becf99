"""A small structural check of rendered pages: one h1, labelled inputs, no empty links."""

import re
from html.parser import HTMLParser

UNLABELLED_TYPES = {"hidden", "submit", "button", "reset", "image"}


class PageStructure(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.h1_count = 0
        self.label_for: set[str] = set()
        self.inputs: list[dict] = []
        self.links: list[dict] = []
        self.images: list[dict] = []
        self._link_stack: list[dict] = []
        self._label_depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "h1":
            self.h1_count += 1
        elif tag == "label":
            self._label_depth += 1
            if attrs.get("for"):
                self.label_for.add(attrs["for"])
        elif tag in {"input", "select", "textarea"}:
            if attrs.get("type") not in UNLABELLED_TYPES:
                self.inputs.append({**attrs, "_wrapped": self._label_depth > 0})
        elif tag == "a":
            link = {**attrs, "_text": ""}
            self.links.append(link)
            self._link_stack.append(link)
        elif tag == "img":
            self.images.append(attrs)
            for link in self._link_stack:
                link["_text"] += attrs.get("alt") or ""

    def handle_endtag(self, tag):
        if tag == "label":
            self._label_depth = max(0, self._label_depth - 1)
        elif tag == "a" and self._link_stack:
            self._link_stack.pop()

    def handle_data(self, data):
        for link in self._link_stack:
            link["_text"] += data


def structure_problems(html: str) -> list[str]:
    """What a screen-reader user would trip over; an empty list when the page is fine."""
    page = PageStructure()
    page.feed(html)
    problems = []
    if page.h1_count != 1:
        problems.append(f"{page.h1_count} h1 elements")
    for field in page.inputs:
        labelled = field["_wrapped"] or field.get("id") in page.label_for or field.get("aria-label")
        if not labelled:
            problems.append(f"unlabelled input {field.get('name') or field.get('id')}")
    for link in page.links:
        if not (link["_text"].strip() or link.get("aria-label")):
            problems.append(f"empty link {link.get('href')}")
        if not link.get("href"):
            problems.append(f"link without href: {link['_text'].strip()}")
    for image in page.images:
        if "alt" not in image:
            problems.append(f"image without alt {image.get('src', '')[:40]}")
    return problems


def main_of(response) -> str:
    """The <main> element of a rendered page."""
    return re.search(r"<main.*?</main>", response.content.decode(), re.S).group(0)


def assert_sound_page(response, language: str = "da") -> None:
    """The whole page: in `language`, with breadcrumbs, CSP-safe, and a sound <main>."""
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert 'class="breadcrumbs"' in html
    assert not re.search(r"<script(?![^>]*\snonce=)", html), "a script without the CSP nonce"
    assert " style=" not in html
    assert structure_problems(main_of(response)) == []
