import re

_REFRESH_RE = re.compile(r'<meta\s[^>]*http-equiv[^>]*refresh[^>]*content\s*=\s*"(\d*\.?\d+)\s*;\s*url=([^"]*)"', re.I)


def get_meta_refresh(text, baseurl=""):
    """The interval and url of the page's refresh, or (None, None)."""
    m = _REFRESH_RE.search(text)
    if not m:
        return None, None
    return float(m.group(1)), m.group(2).strip()
