"""Typed records that flow through the pipeline.

Everything past :mod:`matcher.io` trusts these: they were validated when
they were read, so the rest of the library does no defensive parsing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from .conditions import Condition

LEGAL_FORMS = ("民办非企业单位", "社会服务机构", "社会团体", "基金会", "未注册团体", "工商注册")
STAGES = ("初创期", "成长期", "成熟期")

GRANT_REQUIRED = ("grant_id", "name", "funder", "category", "eligibility", "description")
GRANT_OPTIONAL = ("region", "deadline", "url", "source", "conditions", "updated", "source_url", "recurs")
ORG_REQUIRED = ("org_id", "name", "profile")
ORG_OPTIONAL = (
    "city",
    "founded_year",
    "legal_form",
    "stage",
    "fields",
    "fulltime_staff",
    "women_led",
    "rating",
    "inspection_year",
    "charity",
    "public_fundraising",
)
#: 评估等级: 无 (never rated) or 1A–5A.
RATINGS = ("无", "1A", "2A", "3A", "4A", "5A")


def is_web_url(value: str) -> bool:
    """True for an absolute ``http``/``https`` URL with a host and no whitespace or control characters.

    Anything else (``javascript:``, ``data:``, a relative path, ``java\tscript:``)
    must never become a link's ``href``.
    """
    if not value or any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:  # e.g. an unbalanced "[" in the host
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


@dataclass(frozen=True)
class Grant:
    """A funding programme, as a funder describes it."""

    grant_id: str
    name: str
    funder: str
    category: str
    eligibility: str
    description: str
    region: str = ""
    deadline: date | None = None
    url: str = ""
    source: str = ""
    conditions: str = ""  # manual corrections to the condition reader
    updated: str = ""
    source_url: str = ""  # where the information was read (a page), when it is not the programme's own link
    recurs: str = ""  # "" unknown, or yearly / half-yearly / quarterly / none (matcher.recurrence)

    @property
    def text(self) -> str:
        """All the free text a person would read to judge a match."""
        return "\n".join((self.name, self.eligibility, self.description))

    @property
    def link(self) -> str:
        """``url`` when it may be a link (http/https), else ``""``: other values are shown as text."""
        return self.url if is_web_url(self.url) else ""

    @property
    def source_link(self) -> str:
        """``source_url`` when it may be a link (http/https), else ``""``."""
        return self.source_url if is_web_url(self.source_url) else ""


@dataclass(frozen=True)
class Org:
    """An organization looking for funding; blank fields are ``None``/empty."""

    org_id: str
    name: str
    profile: str
    city: str = ""
    founded_year: int | None = None
    legal_form: str = ""
    stage: str = ""
    fields: tuple[str, ...] = ()
    fulltime_staff: int | None = None
    women_led: bool | None = None
    rating: str = ""  # 评估等级: "" unknown, 无, 1A–5A
    inspection_year: int | None = None  # the last year its 年检 / 年报 passed
    charity: bool | None = None  # recognized as a 慈善组织
    public_fundraising: bool | None = None  # holds 公开募捐资格 (公募)

    @property
    def text(self) -> str:
        """Profile text plus the field tags, which are words the org chose."""
        return "\n".join((self.name, self.profile, " ".join(self.fields)))


@dataclass(frozen=True)
class Reason:
    """One part of a score: a shared term or concept, or a fit, and how much
    of the score it accounts for (the parts add up to at most the score).

    ``feature`` names the ranker's feature it belongs to (``word``,
    ``concept``, ``stage``, ``open``; see :mod:`matcher.features`).
    """

    term: str
    weight: float
    feature: str = "word"

    @property
    def label(self) -> str:
        """The word or concept itself, without the words shown in brackets."""
        return self.term.split("（", 1)[0]


@dataclass(frozen=True)
class Check:
    """One hard condition of a programme checked against one organization.

    ``status`` is ``"met"``, ``"unmet"`` or ``"unknown"``; ``evidence`` is
    the exact substring of the programme text the condition was read from.
    """

    kind: str
    status: str
    explanation: str
    evidence: str = ""


@dataclass(frozen=True)
class Match:
    """One programme recommended to one organization, with its reasons."""

    rank: int
    grant: Grant
    score: float
    reasons: tuple[Reason, ...] = ()
    eligibility: str = "unknown"  # eligible / ineligible / unknown
    checks: tuple[Check, ...] = field(default=())
    expired: bool = False
    #: each feature's part of the score (word, concept, stage, open), adding up to it
    parts: tuple[tuple[str, float], ...] = ()
    #: the conditions ``checks`` checked, in the same order (what :mod:`matcher.advice` reads);
    #: they follow from the programme, so they take no part in comparing matches
    conditions: tuple[Condition, ...] = field(default=(), compare=False, repr=False)


@dataclass(frozen=True)
class OrgFit:
    """Reverse match: one organization that fits a given programme."""

    rank: int
    org: Org
    score: float
    reasons: tuple[Reason, ...] = ()
    eligibility: str = "unknown"
    checks: tuple[Check, ...] = ()
