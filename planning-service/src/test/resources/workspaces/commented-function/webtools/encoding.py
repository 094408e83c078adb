import re


# A declaration inside an HTML comment is not honoured by the prescan, so the
# scanners here and get_meta_refresh strip comments before they look.
_COMMENT_RE = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)

# A charset in a meta tag or an xml declaration; the search stops at the body,
# whatever the tag's other attributes, e.g. <meta http-equiv="Content-Type"
# content="text/html; charset=gbk">.
_BODY_RE = re.compile(
    r"""<\s*(?:meta\s+[^>]*?charset\s*=\s*["']?\s*(?P<charset>[\w-]+)|body)""",
    re.IGNORECASE,
)


def html_body_declared_encoding(html):
    '''The encoding a meta tag of the html body declares, or None.

    >>> html_body_declared_encoding(
    ... """<html><head>
    ...     <meta http-equiv="content-type" content="text/html;charset=utf-8" />
    ... </head><body>...</body></html>""")
    'utf-8'
    '''
    chunk = html[:4096]
    match = _BODY_RE.search(_COMMENT_RE.sub("", chunk))
    if match and match.group("charset"):
        return match.group("charset").lower()
    return None
