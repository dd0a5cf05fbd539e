"""Lists a page at a time: the organization list's search, filters and sort, and page arithmetic.

Query strings are read here and never fail: an unknown sort or a page
past the end falls back to something sensible, so a shared link always
shows a page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from matcher.records import Org

T = TypeVar("T")

MAX_SEARCH = 100
SORTS = {"file": "默认顺序", "name": "名称", "city": "城市", "score": "最高匹配度"}


def page_number(args: Mapping[str, str]) -> int:
    """``?page=N`` (1 when missing or not a positive integer)."""
    try:
        n = int(args.get("page", "1"))
    except ValueError:
        return 1
    return n if n >= 1 else 1


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a longer list."""

    items: Sequence[T]
    number: int
    pages: int
    total: int
    first: int  # 1-based position of items[0] in the list


def paginate(items: Sequence[T], number: int, per_page: int) -> Page[T]:
    """Page ``number`` (clamped to the last page) of ``items``."""
    pages = max(1, -(-len(items) // per_page))
    number = min(max(1, number), pages)
    start = (number - 1) * per_page
    return Page(items=items[start:start + per_page], number=number, pages=pages, total=len(items), first=start + 1)


@dataclass(frozen=True)
class Pager:
    """Links of a pager: previous, next, and page numbers around the current one (None: a gap)."""

    prev: dict[str, str] | None
    next: dict[str, str] | None
    numbers: list[tuple[int | None, dict[str, str]]]


def page_links(page: Page, args: Mapping[str, str]) -> Pager:
    """The pager of ``page``; every link keeps ``args`` (the search and filters)."""
    keep = {k: v for k, v in args.items() if k != "page" and v}

    def at(n: int) -> dict[str, str]:
        return {**keep, "page": str(n)} if n > 1 else dict(keep)

    near = {1, page.pages, *range(page.number - 2, page.number + 3)}
    numbers: list[tuple[int | None, dict[str, str]]] = []
    last = 0
    for n in sorted(x for x in near if 1 <= x <= page.pages):
        if n > last + 1:
            numbers.append((None, {}))
        numbers.append((n, at(n)))
        last = n
    return Pager(prev=at(page.number - 1) if page.number > 1 else None,
                 next=at(page.number + 1) if page.number < page.pages else None, numbers=numbers)


@dataclass(frozen=True)
class OrgQuery:
    """Search, filters and sort of the organization list (a GET form)."""

    q: str = ""
    city: str = ""
    field: str = ""
    sort: str = "file"
    page: int = 1

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> OrgQuery:
        """Read the query string."""
        sort = args.get("sort", "file")
        return cls(q=args.get("q", "").strip()[:MAX_SEARCH], city=args.get("city", "")[:100],
                   field=args.get("field", "")[:50], sort=sort if sort in SORTS else "file",
                   page=page_number(args))

    def args(self) -> dict[str, str]:
        """The non-default values, for links that keep them."""
        out = {"q": self.q, "city": self.city, "field": self.field}
        if self.sort != "file":
            out["sort"] = self.sort
        return {k: v for k, v in out.items() if v}

    @property
    def filtered(self) -> bool:
        """True when a search or a filter narrows the list."""
        return bool(self.q or self.city or self.field)


def filter_orgs(orgs: Sequence[Org], query: OrgQuery) -> list[Org]:
    """Organizations whose name or id contains ``q``, in ``city``, with ``field`` among their tags."""
    needle = query.q.lower()
    out = []
    for o in orgs:
        if needle and needle not in o.name.lower() and needle not in o.org_id.lower():
            continue
        if query.city and o.city != query.city:
            continue
        if query.field and query.field not in o.fields:
            continue
        out.append(o)
    return out


def sort_orgs(orgs: list[Org], sort: str, best: Mapping[str, float] | None) -> list[Org]:
    """Sorted as asked (stable: file order breaks ties); by score only when ``best`` is known."""
    if sort == "name":
        return sorted(orgs, key=lambda o: o.name)
    if sort == "city":
        return sorted(orgs, key=lambda o: (o.city == "", o.city))
    if sort == "score" and best is not None:
        return sorted(orgs, key=lambda o: -best.get(o.org_id, 0.0))
    return orgs


def cities(orgs: Sequence[Org]) -> list[str]:
    """Every stated city, most organizations first."""
    return _by_count(o.city for o in orgs if o.city)


def fields(orgs: Sequence[Org]) -> list[str]:
    """Every field tag, most organizations first."""
    return _by_count(t for o in orgs for t in o.fields)


def _by_count(values) -> list[str]:
    counts: dict[str, int] = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    return sorted(counts, key=lambda v: -counts[v])
