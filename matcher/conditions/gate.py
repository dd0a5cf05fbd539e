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

# One element's knowledge: (exact, candidates). ``exact``: the finite set of
# strings the element can match, or None; ``candidates``: sets of strings,
# each such that any match contains one of its strings.
_Info = tuple[frozenset[str] | None, tuple[frozenset[str], ...]]
_NOTHING: _Info = (None, ())
#: Candidates kept per element (the cheapest): enough to find a set shared by
#: every branch of an alternation, small enough to stay fast on big patterns.
_KEEP = 8


def _usable(s: frozenset[str] | None) -> bool:
    return s is not None and 0 < len(s) <= MAX_ALTERNATIVES and "" not in s


#: Rough chance that a programme text holds a given string of 1, 2, 3, 4
#: characters (halved for each further one): a single character is in most
#: texts, a long phrase in few. Only the choice between candidate gates
#: depends on it, never a result.
_CHANCE = (0.9, 0.15, 0.05, 0.02)


def _cost(s: frozenset[str]) -> tuple[float, int, tuple[str, ...]]:
    """Chance that a text holds one of ``s`` (strings taken as independent);
    ties go to the longer strings, then to the same set on every run."""
    miss = 1.0
    for x in s:
        n = len(x)
        miss *= 1 - (_CHANCE[n - 1] if n <= len(_CHANCE) else _CHANCE[-1] * 0.5 ** (n - len(_CHANCE)))
    return 1 - miss, -sum(map(len, s)), tuple(sorted(s))


def _prune(cands) -> tuple[frozenset[str], ...]:
    return tuple(sorted({c for c in cands if _usable(c)}, key=_cost)[:_KEEP])


def _sequence(items: Iterable) -> _Info:
    cands: list[frozenset[str]] = []
    run: frozenset[str] | None = frozenset({""})  # exact strings of the current run of exact elements
    whole: frozenset[str] | None = frozenset({""})
    for item in items:
        exact, found = _element(item)
        cands += found
        if exact is not None and run is not None and len(run) * len(exact) <= MAX_ALTERNATIVES:
            run = frozenset(a + b for a in run for b in exact)
        else:
            run = exact if exact is not None and len(exact) <= MAX_ALTERNATIVES else None
        if run is not None:
            cands.append(run)
        if whole is not None:
            whole = (frozenset(a + b for a in whole for b in exact)
                     if exact is not None and len(whole) * len(exact) <= MAX_ALTERNATIVES else None)
    if whole is not None:
        cands.append(whole)
    return whole, _prune(cands)


def _element(item) -> _Info:
    op, av = item
    if op is _c.LITERAL:
        s = frozenset({chr(av)})
        return s, (s,)
    if op is _c.IN:
        if all(o is _c.LITERAL for o, _ in av):
            s = frozenset(chr(v) for _, v in av)
            return s, _prune([s])
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
        cands: list[frozenset[str]] = []
        if all(found for _, found in infos):
            # each branch's cheapest, together; or one set every branch requires
            cands.append(frozenset().union(*(found[0] for _, found in infos)))
            cands += [c for c in infos[0][1] if all(c in found for _, found in infos[1:])]
        if exact is not None:
            cands.append(exact)
        return exact, _prune(cands)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        lo, hi, items = av
        if lo == 0:
            return _NOTHING
        exact, found = _sequence(items)
        return (exact if lo == hi == 1 else None), found
    return _NOTHING  # lookarounds, anchors, classes, backreferences: no claim


def gate(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Strings one of which every match of ``pattern`` contains, or None."""
    if pattern.flags & (re.IGNORECASE | re.VERBOSE) or not isinstance(pattern.pattern, str):
        return None
    try:
        _exact, cands = _sequence(_p.parse(pattern.pattern, pattern.flags))
    except Exception:  # noqa: BLE001 - an unknown parser shape: just no gate
        return None
    return cands[0] if cands else None


def _overlaps(found: str, s: str) -> bool:
    """``s`` may start inside ``found`` and run past its end."""
    return any(found.endswith(s[:k]) for k in range(1, min(len(found), len(s))))


class Gates:
    """The gates of a fixed set of patterns, tested together in one scan.

    One regex of every gate string (longest first) finds, left to right,
    which of them a text holds; a pattern is skipped when none of its gate
    strings was found. The scan does not report a string that overlaps one
    found before it, so a found string also vouches for the gate strings it
    contains, and, when one of them could begin inside it and run on ("专职"
    before "职业资格…"), that pattern's strings are looked for one by one.
    A skipped pattern provably has no match.
    """

    def __init__(self, patterns: Iterable[re.Pattern[str]]) -> None:
        gates = {id(p): g for p in patterns if (g := gate(p)) is not None}
        self._gated = frozenset(gates)
        self._strings = {k: tuple(sorted(g)) for k, g in gates.items()}
        strings = sorted({s for g in gates.values() for s in g}, key=lambda s: (-len(s), s))
        self._sure = {t: frozenset(k for k, g in gates.items() if any(s in t for s in g)) for t in strings}
        self._maybe = {
            t: frozenset(k for k, g in gates.items() if any(_overlaps(t, s) for s in g)) - self._sure[t]
            for t in strings
        }
        self._scan = re.compile("|".join(map(re.escape, strings))) if strings else None

    def closed(self, text: str) -> frozenset[int]:
        """Ids of the patterns that cannot match ``text``."""
        if self._scan is None:
            return frozenset()
        opened: set[int] = set()
        maybe: set[int] = set()
        for t in set(self._scan.findall(text)):
            opened |= self._sure[t]
            maybe |= self._maybe[t]
        for k in maybe - opened:
            if any(s in text for s in self._strings[k]):
                opened.add(k)
        return self._gated.difference(opened)


def finditer(pattern: re.Pattern[str], text: str, closed: frozenset[int]) -> Iterator[re.Match[str]] | tuple[()]:
    """``pattern.finditer(text)``, or nothing when its gate is closed."""
    return () if id(pattern) in closed else pattern.finditer(text)


def search(pattern: re.Pattern[str], text: str, closed: frozenset[int]) -> re.Match[str] | None:
    """``pattern.search(text)``, or None when its gate is closed."""
    return None if id(pattern) in closed else pattern.search(text)
