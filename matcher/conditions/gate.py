"""Gates: cheap substring tests that let the reader skip a regex on a text.

Reading conditions runs some forty patterns over every programme text; most
texts hold none of the words a given pattern needs, yet a regex scan still
tries every position. :func:`gate` derives, from the pattern's own parse
tree, a few literal strings one of which every match must contain ("专职"
for the staff patterns, "岁" for ages …). ``str in str`` is a fast C search,
so a text without any of them is skipped in a fraction of the scan's time.

The gate is derived, not written by hand, so editing a pattern cannot make
it stale; a pattern it cannot analyse gets no gate and is always scanned.
The result is therefore the same with or without gates, only faster (a
test compares the two on every text we have and on generated ones).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

try:  # Python ≥ 3.11
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

__all__ = ["Gates", "finditer", "gate", "search"]

#: More alternatives than this make the gate slower than the scan it saves.
MAX_ALTERNATIVES = 16

# One element's knowledge: (exact, required). ``exact``: the finite set of
# strings the element can match, or None; ``required``: strings one of which
# any match contains, or None.
_Info = tuple[frozenset[str] | None, frozenset[str] | None]
_NOTHING: _Info = (None, None)


def _usable(s: frozenset[str] | None) -> bool:
    return s is not None and 0 < len(s) <= MAX_ALTERNATIVES and "" not in s


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The better requirement: no single characters (too common to skip
    anything), then the fewest strings (each is one search, and a union over
    the branches of an alternation must stay small), then the longest."""
    if not _usable(b):
        return a if _usable(a) else None
    if not _usable(a):
        return b
    return a if _key(a) >= _key(b) else b  # type: ignore[arg-type]


def _key(s: frozenset[str]) -> tuple[bool, int, int]:
    shortest = min(map(len, s))
    return shortest >= 2, -len(s), shortest


def _sequence(items: Iterable) -> _Info:
    best: frozenset[str] | None = None
    run: frozenset[str] | None = frozenset({""})  # exact strings of the current run of exact elements
    whole: frozenset[str] | None = frozenset({""})
    for item in items:
        exact, required = _element(item)
        best = _better(best, required)
        if exact is not None and run is not None and len(run) * len(exact) <= MAX_ALTERNATIVES:
            run = frozenset(a + b for a in run for b in exact)
            best = _better(best, run)
        else:
            run = exact if exact is not None and len(exact) <= MAX_ALTERNATIVES else None
            best = _better(best, run)
        if whole is not None:
            whole = (frozenset(a + b for a in whole for b in exact)
                     if exact is not None and len(whole) * len(exact) <= MAX_ALTERNATIVES else None)
    return whole, _better(best, whole)


def _element(item) -> _Info:
    op, av = item
    if op is _c.LITERAL:
        s = frozenset({chr(av)})
        return s, s
    if op is _c.IN:
        if all(o is _c.LITERAL for o, _ in av):
            s = frozenset(chr(v) for _, v in av)
            return s, s
        return _NOTHING
    if op is _c.SUBPATTERN:
        _group, add_flags, _del_flags, items = av
        if add_flags & (re.IGNORECASE | re.VERBOSE):
            return _NOTHING
        return _sequence(items)
    if op is _c.BRANCH:
        infos = [_sequence(b) for b in av[1]]
        exact = None
        if all(e is not None for e, _ in infos):
            exact = frozenset().union(*(e for e, _ in infos))  # type: ignore[misc]
        required = None
        if all(r is not None and "" not in r for _, r in infos):
            required = frozenset().union(*(r for _, r in infos))  # type: ignore[misc]
        return exact, required
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        lo, hi, items = av
        if lo == 0:
            return _NOTHING
        exact, required = _sequence(items)
        return (exact if lo == hi == 1 else None), required
    return _NOTHING  # lookarounds, anchors, classes, backreferences: no claim


def gate(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Strings one of which every match of ``pattern`` contains, or None."""
    if pattern.flags & (re.IGNORECASE | re.VERBOSE) or not isinstance(pattern.pattern, str):
        return None
    try:
        _exact, required = _sequence(_p.parse(pattern.pattern, pattern.flags))
    except Exception:  # noqa: BLE001 - an unknown parser shape: just no gate
        return None
    return required if _usable(required) else None


def _overlaps(found: str, s: str) -> bool:
    """``s`` may start inside ``found`` and run past its end."""
    return any(found.endswith(s[:k]) for k in range(1, min(len(found), len(s))))


class Gates:
    """The gates of a fixed set of patterns, tested together in one scan.

    One regex of every gate string (longest first) finds, left to right,
    which of them a text holds; a pattern is skipped when none of its gate
    strings was found. The scan does not report strings that overlap a
    longer one found before them, so each found string also opens every
    pattern whose gate string it contains, or whose gate string could begin
    inside it: a skipped pattern provably has no match.
    """

    def __init__(self, patterns: Iterable[re.Pattern[str]]) -> None:
        gates = {id(p): gate(p) for p in patterns}
        self._gated = frozenset(k for k, g in gates.items() if g is not None)
        strings = sorted({s for g in gates.values() if g for s in g}, key=lambda s: (-len(s), s))
        self._opens = {
            t: frozenset(k for k, g in gates.items() if g and any(s in t or _overlaps(t, s) for s in g))
            for t in strings
        }
        self._scan = re.compile("|".join(map(re.escape, strings))) if strings else None

    def closed(self, text: str) -> frozenset[int]:
        """Ids of the patterns that cannot match ``text``."""
        if self._scan is None:
            return frozenset()
        opened: set[int] = set()
        for t in set(self._scan.findall(text)):
            opened |= self._opens[t]
        return self._gated.difference(opened)


def finditer(pattern: re.Pattern[str], text: str, closed: frozenset[int]) -> Iterator[re.Match[str]] | tuple[()]:
    """``pattern.finditer(text)``, or nothing when its gate is closed."""
    return () if id(pattern) in closed else pattern.finditer(text)


def search(pattern: re.Pattern[str], text: str, closed: frozenset[int]) -> re.Match[str] | None:
    """``pattern.search(text)``, or None when its gate is closed."""
    return None if id(pattern) in closed else pattern.search(text)
