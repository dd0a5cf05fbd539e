"""Sector concepts: what a text is about, by concept rather than by word.

Reads ``resources/sectors.tsv`` — fields (养老服务, 环保与生态 …), populations
(儿童, 老年人 …) and support types (能力建设, 孵化 …) compiled from public
classifications (慈善法 §3, the civil-affairs classification of social
organizations, Candid's PCS; sources and licences in the file's header) —
and finds them in a text by its words, longest first, so 留守儿童关爱 counts
儿童 once and 环境教育 is not also 教育. The model counts concepts as features
(:mod:`matcher.features`), the condition reader asks which field an applicant
must work in, and a reason can say "儿童（孩子、留守儿童）".
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

__all__ = ["Concept", "ConceptTable", "concept_table"]

KINDS = ("field", "population", "support")


@dataclass(frozen=True)
class Concept:
    """One concept of the table."""

    concept_id: str
    kind: str
    label: str
    terms: tuple[str, ...]

    @property
    def short(self) -> str:
        """The label's head, for reasons: 养老服务, 环保与生态 → 环保."""
        return self.label.split("与")[0].split("、")[0].split("和")[0]


class ConceptTable:
    """Term → concepts index over the table, with a longest-first scan."""

    def __init__(self, concepts: Iterable[Concept], neighbours: Iterable[Iterable[str]] = ()) -> None:
        self.concepts: dict[str, Concept] = {c.concept_id: c for c in concepts}
        self.neighbours: dict[str, frozenset[str]] = {}
        near: dict[str, set[str]] = {}
        for group in neighbours:
            ids = [i for i in group if i in self.concepts]
            for i in ids:
                near.setdefault(i, set()).update(j for j in ids if j != i)
        self.neighbours = {k: frozenset(v) for k, v in near.items()}
        index: dict[str, list[str]] = {}
        for c in self.concepts.values():
            for t in c.terms:
                index.setdefault(t, [])
                if c.concept_id not in index[t]:
                    index[t].append(c.concept_id)
        self.index: dict[str, tuple[str, ...]] = {t: tuple(ids) for t, ids in index.items()}
        lengths: dict[str, set[int]] = {}
        for t in self.index:
            lengths.setdefault(t[0], set()).add(len(t))
        self._lengths = {ch: tuple(sorted(ls, reverse=True)) for ch, ls in lengths.items()}

    def scan(self, text: str) -> list[tuple[int, int, tuple[str, ...]]]:
        """``(start, end, concept_ids)`` of each term in ``text``, left to right,
        longest first, not overlapping."""
        out = []
        i, n = 0, len(text)
        index, lengths = self.index, self._lengths
        while i < n:
            for k in lengths.get(text[i], ()):
                ids = index.get(text[i : i + k]) if i + k <= n else None
                if ids:
                    out.append((i, i + k, ids))
                    i += k
                    break
            else:
                i += 1
        return out

    def counts(self, text: str, kinds: tuple[str, ...] = KINDS) -> Counter[str]:
        """How often each concept of ``kinds`` is named in ``text``."""
        c: Counter[str] = Counter()
        for _a, _b, ids in self.scan(text):
            for cid in ids:
                if self.concepts[cid].kind in kinds:
                    c[cid] += 1
        return c

    def surfaces(self, text: str, concept_id: str) -> list[str]:
        """The words of ``text`` that named ``concept_id``, first-seen order."""
        return list(self._surface_map(text).get(concept_id, ()))

    def _surface_map(self, text: str) -> dict[str, tuple[str, ...]]:
        """``concept_id → words`` of one text; the last few texts kept, since a page
        or a report explains one organization against many programmes in a row."""
        cache = self.__dict__.setdefault("_surface_cache", {})
        found = cache.get(text)
        if found is None:
            words: dict[str, dict[str, None]] = {}
            for a, b, ids in self.scan(text):
                for cid in ids:
                    words.setdefault(cid, {})[text[a:b]] = None
            found = {cid: tuple(w) for cid, w in words.items()}
            if len(cache) >= 4096:
                cache.pop(next(iter(cache)))
            cache[text] = found
        return found


    def by_label(self, label: str) -> Concept | None:
        """The field or population concept whose short label is ``label``."""
        labels = self.__dict__.get("_labels")
        if labels is None:
            labels = {}
            for c in self.concepts.values():
                if c.kind != "support":
                    labels.setdefault(c.short, c)
            self.__dict__["_labels"] = labels
        return labels.get(label)

    def reason_term(self, label: str, *texts: str) -> str:
        """"儿童（孩子、留守儿童）": a concept with the words that named it in ``texts``."""
        c = self.by_label(label)
        if c is None:
            return label
        words = [w for t in texts for w in self.surfaces(t, c.concept_id) if w != label]
        words = list(dict.fromkeys(words))[:3]
        return f"{label}（{'、'.join(words)}）" if words else label

    def forms(self, term: str) -> list[str] | None:
        """Words that count as a concept reason term (for highlighting), or None if it is none."""
        label = term.split("（", 1)[0]
        c = self.by_label(label)
        if c is None or (label == term and "（" not in term and c.short != term):
            return None
        shown = term[len(label) + 1:-1].split("、") if "（" in term else []
        return sorted({label, *shown, *c.terms}, key=len, reverse=True)


def _parse(text: str) -> list[Concept]:
    out = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 5 or parts[1] not in KINDS:
            raise ValueError(f"sectors.tsv line {n}: expected 5 tab-separated fields with a valid kind")
        cid, kind, label, terms, _source = parts
        out.append(Concept(cid, kind, label, tuple(t for t in terms.split() if len(t) >= 2)))
    return out


@functools.cache
def concept_table() -> ConceptTable:
    """The bundled table, read once per process on first use."""
    pkg = resources.files("matcher.resources")
    text = pkg.joinpath("sectors.tsv").read_text(encoding="utf-8")
    near = [ln.split("\t") for ln in pkg.joinpath("sector_neighbours.tsv").read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")]
    return ConceptTable(_parse(text), near)
