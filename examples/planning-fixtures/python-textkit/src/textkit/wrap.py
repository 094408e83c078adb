"""Greedy word wrapping to a fixed width."""


def wrap(text: str, width: int) -> list[str]:
    """Break text into lines of at most width characters, between words.

    >>> wrap("the quick brown fox", 10)
    ['the quick', 'brown fox']
    >>> wrap("", 5)
    []
    """
    if width < 1:
        raise ValueError("width must be positive")
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = word if not current else current + " " + word
        if len(candidate) <= width:
            current = candidate
        else:
            if current:
                lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines
