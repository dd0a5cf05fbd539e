"""Turn ranking results into what templates show: options, filters, highlights, bars.

No ranking happens here: the order comes from :func:`matcher.rank.recommend`;
this module only filters by the visitor's controls and prepares text
segments so that templates stay loops and ifs.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from weakref import WeakKeyDictionary

from matcher.advice import NextStep, next_step
from matcher.freshness import info_date, info_note
from matcher.labels import ScoreLabel, is_related, score_labels
from matcher.records import Check, Grant, Match, Org
from matcher.recurrence import NextWindow, Recurrences

from .highlight import Segment, segments, term_forms
from .listing import page_number

MAX_TOP = 50
ELIGIBILITY_LABELS = {"eligible": "符合条件", "ineligible": "不符合条件", "unknown": "条件待确认"}
ELIGIBILITY_SYMBOLS = {"eligible": "✓", "ineligible": "✗", "unknown": "?"}
STATUS_LABELS = {"met": "符合", "unmet": "不符合", "unknown": "待确认"}
STATUS_SYMBOLS = {"met": "✓", "unmet": "✗", "unknown": "?"}


def _flag(args: Mapping[str, str], key: str) -> bool:
    return args.get(key, "") in ("1", "on", "true", "yes")


def parse_top(value: str | None, default: int, *, cap: int = MAX_TOP) -> int:
    """A 1…cap integer from a query string; ``ValueError`` with a Chinese message otherwise."""
    if value is None or value == "":
        return default
    try:
        n = int(value)
    except ValueError:
        raise ValueError(f"top 应为 1 到 {cap} 之间的整数") from None
    if not 1 <= n <= cap:
        raise ValueError(f"top 应为 1 到 {cap} 之间的整数")
    return n


@dataclass(frozen=True)
class Options:
    """The controls of an organization page (a GET form)."""

    top: int = 10
    category: str = ""
    region: str = ""
    hide_expired: bool = False
    hide_ineligible: bool = False
    show_rejected: bool = False
    sort: str = "score"

    @classmethod
    def from_args(cls, args: Mapping[str, str], *, default_top: int = 10) -> Options:
        """Read the query string; bad values fall back to the defaults (a page never fails on them)."""
        try:
            top = parse_top(args.get("top"), default_top)
        except ValueError:
            top = default_top
        return cls(
            top=top,
            category=args.get("category", "")[:50],
            region=args.get("region", "")[:50],
            hide_expired=_flag(args, "hide_expired"),
            hide_ineligible=_flag(args, "hide_ineligible"),
            show_rejected=_flag(args, "show_rejected"),
            sort="deadline" if args.get("sort") == "deadline" else "score",
        )


OVERVIEW_KS = (3, 5, 10, 20)
FIT_TOPS = (10, 20, 50)


@dataclass(frozen=True)
class OverviewOptions:
    """The controls of the overview: how many programmes per organization, which programmes, which page."""

    k: int = 5
    category: str = ""
    region: str = ""
    hide_expired: bool = False
    hide_ineligible: bool = False
    q: str = ""
    page: int = 1

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> OverviewOptions:
        """Read the query string; bad values fall back to the defaults."""
        try:
            k = int(args.get("k", cls.k))
        except ValueError:
            k = cls.k
        return cls(k=k if k in OVERVIEW_KS else cls.k, category=args.get("category", "")[:50],
                   region=args.get("region", "")[:50], hide_expired=_flag(args, "hide_expired"),
                   hide_ineligible=_flag(args, "hide_ineligible"), q=args.get("q", "").strip()[:100],
                   page=page_number(args))

    def args(self) -> dict[str, str]:
        """The non-default controls, for page links."""
        out = {"category": self.category, "region": self.region, "q": self.q}
        if self.k != OverviewOptions.k:
            out["k"] = str(self.k)
        for key in ("hide_expired", "hide_ineligible"):
            if getattr(self, key):
                out[key] = "1"
        return {k: v for k, v in out.items() if v}

    def keep(self) -> Callable[[Grant], bool] | None:
        """The programme filter (category, region)."""
        return keep_filter(Options(category=self.category, region=self.region), ())


def keep_args(opts: Options) -> dict[str, str]:
    """The non-default controls, so a tracker form returns to the same view."""
    out = {}
    if opts.top != Options.top:
        out["top"] = str(opts.top)
    for key in ("category", "region"):
        if getattr(opts, key):
            out[key] = getattr(opts, key)
    for key in ("hide_expired", "hide_ineligible", "show_rejected"):
        if getattr(opts, key):
            out[key] = "1"
    if opts.sort != "score":
        out["sort"] = opts.sort
    return out


def category_tags(grant: Grant) -> list[str]:
    """``儿童+教育`` → ``["儿童", "教育"]``."""
    return [t.strip() for t in grant.category.replace("＋", "+").split("+") if t.strip()]


def categories(grants: Sequence[Grant]) -> list[str]:
    """Every category tag, in first-seen order."""
    seen: dict[str, None] = {}
    for g in grants:
        for t in category_tags(g):
            seen.setdefault(t)
    return list(seen)


def regions(grants: Sequence[Grant]) -> list[str]:
    """Every stated region, in first-seen order."""
    seen: dict[str, None] = {}
    for g in grants:
        if g.region:
            seen.setdefault(g.region)
    return list(seen)


def keep_filter(opts: Options, rejected: Collection[str]) -> Callable[[Grant], bool] | None:
    """The ``keep`` predicate for :func:`recommend`: category, region, and rejected marks."""
    hidden = frozenset(() if opts.show_rejected else rejected)
    if not (opts.category or opts.region or hidden):
        return None

    def keep(g: Grant) -> bool:
        if g.grant_id in hidden:
            return False
        if opts.category and opts.category not in category_tags(g):
            return False
        # a programme that names no region is open everywhere
        return not (opts.region and g.region and opts.region not in g.region)

    return keep


def by_deadline(matches: Sequence[Match]) -> list[Match]:
    """Soonest deadline first, open-ended last; ties keep their rank."""
    return sorted(matches, key=lambda m: (m.grant.deadline is None, m.grant.deadline or date.max, m.rank))


def bar_class(score: float) -> str:
    """A width class ``w0`` … ``w100`` in steps of 5 (CSP forbids inline styles)."""
    return f"w{max(0, min(100, round(score * 20) * 5))}"


@dataclass(frozen=True)
class CheckView:
    """One condition check, its evidence cut into segments."""

    status: str
    label: str
    symbol: str
    kind: str
    explanation: str
    evidence: list[Segment]


def check_view(c: Check) -> CheckView:
    """A check with its evidence marked whole."""
    return CheckView(c.status, STATUS_LABELS.get(c.status, c.status), STATUS_SYMBOLS.get(c.status, "?"),
                     c.kind, c.explanation, [(c.evidence, True)] if c.evidence else [])


@dataclass(frozen=True)
class MatchView:
    """One ranked programme, ready to render."""

    match: Match
    bar: str
    eligibility_label: str
    profile: list[Segment]
    name: list[Segment]
    eligibility_text: list[Segment]
    description: list[Segment]
    checks: list[CheckView]
    unmet: list[CheckView]
    unknown: list[CheckView]
    label: ScoreLabel
    next_step: NextStep | None = None  # what to do first, when the organization may not (yet) apply

    @property
    def related(self) -> bool:
        """True when the texts share a term or concept (else the match is listed under 其他项目)."""
        return self.label.level != "none"


def match_view(m: Match, org: Org, tokenizer, as_of: date) -> MatchView:
    """Highlight this match's reasons in the profile and in the programme text; the next step to qualify."""
    forms = term_forms(tokenizer, [r.term for r in m.reasons])
    checks = [check_view(c) for c in m.checks]
    return MatchView(
        match=m,
        bar=bar_class(m.score),
        eligibility_label=ELIGIBILITY_LABELS.get(m.eligibility, m.eligibility),
        profile=segments(org.profile, forms),
        name=segments(m.grant.name, forms),
        eligibility_text=segments(m.grant.eligibility, forms),
        description=segments(m.grant.description, forms),
        checks=checks,
        unmet=[c for c in checks if c.status == "unmet"],
        unknown=[c for c in checks if c.status == "unknown"],
        label=score_labels().of(m),
        next_step=next_step(m, org, as_of),
    )


