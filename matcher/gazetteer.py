"""Places from the national division table: which province, prefecture and county a name is.

Reads ``resources/divisions.csv`` (the National Bureau of Statistics' division
codes, as shipped by the MIT-licensed ``cpca`` package; source and licence in
the file's header) once, on first use, and answers three questions the rest
of the library asks:

* which places a name can be (湘西, 湘西州 and 湘西土家族苗族自治州 are one
  prefecture; 朝阳区 is a district of Beijing *and* of Changchun);
* where a piece of text names a place (:meth:`Gazetteer.scan`, longest name
  first), and the one place a short address means (:meth:`Gazetteer.resolve`:
  湖南湘西州凤凰县 → 凤凰县, a candidate kept only when it is consistent with
  the other places named);
* whether one place lies within another (:func:`within`): the codes say so
  (a county's code starts with its prefecture's four digits, which start
  with its province's two).

Names are indexed in their full form and in the short forms people write:
provinces without 省/市/自治区 (广西, 内蒙古), prefectures without 市, 地区, 盟
or their ethnic names and 自治州 (阿坝, 阿坝州), and counties in full (涉县,
宾川县) or, when at least three characters long and not already the name of
a bigger place, without their suffix (香格里拉). A county's two-character short
form (宾川) is not indexed: too many of them are ordinary words.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

__all__ = ["Gazetteer", "Mention", "Place", "gazetteer", "within"]

_PROVINCE_SUFFIX = re.compile(r"(?:壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|省|市)$")


@dataclass(frozen=True)
class Place:
    """One division: a 12-digit code and its official name."""

    code: str
    name: str

    @property
    def level(self) -> int:
        """1 province (or municipality), 2 prefecture, 3 county or district."""
        if self.code[2:] == "0" * 10:
            return 1
        if self.code[4:] == "0" * 8:
            return 2
        return 3

    @property
    def prefix(self) -> str:
        """The digits every place within this one starts with."""
        return self.code[: 2 * self.level]

    @property
    def province_code(self) -> str:
        return self.code[:2] + "0" * 10


@dataclass(frozen=True)
class Mention:
    """A place name found in a text, with every place it can be."""

    start: int
    end: int
    surface: str
    places: tuple[Place, ...]


def within(inner: Place, outer: Place) -> bool:
    """True when ``inner`` is ``outer`` or lies inside it."""
    return inner.code.startswith(outer.prefix)


class Gazetteer:
    """Name → places index over the division table (see the module docstring)."""

    def __init__(self, rows: Iterable[tuple[str, str]], nations: Iterable[str]) -> None:
        self.places: dict[str, Place] = {}
        for code, name in rows:
            self.places[code] = Place(code, name)
        nat = sorted(set(nations), key=len, reverse=True)
        self._ethnic = re.compile("(?:" + "|".join(map(re.escape, nat)) + ")+(?=自治)") if nat else None
        forms: dict[str, list[Place]] = {}
        for p in sorted(self.places.values(), key=lambda p: (p.level, p.code)):
            for form in self._forms(p):
                forms.setdefault(form, [])
                if p not in forms[form]:
                    forms[form].append(p)
        # a short form shared with a bigger place means the bigger one (吉林, 海南):
        # the smaller keeps its full and suffixed forms
        self.names: dict[str, tuple[Place, ...]] = {}
        for form, ps in forms.items():
            top = min(p.level for p in ps)
            keep = [p for p in ps if p.level == top or form == p.name]
            self.names[form] = tuple(keep)
        self._lengths: dict[str, tuple[int, ...]] = {}
        by_first: dict[str, set[int]] = {}
        for form in self.names:
            by_first.setdefault(form[0], set()).add(len(form))
        self._lengths = {c: tuple(sorted(ls, reverse=True)) for c, ls in by_first.items()}

    # -- names -----------------------------------------------------------------
    def _strip_ethnic(self, name: str) -> str:
        return self._ethnic.sub("", name) if self._ethnic else name

    def _forms(self, p: Place) -> list[str]:
        name = p.name
        out = [name]
        if p.level == 1:
            short = _PROVINCE_SUFFIX.sub("", name)
            if short != name and len(short) >= 2:
                out.append(short)
            return out
        if name.endswith("自治州"):
            base = self._strip_ethnic(name)[: -len("自治州")]
            out += [base, base + "州"]
        elif name.endswith(("自治县", "自治旗")):
            base = self._strip_ethnic(name)[: -len("自治县")]
            out += [base + name[-1]]
            if len(base) >= 3:
                out.append(base)
        elif p.level == 2 and name.endswith(("市", "盟")):
            out.append(name[:-1])
        elif p.level == 2 and name.endswith("地区"):
            out.append(name[:-2])
        elif p.level == 3 and name.endswith(("市", "县", "区", "旗")) and len(name) >= 4:
            out.append(name[:-1])
        return [f for f in dict.fromkeys(out) if len(f) >= 2]

    def candidates(self, name: str) -> tuple[Place, ...]:
        """Every place ``name`` (full or short form) can be; ``()`` if none."""
        return self.names.get(name.strip(), ())

    def short(self, place: Place) -> str:
        """The name people write: 河北, 石家庄, 阿坝州 → 阿坝, 宾川县."""
        forms = self._forms(place)
        return min(forms, key=len) if place.level < 3 else place.name

    def province(self, place: Place) -> Place:
        return self.places.get(place.province_code, place)

    # -- text ------------------------------------------------------------------
    def scan(self, text: str) -> list[Mention]:
        """Place names in ``text``, left to right, longest first, not overlapping."""
        out: list[Mention] = []
        i, n = 0, len(text)
        names, lengths = self.names, self._lengths
        while i < n:
            for k in lengths.get(text[i], ()):
                if i + k <= n:
                    ps = names.get(text[i : i + k])
                    if ps:
                        out.append(Mention(i, i + k, text[i : i + k], ps))
                        i += k
                        break
            else:
                i += 1
        return out

    def resolve(self, text: str) -> Place | None:
        """The one place an address or place phrase means, as precisely as it says.

        Every name in ``text`` narrows the answer: a candidate is kept when it
        is consistent with the other names (within them, or containing them).
        Where a name stays ambiguous, the places it can be share an ancestor
        or the answer is ``None`` (unknown, never a guess).
        """
        mentions = self.scan(text)
        if not mentions:
            return None
        chosen: list[Place] = []
        for m in mentions:
            others = [o for o in mentions if o is not m]
            keep = [
                p for p in m.places
                if all(any(within(p, q) or within(q, p) for q in o.places) for o in others)
            ]
            keep = keep or list(m.places)
            common = _common_ancestor(self, keep)
            if common is None:
                return None
            chosen.append(common)
        best = max(chosen, key=lambda p: p.level)
        # every chosen place must lie on one line from the province down
        if all(within(best, c) for c in chosen):
            return best
        return None


def _common_ancestor(gz: Gazetteer, places: list[Place]) -> Place | None:
    if len(places) == 1:
        return places[0]
    for level in (2, 1):
        codes = {p.code[: 2 * level] for p in places}
        if len(codes) == 1:
            code = next(iter(codes)).ljust(12, "0")
            return gz.places.get(code)
    return None


@functools.cache
def gazetteer() -> Gazetteer:
    """The bundled division table, read once per process on first use."""
    pkg = resources.files("matcher.resources")
    text = pkg.joinpath("divisions.csv").read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    reader = csv.reader(lines)
    next(reader)  # header
    rows = [(code, name) for code, name in reader]
    nations = [
        ln.strip() for ln in pkg.joinpath("nations.txt").read_text(encoding="utf-8").splitlines()
        if ln.strip() and not ln.startswith("#")
    ]
    return Gazetteer(rows, nations)
