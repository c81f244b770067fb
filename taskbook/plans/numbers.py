"""How a task's printed number leads its title: "3. Title", but "（三）标题", "三、标题", "(c) Title"."""

CJK_NUMERALS = frozenset("〇零一二三四五六七八九十百")


def numbered(number: str) -> str:
    """The number with the mark that ends it where the plan printed none: a full stop after a bare
    number or letter ("3."), an enumeration comma after a bare Chinese numeral ("三、"), nothing after
    a bracket or a mark already there ("（三）", "(c)", "3.")."""
    number = number.strip()
    if not number:
        return number
    last = number[-1]
    if last.isascii() and last.isalnum():
        return f"{number}."
    if last in CJK_NUMERALS:
        return f"{number}、"
    return number