def funder_name(grant: Grant) -> str:
    """The funder as a sentence can hold it: a cell that is a bracketed remark (（资讯未注明）) loses its brackets."""
    f = grant.funder.strip()
    while len(f) >= 2 and f[0] in "（(" and f[-1] in "）)":
        f = f[1:-1].strip()
    return f


def reasons_in_words(match: Match) -> str:
    """``机构介绍和项目说明都提到“儿童”“乡村”`` (empty when they share nothing).

    Shared words and concepts are named by their label (the forms each text
    uses are on the organization's page); a fit of stage and support type,
    or a programme open to any field, is said as such.
    """
    shared = list(dict.fromkeys(r.label for r in match.reasons if r.feature in ("word", "concept")))
    said = ["机构介绍和项目说明都提到" + "".join(f"“{t}”" for t in shared)] if shared else []
    stage = list(dict.fromkeys(r.label for r in match.reasons if r.feature == "stage"))
    if stage:
        said.append("机构的发展阶段与项目的资助类型相合（" + "、".join(stage) + "）")
    if any(r.feature == "open" for r in match.reasons):
        said.append("项目不限领域")
    return "；".join(said)


def version_time(name: str) -> str:
    """The time in an archived file's name (``grants-20261129T132405.csv``) as ``2026-11-29 13:24``."""
    import re

    m = re.search(r"(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)\d\d", name)
    return f"{m[1]}-{m[2]}-{m[3]} {m[4]}:{m[5]}" if m else name


