"""HTML sanitising and HTML-to-text conversion."""

from __future__ import annotations

from jobs.normalize.text import html_to_text, sanitize_html, text_to_html, unescape_if_escaped

NASTY = (
    '<p onclick="steal()" style="color:red">Hello <b>world</b> &amp; friends</p>'
    "<script>alert('xss')</script>"
    '<img src="x" onerror="alert(1)">'
    '<a href="javascript:alert(1)">bad link</a> '
    '<a href="https://example.com/jobs" target="_blank">good link</a>'
    '<iframe src="https://evil.example">frame text</iframe>'
    "<style>body{display:none}</style>"
    '<object data="x.swf">obj</object>'
    '<div style="position:fixed">Kept text</div>'
)


def test_sanitizer_removes_dangerous_content():
    clean = sanitize_html(NASTY)
    lowered = clean.lower()
    for forbidden in (
        "<script",
        "onerror",
        "onclick",
        "javascript:",
        "<iframe",
        "style=",
        "<style",
        "<object",
        "alert(",
    ):
        assert forbidden not in lowered, forbidden
    assert "<b>world</b>" in clean
    assert "Hello" in clean and "Kept text" in clean and "bad link" in clean
    assert 'href="https://example.com/jobs"' in clean
    assert 'rel="nofollow noopener noreferrer"' in clean
    assert "display:none" not in clean


def test_sanitizer_keeps_structure_and_allowed_schemes():
    html = (
        "<h2>Role</h2><ul><li>One</li></ul><ol><li>Two</li></ol><blockquote>q</blockquote>"
        "<pre><code>x = 1</code></pre><table><tr><th>a</th><td>b</td></tr></table>"
        '<a href="mailto:jobs@example.com">mail</a><a href="ftp://x">ftp</a><a href="/relative">rel</a>'
    )
    clean = sanitize_html(html)
    for tag in (
        "<h2>",
        "<ul>",
        "<ol>",
        "<li>",
        "<blockquote>",
        "<pre>",
        "<code>",
        "<table>",
        "<th>",
        "<td>",
    ):
        assert tag in clean
    assert 'href="mailto:jobs@example.com"' in clean
    assert "ftp://" not in clean
    assert 'href="/relative"' not in clean


def test_escaped_html_is_unescaped_once():
    escaped = "&lt;p&gt;We &amp;amp; you&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Python&lt;/li&gt;&lt;/ul&gt;"
    assert sanitize_html(escaped) == "<p>We &amp; you</p><ul><li>Python</li></ul>"
    assert html_to_text(escaped) == "We & you\n\n- Python"
    # real markup that talks about tags is left alone
    real = "<p>Use &lt;div&gt; wisely</p>"
    assert unescape_if_escaped(real) == real
    assert html_to_text(real) == "Use <div> wisely"


def test_html_to_text_layout():
    html = (
        "<h2>About</h2><p>First   paragraph\nwith  spaces.</p><ul><li>One</li><li>Two</li></ul>"
        "<p>Line1<br>Line2&nbsp;&eacute;</p><script>var secret=1;</script>"
    )
    assert (
        html_to_text(html)
        == "About\n\nFirst paragraph with spaces.\n\n- One\n- Two\n\nLine1\nLine2 é"
    )


def test_text_to_html_escapes():
    assert text_to_html("a < b\nnext\n\nPara 2") == "<p>a &lt; b<br>next</p><p>Para 2</p>"
    assert html_to_text(None) == "" and sanitize_html("") == ""


def test_mojibake_from_double_encoded_feeds_is_repaired():
    from jobs.normalize.text import repair_mojibake

    assert repair_mojibake("youâ€™ll be part of it") == "you’ll be part of it"
    assert repair_mojibake("Ã©quipe") == "équipe"
    clean = "Zürich – naïve café"
    assert repair_mojibake(clean) == clean
    assert repair_mojibake(None) is None


def test_normalize_posting_repairs_mojibake_in_title_and_description():
    from jobs.normalize import normalize_posting
    from jobs.types import RawPosting

    posting = normalize_posting(
        RawPosting(
            source="remoteok",
            external_id="1",
            title="Caf\u00c3\u00a9 Manager",
            company="Soci\u00c3\u00a9t\u00c3\u00a9 G\u00c3\u00a9n\u00c3\u00a9rale",
            description_html="<p>you\u00e2\u0080\u0099ll love it</p>",
        )
    )
    assert posting.title == "Café Manager"
    assert posting.company == "Société Générale"
    assert "you’ll love it" in posting.description_text
