"""A corpus of XSS vectors, and a checker that finds what survived in a rendered page.

The checker parses the page (the standard library's html.parser) and compares it with the same page rendered
with harmless text in the same place: whatever dangerous markup the page has of its own (its scripts, forms,
htmx attributes) is in both, so only what the user's text brought in is reported.
"""

import re
from collections import Counter
from html.parser import HTMLParser

# What a template would print if it ever evaluated user text as a template (`{{ }}` / `{% %}`).
TEMPLATE_MARKERS = ("TPLINJ", "TPLBLK")

VECTORS: list[str] = [
    # script elements
    "<script>alert(1)</script>",
    "<ScRiPt src=//evil.example/x.js></ScRiPt>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<script>",
    "<svg><script>alert(1)</script></svg>",
    "<template><script>alert(1)</script></template>",
    # event handlers
    "<img src=x onerror=alert(1)>",
    '<img src="x" onerror="alert(document.cookie)">',
    "<svg/onload=alert(1)>",
    "<body onload=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>x</details>",
    "<video><source onerror=alert(1)></video>",
    "<marquee onstart=alert(1)>x</marquee>",
    "<x contenteditable onblur=alert(1)>x</x>",
    '<a href="#" onclick="alert(1)">x</a>',
    # javascript:, vbscript: and data: URLs, plain and obfuscated
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="&#x6A;avascript&colon;alert(1)">x</a>',
    '<a href="java&#x09;script:alert(1)">x</a>',
    '<a href=" \tjavascript:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<a href="java\u200bscript:alert(1)">x</a>',
    # frames, plugins, foreign content
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
    # forms, document-level elements
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<button formaction="javascript:alert(1)">x</button>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="//evil.example/">',
    "<link rel=stylesheet href=//evil.example/x.css>",
    # style
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<div style="width:expression(alert(1))">x</div>',
    "<style>body{background:url(javascript:alert(1))}</style>",
    # breaking out of attributes, elements and comments
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    '" onmouseover="alert(1)',
    "' onfocus='alert(1)' autofocus='",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "<!--<img src=x onerror=alert(1)>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    # mutation XSS
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    '<xmp><p title="</xmp><img src=x onerror=alert(1)>"></xmp>',
    # htmx: markup that would make requests or run code in this htmx app
    '<div hx-get="/konto/logout/" hx-trigger="load">x</div>',
    '<div data-hx-post="/min-side/profil/" data-hx-trigger="load">x</div>',
    '<button hx-on:click="alert(1)">x</button>',
    '<div hx-on::load="alert(1)" hx-swap-oob="true" id="main-content">x</div>',
    # template injection
    '{{ "tplinj"|upper }}',
    "{% filter upper %}tplblk{% endfilter %}",
    # Markdown link and image tricks
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "[x](javascript&#58;alert(1))",
    "![x](javascript:alert(1))",
    "![x](x\"onerror=\"alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x][r]\n\n[r]: javascript:alert(1)",
    '<http://x.example/"onmouseover="alert(1)>',
    # unicode and NUL obfuscation
    "<scr\x00ipt>alert(1)</scr\x00ipt>",
    "<img src=x o\x00nerror=alert(1)>",
    "\uff1cscript\uff1ealert(1)\uff1c/script\uff1e",
    "\u2028<script>alert(1)</script>\u2029",
    "\x0b<script>alert(1)</script>\x1b",
    # short ones, for short fields
    "<svg",
    "<!--",
    "'\"><x",
    "\"><b>",
]

# What html.parser cannot tell apart from text: p and br come from the linebreaks filter.
NEUTRAL_TAGS = frozenset({"p", "br"})
URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset", "lowsrc",
     "dynsrc", "ping", "cite", "codebase", "manifest", "icon", "srcdoc"}
)
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:text", "data:application", "data:image/svg")
CONTROL_AND_SPACE = re.compile(r"[\x00-\x20\x7f]")
CSP_NONCE = re.compile(r"'nonce-([^']+)'")


def nonce_of(response) -> str:
    """The CSP nonce of a response: scripts carrying it are the page's own."""
    found = CSP_NONCE.search(response.get("Content-Security-Policy", ""))
    return found.group(1) if found else ""


def dangerous_url(value: str) -> bool:
    """As a browser reads a URL: spaces and control characters anywhere are dropped, case does not matter."""
    return CONTROL_AND_SPACE.sub("", value).lower().startswith(DANGEROUS_SCHEMES)


class _Collector(HTMLParser):
    def __init__(self, *, nonce: str, markup_allowed: frozenset[str]):
        super().__init__(convert_charrefs=True)
        self.nonce = nonce
        self.ignored_tags = NEUTRAL_TAGS | markup_allowed
        self.found: Counter = Counter()

    def handle_starttag(self, tag, attrs):
        attributes = [(name, value or "") for name, value in attrs]
        if tag not in self.ignored_tags:
            self.found["element", tag] += 1
        if tag == "script" and not self._own_script(dict(attributes)):
            self.found["foreign script", dict(attributes).get("src", "")] += 1
        if tag == "meta" and dict(attributes).get("http-equiv", "").lower() == "refresh":
            self.found["meta refresh", dict(attributes).get("content", "")] += 1
        for name, value in attributes:
            self._attribute(tag, name, value)

    handle_startendtag = handle_starttag

    def _own_script(self, attributes: dict) -> bool:
        src = attributes.get("src", "")
        return src.startswith("/static/") or (bool(self.nonce) and attributes.get("nonce") == self.nonce)

    def _attribute(self, tag: str, name: str, value: str) -> None:
        if name.startswith("on"):
            self.found["event handler", tag, name] += 1
        if name.startswith(("hx-", "data-hx-")):
            self.found["htmx attribute", tag, name, value] += 1
        if name == "style":
            self.found["style attribute", tag] += 1
        if name in URL_ATTRIBUTES and dangerous_url(value):
            self.found["dangerous URL", tag, name] += 1
        for marker in TEMPLATE_MARKERS:
            if marker in value:
                self.found["template evaluated", marker] += 1

    def handle_data(self, data):
        for marker in TEMPLATE_MARKERS:
            self.found["template evaluated", marker] += data.count(marker)

    def handle_comment(self, data):
        self.found["comment", data[:40]] += 1

    def handle_decl(self, decl):
        self.found["declaration", decl[:40]] += 1

    def unknown_decl(self, data):
        self.found["declaration", data[:40]] += 1

    def handle_pi(self, data):
        self.found["processing instruction", data[:40]] += 1


def dangers(html: str, *, nonce: str = "", markup_allowed: frozenset[str] = frozenset()) -> Counter:
    """Everything in the page that could run code or change the page, counted."""
    collector = _Collector(nonce=nonce, markup_allowed=markup_allowed)
    collector.feed(html)
    collector.close()
    return +collector.found


def survivors(
    html: str,
    baseline: str,
    *,
    nonce: str = "",
    baseline_nonce: str = "",
    markup_allowed: frozenset[str] = frozenset(),
) -> list[tuple]:
    """What `html` has beyond `baseline` (the same page with harmless text): what a vector brought in.

    `markup_allowed` names the tags the field may render (the Markdown subset); they are not reported, but
    their attributes still are.
    """
    found = dangers(html, nonce=nonce, markup_allowed=markup_allowed)
    expected = dangers(baseline, nonce=baseline_nonce, markup_allowed=markup_allowed)
    return sorted((found - expected).elements())
