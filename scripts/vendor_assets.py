"""Copy the npm front-end assets into static/vendor (make assets): DKFDS, htmx and Leaflet.

DKFDS's CSS points at the complete IBM Plex font files (several hundred KB each). We rewrite its @font-face
rules to the Latin-1 subset woff2 files that DKFDS also ships, which keeps the first visit under 150 KB.
"""

import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE = ROOT / "node_modules"
VENDOR = ROOT / "static" / "vendor"

WEIGHTS = {"300": "Light", "400": "Regular", "500": "Medium", "600": "SemiBold", "700": "Bold"}
FONT_FACE = re.compile(r"@font-face\s*{(?P<body>[^}]*)}")


def _subset_font_face(match: re.Match) -> str:
    body = match.group("body")
    weight = re.search(r"font-weight:\s*(\d+)", body)
    italic = "italic" in (re.search(r"font-style:\s*(\w+)", body) or [""])[0]
    family = re.search(r"font-family:\s*([^;]+)", body)
    if not weight or not family or "Plex Sans" not in family.group(1):
        return ""  # Drop faces we do not ship (e.g. Plex Mono).
    name = WEIGHTS.get(weight.group(1))
    if name is None:
        return ""
    style = ("Italic" if name == "Regular" else f"{name}Italic") if italic else name
    return (
        "@font-face{font-display:swap;font-family:IBM Plex Sans;"
        f"font-style:{'italic' if italic else 'normal'};font-weight:{weight.group(1)};"
        f"src:url(../fonts/IBMPlexSans-{style}-Latin1.woff2) format(\"woff2\");"
        "unicode-range:U+0000-00FF,U+0131,U+0152-0153,U+02C6,U+02DA,U+02DC,U+2000-206F,U+2074,U+20AC,U+2122,"
        "U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD}"
    )


def main() -> int:
    dkfds = NODE / "dkfds" / "dist"
    if not dkfds.exists():
        print("node_modules is missing: run `npm ci` first.", file=sys.stderr)
        return 1
    shutil.rmtree(VENDOR, ignore_errors=True)
    (VENDOR / "dkfds" / "css").mkdir(parents=True)
    (VENDOR / "dkfds" / "fonts").mkdir(parents=True)
    (VENDOR / "htmx").mkdir(parents=True)
    (VENDOR / "leaflet").mkdir(parents=True)

    css = (dkfds / "css" / "dkfds.min.css").read_text(encoding="utf-8")
    css = FONT_FACE.sub(_subset_font_face, css)
    css = re.sub(r"/\*# sourceMappingURL=.*?\*/", "", css)
    (VENDOR / "dkfds" / "css" / "dkfds.min.css").write_text(css, encoding="utf-8")

    for font in (dkfds / "fonts" / "IBMPlexSans" / "split" / "woff2").glob("IBMPlexSans-*-Latin1.woff2"):
        shutil.copy2(font, VENDOR / "dkfds" / "fonts" / font.name)
    shutil.copytree(dkfds / "img", VENDOR / "dkfds" / "img")
    shutil.copy2(dkfds / "LICENSE.md", VENDOR / "dkfds" / "LICENSE.md")

    htmx = NODE / "htmx.org" / "dist" / "htmx.min.js"
    js = re.sub(r"//# sourceMappingURL=.*", "", htmx.read_text(encoding="utf-8"))
    (VENDOR / "htmx" / "htmx.min.js").write_text(js, encoding="utf-8")

    # Leaflet for the search page's map: its CSS refers to images/ next to it.
    leaflet = NODE / "leaflet" / "dist"
    js = re.sub(r"//# sourceMappingURL=.*", "", (leaflet / "leaflet.js").read_text(encoding="utf-8"))
    (VENDOR / "leaflet" / "leaflet.js").write_text(js, encoding="utf-8")
    shutil.copy2(leaflet / "leaflet.css", VENDOR / "leaflet" / "leaflet.css")
    shutil.copytree(leaflet / "images", VENDOR / "leaflet" / "images")
    shutil.copy2(NODE / "leaflet" / "LICENSE", VENDOR / "leaflet" / "LICENSE")
    print(f"Vendored DKFDS, htmx and Leaflet into {VENDOR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
