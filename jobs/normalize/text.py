"""HTML sanitising and HTML-to-text conversion for posting descriptions.

Descriptions come from job boards as untrusted HTML (sometimes HTML-escaped a second time,
as Greenhouse does). ``sanitize_html`` keeps the structure a reader needs and nothing that can
run code or restyle the page; ``html_to_text`` gives the plain text search and matching use.
"""

from __future__ import annotations

import html
import re

import nh3

__all__ = [
    "html_to_text",
    "looks_like_html",
    "normalize_text",
    "sanitize_html",
    "text_to_html",
    "unescape_if_escaped",
]

ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "hr",
        "div",
        "span",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "strong",
        "em",
        "b",
        "i",
        "u",
        "s",
        "sub",
        "sup",
        "small",
        "a",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "code",
        "pre",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "th",
        "td",
        "caption",
    }
)

# Tags whose *content* is dropped too, not just the tag (script bodies are not prose).
DROPPED_CONTENT_TAGS = frozenset(
    {"script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "math"}
)

ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "ol": {"start"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}

_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(DROPPED_CONTENT_TAGS),
    attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
    url_schemes={"http", "https", "mailto"},
    # Relative links point at the board's own site and mean nothing once copied here.
    url_relative="deny",
    link_rel="nofollow noopener noreferrer",
    strip_comments=True,
)

_REAL_TAG_RE = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?\s*>")
_ESCAPED_TAG_RE = re.compile(r"&lt;\s*/?\s*[a-zA-Z][a-zA-Z0-9]*(?:\s.*?)?/?\s*&gt;", re.S)
_HTML_HINT_RE = re.compile(
    r"<\s*/?\s*(?:p|br|div|span|ul|ol|li|strong|em|b|i|a|h[1-6]|table|tr|td|blockquote|pre|code)\b[^<>]*>",
    re.I,
)

_BLOCK_OPEN_CLOSE_RE = re.compile(
    r"</?(?:p|div|h[1-6]|ul|ol|dl|table|thead|tbody|tfoot|blockquote|pre|hr|caption)\b[^>]*>", re.I
)
_LI_RE = re.compile(r"<li\b[^>]*>", re.I)
_LINE_BREAK_RE = re.compile(r"<(?:br|tr|dt|dd)\b[^>]*>", re.I)
_CELL_RE = re.compile(r"</t[dh]\s*>", re.I)
_ANY_TAG_RE = re.compile(r"<[^>]*>")
_ZERO_WIDTH_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# "\n{3,}" spelled with a literal prefix, which ``re`` searches for much faster.
_MANY_NEWLINES_RE = re.compile(r"\n\n\n+")
_PARAGRAPH_SPLIT_RE = re.compile(r"\n\s*\n")

# Markers that survive entity decoding (private-use code points never appear in job ads).
_PARA = "\ue000"
_LINE = "\ue001"
_BULLET = "\ue002"


def looks_like_html(value: str) -> bool:
    """True when ``value`` contains real (unescaped) structural HTML tags."""
    return bool(_HTML_HINT_RE.search(value))


def unescape_if_escaped(value: str) -> str:
    """Undo one level of HTML escaping when a description arrives as ``&lt;p&gt;...``.

    Only unescapes when the string holds escaped tags and no real ones: a description that
    legitimately talks about ``&lt;div&gt;`` inside real markup must stay as it is.
    """
    if "&lt;" not in value or _REAL_TAG_RE.search(value):
        return value
    if not _ESCAPED_TAG_RE.search(value):
        return value
    return html.unescape(value)


def sanitize_html(value: str | None) -> str:
    """Return a safe HTML fragment built from untrusted source HTML.

    Keeps structural/emphasis/list/table/link tags; drops scripts, styles, frames, objects,
    event handlers and ``style`` attributes; links only keep http/https/mailto targets and get
    ``rel="nofollow noopener noreferrer"``. Doubly escaped input is unescaped once first.
    """
    if not value:
        return ""
    value = unescape_if_escaped(value)
    return _CLEANER.clean(value).strip()


def _collapse_ws(value: str) -> str:
    r"""``re.sub(r"\s+", " ", value)`` without the regex engine.

    ``str.split()`` and the regex ``\s`` use the same definition of whitespace
    (``Py_UNICODE_ISSPACE``), so splitting and re-joining gives the same runs; only the
    single space a leading or trailing run turns into has to be put back.
    """
    parts = value.split()
    if not parts:
        return " " if value else ""
    out = " ".join(parts)
    if value[0].isspace():
        out = " " + out
    if value[-1].isspace():
        out += " "
    return out