def split_related(items: Sequence, related: Callable[[object], bool] = is_related) -> tuple[list, list]:
    """``(related, others)`` in their order: programmes sharing no term or concept are not recommended."""
    yes, no = [], []
    for x in items:
        (yes if related(x) else no).append(x)
    return yes, no


def when(value: str | None) -> str:
    """``2026-11-29T13:24:05`` → ``2026-11-29 13:24`` (a date stays a date; anything else as it is)."""
    if not value:
        return ""
    try:
        t = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return value
    return t.strftime("%Y-%m-%d %H:%M") if ("T" in value or " " in value) else t.strftime("%Y-%m-%d")


def score_class(score: float) -> str:
    """Colour bucket ``s0`` … ``s5`` of the overview."""
    return f"s{min(5, int(score * 10))}"


@dataclass(frozen=True)
class InfoView:
    """When a programme's information dates from, and the note to show when it is old or undated."""

    label: str  # 2019年 … or 未注明
    origin: str  # "" / "据来源" (read from the source column)
    note: str  # 资讯可能已过期，请核实 / 资讯日期不明，请核实 / ""


def info_view(grant: Grant, as_of: date, max_age_days: int) -> InfoView:
    """The programme's information date as pages show it (never the day a file was loaded)."""
    d = info_date(grant)
    return InfoView(label=d.label if d else "未注明", origin="据来源" if d and d.origin == "source" else "",
                    note=info_note(grant, as_of, max_age_days))


_RECURRENCES: WeakKeyDictionary = WeakKeyDictionary()


def recurrences(matcher) -> Recurrences:
    """The series of a matcher's programmes (:mod:`matcher.recurrence`), built once per data version."""
    r = _RECURRENCES.get(matcher)
    if r is None:
        r = _RECURRENCES[matcher] = Recurrences(matcher.grants)
    return r


@dataclass(frozen=True)
class WindowView:
    """A programme's expected next window (an estimate, marked as such) and the newer edition the data hold."""

    window: NextWindow
    newer_name: str

    @property
    def text(self) -> str:
        """预计（根据往年）…, or "" when only a newer edition is known."""
        return self.window.text


def window_view(matcher, grant: Grant, as_of: date) -> WindowView | None:
    """The next window of a programme whose round is over (or which has a newer edition), for templates."""
    w = recurrences(matcher).window(grant.grant_id, as_of)
    if w is None:
        return None
    newer = matcher.grants[matcher.index[w.newer]].name if w.newer in matcher.index else ""
    return WindowView(w, newer)
