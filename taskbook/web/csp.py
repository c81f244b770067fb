"""The Content-Security-Policy's sources that are computed: the hash of an inline style sheet that
taskbook itself writes (the road map's SVGs carry their own, so a saved SVG looks the same)."""

import base64
import hashlib
import html


def style_hash(style: str) -> str:
    """The CSP source that allows a <style> element holding `style`, as the chart kit writes it
    (escaped; the browser hashes the text it reads back)."""
    text = html.unescape(html.escape(style))
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
