"""Measure what a first visit to a page transfers (bytes on the wire, compressed), in headless Chromium.

Usage: python scripts/bench_pageweight.py http://127.0.0.1:8010/ [more URLs]
"""

import sys

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def measure(page, url: str) -> tuple[int, list[tuple[str, int]]]:
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    urls: dict[str, str] = {}
    sizes: dict[str, int] = {}
    cdp.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], int(e["encodedDataLength"])))
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(300)
    rows = sorted(((urls.get(rid, rid), size) for rid, size in sizes.items()), key=lambda r: -r[1])
    return sum(size for _, size in rows), rows


def main(urls: list[str]) -> int:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for width, label in ((360, "mobile"), (1280, "desktop")):
            context = browser.new_context(viewport={"width": width, "height": 800})
            for url in urls:
                page = context.new_page()
                total, rows = measure(page, url)
                print(f"{label:7} {url}: {total / 1024:.1f} KB transferred in {len(rows)} requests")
                for name, size in rows:
                    print(f"          {size / 1024:7.1f} KB  {name.split('?')[0].rsplit('/', 1)[-1] or name}")
                page.close()
            context.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["http://127.0.0.1:8010/"]))