# One pass over the tags instead of one ``re.sub`` per kind. Every alternative starts at a "<"
# and ends at the first ">" after it, so at a given "<" the first alternative that matches is
# the pass that would have replaced that tag when the passes ran one after another (the
# replacements contain no "<" or ">", so an earlier pass never changes what a later one sees).
# That reasoning needs each tag to contain no other "<" (true for nh3 output except inside
# attribute values such as ``title="a<b"``); ``_TAG_HAS_INNER_LT_RE`` detects that case and
# the original sequence of passes runs instead.
_TAG_KIND_RE = re.compile(
    # The shared "<" is outside the alternation so the engine can jump from "<" to "<".
    r"<(?:(?P<li>li\b[^>]*)"
    r"|(?P<block>/?(?:p|div|h[1-6]|ul|ol|dl|table|thead|tbody|tfoot|blockquote|pre|hr|caption)\b[^>]*)"
    r"|(?P<line>(?:br|tr|dt|dd)\b[^>]*)"
    r"|(?P<cell>/t[dh]\s*)"
    r"|[^>]*)>",
    re.I,
)
_TAG_REPLACEMENT = {"li": _LINE + _BULLET, "block": _PARA, "line": _LINE, "cell": " ", None: ""}
_TAG_HAS_INNER_LT_RE = re.compile(r"<[^>]*<")


def _tag_replacement(match: re.Match[str]) -> str:
    return _TAG_REPLACEMENT[match.lastgroup]


def _tags_to_markers(s: str) -> str:
    if _TAG_HAS_INNER_LT_RE.search(s):
        s = _LI_RE.sub(_LINE + _BULLET, s)
        s = _BLOCK_OPEN_CLOSE_RE.sub(_PARA, s)
        s = _LINE_BREAK_RE.sub(_LINE, s)
        s = _CELL_RE.sub(" ", s)
        return _ANY_TAG_RE.sub("", s)
    return _TAG_KIND_RE.sub(_tag_replacement, s)


def _sanitized_to_text(clean_html: str) -> str:
    """Convert already-sanitised HTML (nh3 output: well-formed, no scripts) to plain text."""
    s = _tags_to_markers(_collapse_ws(clean_html))
    s = html.unescape(s)
    s = s.replace("\n", " ").replace(_PARA, "\n\n").replace(_LINE, "\n").replace(_BULLET, "- ")
    return normalize_text(s)


_ZERO_WIDTH = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad")


def normalize_text(value: str | None) -> str:
    """Tidy plain text: unify newlines, collapse runs of spaces, at most one blank line."""
    if not value:
        return ""
    s = value.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    if any(ch in s for ch in _ZERO_WIDTH):  # rare: skip the regex scan when there are none
        s = _ZERO_WIDTH_RE.sub("", s)
    # Per line, collapsing runs of non-newline whitespace and stripping the ends is
    # " ".join(line.split()): str.split() and the regex "\s" agree on what whitespace is.
    s = "\n".join([" ".join(line.split()) for line in s.split("\n")])
    if "\n\n\n" in s:
        s = _MANY_NEWLINES_RE.sub("\n\n", s)
    return s.strip()


def html_to_text(value: str | None) -> str:
    """Readable plain text from (untrusted) HTML.

    Paragraphs and headings are separated by a blank line, list items become ``- item`` lines,
    ``<br>`` is a line break, entities are decoded and whitespace collapsed. Script/style
    content never leaks into the text because the input is sanitised first.
    """
    if not value:
        return ""
    return _sanitized_to_text(sanitize_html(value))


def text_to_html(value: str | None) -> str:
    """Safe HTML for a plain-text description: blank-line paragraphs, single-newline ``<br>``."""
    text = normalize_text(value)
    if not text:
        return ""
    paragraphs = []
    for para in _PARAGRAPH_SPLIT_RE.split(text):
        lines = [html.escape(line, quote=False) for line in para.split("\n")]
        paragraphs.append("<p>" + "<br>".join(lines) + "</p>")
    return "".join(paragraphs)


# Byte sequences that UTF-8 text decoded as Latin-1/cp1252 leaves behind ("youâ€™ll").
_MOJIBAKE_MARKERS = ("Ã", "â€", "â\x80", "Â", "Ã©")


def repair_mojibake(value: str | None) -> str | None:
    """Undo double-encoded UTF-8 that some feeds serve (RemoteOK, old ATS exports).

    ftfy's ``fix_encoding`` only reverses encodings it can prove; the substring check keeps
    clean text (nearly all of it) on a zero-cost path.
    """
    if not value or not any(marker in value for marker in _MOJIBAKE_MARKERS):
        return value
    import ftfy

    return ftfy.fix_encoding(value)
