"""The portfolio view: calls that several organizations of one incubator rank highly for.

Incubator staff decide who goes for which call. A call in the first few
places of two or more organizations' lists is one they may compete for;
this module gathers those calls from the organizations' ranked lists (as
:func:`matcher.rank.recommend_many` or the rankings store give them), with
who fits best, who may apply, and the limits the call's text puts on
applications (:mod:`matcher.limits`) — a limit the organizations share
(每个孵化器/每个区限推荐N家) is flagged when more of them may apply than it
allows. Nothing here ranks: the order of each list is the ranker's; calls
come most contested first (the sum of the scores of those that may apply).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from .limits import Limit, application_limits
from .records import Grant, Org

__all__ = ["Contender", "SharedCall", "shared_calls"]

_ORDER = {"eligible": 0, "unknown": 1, "ineligible": 2}


class Ranked(Protocol):
    """One place of a ranked list: a :class:`~matcher.records.Match` or a stored entry."""

    grant: Grant
    score: float
    eligibility: str
    expired: bool


@dataclass(frozen=True)
class Contender:
    """One organization that has the call high on its list."""

    org: Org
    rank: int  # its place in that organization's list
    score: float
    eligibility: str

    @property
    def may_apply(self) -> bool:
        """Eligible, or not known to be ineligible."""
        return self.eligibility != "ineligible"


@dataclass(frozen=True)
class SharedCall:
    """A call several organizations rank highly, who they are (eligible first, then by score) and its limits."""

    grant: Grant
    contenders: tuple[Contender, ...]
    limits: tuple[Limit, ...]

    @property
    def may_apply(self) -> tuple[Contender, ...]:
        """The contenders that are not ineligible."""
        return tuple(c for c in self.contenders if c.may_apply)

    @property
    def eligible(self) -> tuple[Contender, ...]:
        """The contenders that meet every condition read."""
        return tuple(c for c in self.contenders if c.eligibility == "eligible")

    @property
    def best(self) -> Contender | None:
        """Who fits best among those that may apply: the eligible one with the highest score, else the highest unknown."""
        return self.contenders[0] if self.contenders and self.contenders[0].may_apply else None

    @property
    def shared_limit(self) -> Limit | None:
        """The tightest limit the organizations share (per incubator, region or recommending body), if any."""
        shared = [lim for lim in self.limits if lim.shared and lim.count is not None]
        return min(shared, key=lambda lim: lim.count) if shared else None  # type: ignore[arg-type,return-value]

    def crowded(self) -> Limit | None:
        """The shared limit, when more contenders may apply than it lets through."""
        lim = self.shared_limit
        return lim if lim is not None and len(self.may_apply) > lim.count else None  # type: ignore[operator]

    def over(self, planned: int) -> Limit | None:
        """The shared limit, when ``planned`` organizations (marked to apply) are more than it lets through."""
        lim = self.shared_limit
        return lim if lim is not None and planned > lim.count else None  # type: ignore[operator]


def shared_calls(lists: Iterable[tuple[Org, Sequence[Ranked]]], *, within: int = 5, min_orgs: int = 2,
                 limits: Callable[[Grant], tuple[Limit, ...]] = application_limits) -> list[SharedCall]:
    """The calls in at least ``min_orgs`` organizations' first ``within`` places.

    A place with a score of 0 (the texts share nothing: a short list's
    filler) does not count. Most contested first: the sum of the scores of
    the organizations that may apply (many good fits before many weak ones),
    then the number of contenders (file order of first sight on ties).
    """
    seen: dict[str, tuple[Grant, list[Contender]]] = {}
    for org, ranked in lists:
        for rank, r in enumerate(ranked[:within], start=1):
            if r.score <= 0:
                continue
            entry = seen.setdefault(r.grant.grant_id, (r.grant, []))
            entry[1].append(Contender(org, rank, float(r.score), r.eligibility))
    out = []
    for grant, cs in seen.values():
        if len(cs) < min_orgs:
            continue
        cs.sort(key=lambda c: (_ORDER.get(c.eligibility, 1), -c.score, c.rank))
        out.append(SharedCall(grant, tuple(cs), limits(grant)))
    order = {gid: i for i, gid in enumerate(seen)}
    out.sort(key=lambda s: (-round(sum(c.score for c in s.may_apply), 6), -len(s.contenders), order[s.grant.grant_id]))
    return out
