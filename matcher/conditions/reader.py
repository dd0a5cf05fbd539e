"""The reader: hard conditions of a programme from its text and columns.

``read_conditions`` reads the eligibility paragraph, then the description,
with the patterns of :mod:`.patterns`, skipping wishes, "or" clauses and
refusals (see ``_is_soft``), adds the ``region`` column as a region
condition unless the text already says as much, and finally applies the
manual rules of the ``conditions`` column.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Sequence

from ..gazetteer import gazetteer, within
from ..records import LEGAL_FORMS, STAGES, Grant
from .applicants import read_applicants
from .gate import Gates, finditer, search
from .lexicon import _FIELD_SURFACE, _num, _region_names, is_region_name, mask_places, names_within
from .manual import checked_clauses, clause_key, parse_manual
from .patterns import (
    _AGE,
    _AGE_APPLICANT,
    _AGE_BENEFICIARY,
    _AGE_OF_LEADER,
    _CHARITY,
    _CLAUSE_END,
    _COMPANY_ONLY,
    _COUNTY_ONLY,
    _FIELD_PATTERNS_ALL,
    _FIELD_PATTERNS_ELIG,
    _FORM_EXCLUDED,
    _FORM_WORD_RE,
    _FOUNDED_AFTER,
    _FOUNDED_BEFORE,
    _HAS_STAFF,
    _INDIVIDUAL,
    _INSPECTION,
    _LEGAL_FORM_ONLY,
    _LEGAL_PARTNER,
    _LEGAL_PERSON,
    _MAX_YEARS,
    _MIN_YEARS,
    _NEGATED,
    _NEGATIVE,
    _NONPROFIT_LIST,
    _NONPROFIT_NO_DIVIDEND,
    _NONPROFIT_PLAIN,
    _NOT_FOUNDING,
    _NOT_ORG_REGISTRATION,
    _OR_AFTER,
    _OR_BEFORE,
    _OR_NEXT,
    _ORGANIZATION,
    _OTHER_APPLICANTS,
    _PART_TIME,
    _PROJECT_PLACE,
    _PUBLIC_FUNDRAISING,
    _PUBLIC_HOST,
    _RATING,
    _REGION_PATTERNS,
    _REGION_PATTERNS_ELIG,
    _REGISTERED,
    _REGISTERED_NONPROFIT,
    _REGISTERED_OUT,
    _SENTENCE_END,
    _SOCIAL_WORKERS,
    _SOFT,
    _STAFF_N_FIRST,
    _STAFF_WORD_FIRST,
    _STAGE_DISTINCT,
    _STAGE_LIST,
    _STAGE_MAP,
    _STAGE_RANGE,
    _STAGE_WORD_RE,
    _UNREGISTERED_FORM,
    _UNREGISTERED_ONLY,
    _WOMEN_ALT,
    _WOMEN_LED,
    _WOMEN_OR,
    _WOMEN_SERVED,
)
from .record import KINDS, NONPROFIT_FORMS, Condition, _field_is_hard, _last_day
from .unread import unread_clauses

# -- reading ------------------------------------------------------------------------


#: How far around a match to look for its clause's edges; bounded so that a
#: text with no punctuation does not make every match scan all of it.
_CLAUSE_WINDOW = 60
#: A last clause that makes its sentence a wish ("同等条件下优先", "将优先考虑").
_WISH_TAIL = re.compile(r"(?:在)?(?:同等条件下)?(?:将|可)?(?:予以)?优先(?:考虑|支持|资助|入选|推荐)?")
#: A clause whose subject is the project: its years are the project's.
_ABOUT_PROJECT = re.compile(r"项目[^，,。；;]{0,12}(?:运营|运作|实施|开展|持续)")


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the comma clause around ``text[start:end]``."""
    lo = max(0, start - _CLAUSE_WINDOW)
    for m in _CLAUSE_END.finditer(text, lo, start):
        lo = m.end()
    m = _CLAUSE_END.search(text, end, end + _CLAUSE_WINDOW)
    hi = m.start() if m else min(len(text), end + _CLAUSE_WINDOW)
    return lo, hi


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the sentence (up to 。；) around ``text[start:end]``, bounded."""
    lo = max(0, start - 2 * _CLAUSE_WINDOW)
    for m in _SENTENCE_END.finditer(text, lo, start):
        lo = m.end()
    m = _SENTENCE_END.search(text, end, end + 2 * _CLAUSE_WINDOW)
    hi = m.start() if m else min(len(text), end + 2 * _CLAUSE_WINDOW)
    return lo, hi


def _is_soft(text: str, start: int, end: int, *, negative: bool = True, either: bool = True) -> bool:
    """True when the clause around a match is a wish, one side of an "or",
    or names who may not apply.

    "…的，不予受理" puts the refusal in the next clause, and "…，或…" the
    alternative: both count as part of the clause.
    """
    lo, hi = _clause(text, start, end)
    if _SOFT.search(text, lo, hi):
        return True
    if _OR_NEXT.match(text, hi):
        return True
    s_lo, s_hi = _sentence(text, start, end)
    tail = text[s_lo:s_hi].rsplit("，", 1)[-1].rsplit(",", 1)[-1]
    if hi < s_hi and _WISH_TAIL.fullmatch(tail.strip()):
        return True  # "评估等级3A以上的社会组织，同等条件下优先": the whole sentence is a wish
    if either and (_OR_AFTER.match(text, end, hi) or _OR_BEFORE.search(text[lo:start])):
        return True  # "注册满2年或有3名专职人员": either will do
    if hi > lo and text[hi - 1] == "的" and hi < len(text) and text[hi] in "，,":
        hi = _clause(text, hi + 1, hi + 1)[1]
    return negative and _NEGATIVE.search(text, lo, hi) is not None


def _both_sides_nonprofit(text: str, start: int, end: int) -> bool:
    """"须为女性主导的社会组织，或以妇女为服务对象的社会组织": either way a 社会组织."""
    lo, hi = _clause(text, start, end)
    if _SOFT.search(text, lo, hi) or _NEGATIVE.search(text, lo, hi) or not _OR_NEXT.match(text, hi):
        return False
    nxt = text[hi + 1:_clause(text, hi + 1, hi + 1)[1]]
    return bool(re.search(r"(?:社会组织|非营利性?(?:社会)?(?:组织|机构))$", nxt)) and not _OTHER_APPLICANTS.search(nxt)


def _forms(words: list[str]) -> list[str]:
    """Legal-form words of a programme → values of ``Org.legal_form``."""
    forms: list[str] = []
    for w in words:
        if w.startswith("民办非企业") or w == "社会服务机构":
            new = ["民办非企业单位", "社会服务机构"]  # the same form, old and new name
        elif w == "社团":
            new = ["社会团体"]
        else:
            new = [w]
        forms += [f for f in new if f not in forms]
    return forms



def _stage_param(words: list[str], *, ranged: bool) -> list[str]:
    """Accepted ``Org.stage`` values for the stage words of a programme."""
    plain: list[str] = []
    maybe: list[str] = []
    for w in words:
        for st in _STAGE_MAP[w]:
            (maybe if st.endswith("?") else plain).append(st.rstrip("?"))
    if ranged and plain:
        # "从初创期到成熟期": every stage in between
        idx = [STAGES.index(p) for p in plain]
        plain = list(STAGES[min(idx):max(idx) + 1])
    out = [st for st in STAGES if st in plain]
    return out + [st + "?" for st in STAGES if st in maybe and st not in plain]


@functools.cache  # built on first use: a warm report or a page reads no programme text
def _gates() -> Gates:
    """Every pattern :func:`_read_text` runs over a whole text: most texts hold
    none of the words most of them need, and one scan tells which (see .gate)."""
    return Gates([
        _MIN_YEARS, _MAX_YEARS, _FOUNDED_AFTER, _FOUNDED_BEFORE, _STAFF_N_FIRST, _STAFF_WORD_FIRST, _HAS_STAFF,
        _SOCIAL_WORKERS, _STAGE_LIST, _WOMEN_ALT, _WOMEN_LED, _WOMEN_SERVED, _LEGAL_PARTNER, _LEGAL_PERSON,
        _REGISTERED, _NONPROFIT_NO_DIVIDEND, _NONPROFIT_LIST, _NONPROFIT_PLAIN, _LEGAL_FORM_ONLY, _UNREGISTERED_ONLY,
        _COMPANY_ONLY, _FORM_EXCLUDED, _INDIVIDUAL, _ORGANIZATION, _AGE, _RATING, _INSPECTION, _CHARITY,
        _PUBLIC_FUNDRAISING, _PUBLIC_HOST,
        _COUNTY_ONLY, *_FIELD_PATTERNS_ALL, *_FIELD_PATTERNS_ELIG,
    ])


def _read_text(text: str, *, eligibility: bool) -> list[Condition]:
    """Every hard condition found in one text, in the order of the text."""
    closed = _gates().closed(text)
    out: list[tuple[int, int, Condition]] = []  # (position, order found, condition)

    def emit(start: int, cond: Condition) -> None:
        out.append((start, len(out), cond))

    def add(kind: str, param: object, m: re.Match[str], *, negative: bool = True, either: bool = True) -> None:
        if not _is_soft(text, m.start(), m.end(), negative=negative, either=either):
            emit(m.start(), Condition(kind, param, m.group(0)))

    for m in finditer(_MIN_YEARS, text, closed):
        if _ABOUT_PROJECT.search(text, _clause(text, m.start(), m.end())[0], m.end()):
            continue  # "项目的…模式须已持续运营2年以上": the project's age, not the applicant's
        n = _num(m.group("n"))
        months = m.group("mo") is not None
        if n is not None and 0 < n <= (600 if months else 50) and (m.group("pre") or m.group("post")):
            if _is_soft(text, m.start(), m.end(), negative=False):
                continue
            param = {"months": n} if months else n
            if _is_soft(text, m.start(), m.end()):
                # "成立超过3年的机构请勿申报": a ceiling, not a floor
                emit(m.start(), Condition("max_years", param, m.group(0)))
            else:
                emit(m.start(), Condition("min_years", param, m.group(0)))
    for m in finditer(_MAX_YEARS, text, closed):
        if _ABOUT_PROJECT.search(text, _clause(text, m.start(), m.end())[0], m.end()):
            continue
        n = _num(m.group("n") or m.group("n2"))
        months = m.group("mo") is not None or m.group("mo2") is not None
        if n is not None and 0 < n <= (600 if months else 50):
            if _is_soft(text, m.start(), m.end(), negative=False):
                continue
            param = {"months": n} if months else n
            if _is_soft(text, m.start(), m.end()):
                # "成立不满1年的机构不予受理": a floor
                emit(m.start(), Condition("min_years", param, m.group(0)))
            else:
                emit(m.start(), Condition("max_years", param, m.group(0)))
    for m in finditer(_FOUNDED_AFTER, text, closed):
        add("founded_after", int(m.group("y")), m)
    for m in finditer(_FOUNDED_BEFORE, text, closed):
        if _NOT_FOUNDING.search(m.group("gap")) or _NOT_FOUNDING.search(text, *_clause(text, m.start(), m.end())):
            continue  # "2025年3月31日前在平台注册账号", "…前提交材料"
        last = _last_day(int(m.group("y")), m.group("m"), m.group("d"))
        if last is not None:
            add("founded_before", last, m)

    staff_found = False
    for pat in (_STAFF_N_FIRST, _STAFF_WORD_FIRST):
        for m in finditer(pat, text, closed):
            n = _num(m.group("n"))
            if n is not None and 0 < n <= 500 and (m.group("pre") or m.group("post")):
                if _PART_TIME.search(text, *_sentence(text, m.start(), m.end())):
                    continue  # "专职不少于3名或兼职不少于5名": an alternative we cannot weigh
                add("min_staff", n, m)
                staff_found = True
    if not staff_found:
        for m in finditer(_HAS_STAFF, text, closed):
            add("has_staff", True, m)
    for m in finditer(_SOCIAL_WORKERS, text, closed):
        n = _num(m.group("n") or m.group("n2"))
        if n is not None and 0 < n <= 100:
            add("social_workers", n, m)

    for m in finditer(_STAGE_LIST, text, closed):
        words = _STAGE_WORD_RE.findall(m.group("list"))
        if not (m.group("pre") or m.group("org") or any(w in _STAGE_DISTINCT for w in words)):
            continue  # "处于合适的成长阶段" of a person, "助力成长" …
        if not eligibility and not (m.group("pre") or m.group("org")):
            continue  # a description's "一年（初创期、仅有创意）" names a track, not a rule
        add("stage", _stage_param(words, ranged=_STAGE_RANGE.search(m.group("list")) is not None), m)

    for m in finditer(_WOMEN_ALT, text, closed):
        add("women", True, m)
    for m in finditer(_WOMEN_LED, text, closed):
        _, hi = _sentence(text, m.start(), m.end())
        if _WOMEN_OR.search(text, m.end(), hi) is None:
            add("women", "led", m)
        elif not _WOMEN_ALT.search(text, m.start(), hi) and not _is_soft(text, m.start(), m.end(), either=False):
            # "须为女性主导或服务女性群体的项目": an alternative; quote all of it
            emit(m.start(), Condition("women", True, text[m.start():hi]))
    for m in finditer(_WOMEN_SERVED, text, closed):
        add("women", True, m, either=False)  # "women" is itself an either/or rule, never unmet

    partner = search(_LEGAL_PARTNER, text, closed)
    legal_pats = (_LEGAL_PERSON, _REGISTERED) if eligibility else (_LEGAL_PERSON,)
    for pat in legal_pats:
        for m in finditer(pat, text, closed):
            if _NOT_ORG_REGISTRATION.search(text, *_clause(text, m.start(), m.end())):
                continue  # "须在报名系统注册": an account, not the org's registration
            if _NEGATED.search(text, max(0, m.start() - 3), m.start() + 1):
                continue  # "尚未在民政部门登记的…": the opposite
            add("legal_person", "partner" if partner else True, m)

    no_dividend = search(_NONPROFIT_NO_DIVIDEND, text, closed)
    nonprofit_pats = (_NONPROFIT_LIST, _NONPROFIT_PLAIN) if eligibility else (_NONPROFIT_LIST,)
    for pat in nonprofit_pats:
        for m in finditer(pat, text, closed):
            if _is_soft(text, m.start(), m.end()) and not _both_sides_nonprofit(text, m.start(), m.end()):
                continue
            if _NEGATED.search(text, max(0, m.start() - 3), m.start() + 1):
                continue  # "尚未在民政部门登记的…"
            lo, hi = _clause(text, m.start(), m.end())
            if _OTHER_APPLICANTS.search(_FORM_WORD_RE.sub("", text[lo:hi])):
                continue  # "社会组织或社会企业", "社会组织、个人": not only nonprofits
            if (
                no_dividend
                and m.end() <= no_dividend.start()
                and _SENTENCE_END.search(text, m.end(), no_dividend.start()) is None
            ):
                # "…等非营利组织，以及工商注册…不分红的机构": one rule, quote both
                emit(m.start(), Condition("nonprofit", "不分红", text[m.start():no_dividend.end()]))
            else:
                emit(m.start(), Condition("nonprofit", True, m.group(0)))
                if (
                    not partner
                    and _REGISTERED_NONPROFIT.search(m.group(0))
                    and not _NOT_ORG_REGISTRATION.search(text, lo, hi)
                ):
                    # "民政部门登记的社会组织": registration is required too
                    emit(m.start(), Condition("legal_person", True, m.group(0)))

    positive_form = False
    for m in finditer(_LEGAL_FORM_ONLY, text, closed):
        forms = _forms(_FORM_WORD_RE.findall(m.group("forms")))
        if forms and not _is_soft(text, m.start(), m.end()):
            emit(m.start(), Condition("legal_form", forms, m.group(0)))
            positive_form = True
    for pat, forms in ((_UNREGISTERED_ONLY, ["未注册团体"]), (_COMPANY_ONLY, ["工商注册"])):
        for m in finditer(pat, text, closed):
            if not _is_soft(text, m.start(), m.end(), negative=False):
                emit(m.start(), Condition("legal_form", forms, m.group(0)))
                positive_form = True
    for m in finditer(_FORM_EXCLUDED, text, closed):
        if positive_form:
            break  # "须为工商注册的企业；民办非企业单位…不在资助范围": the positive rule says it all
        # "未登记的社会团体" is an unregistered group, not the form 社会团体
        listed = _UNREGISTERED_FORM.sub("未登记", m.group("list"))
        registered = _REGISTERED_OUT.search(listed)
        if registered:
            listed = listed.replace(registered.group(0), "")
        words = listed.replace("民办非企业单位", "民非")
        out_forms = set(_forms(_FORM_WORD_RE.findall(listed)))
        if registered:
            out_forms.update(NONPROFIT_FORMS)
        if "企业" in words or "公司" in words:
            out_forms.add("工商注册")
        if "未登记" in words or "未注册" in words:
            out_forms.add("未注册团体")
        if out_forms and not _SOFT.search(text, *_clause(text, m.start(), m.end())):
            emit(m.start(), Condition("legal_form", [f for f in LEGAL_FORMS if f not in out_forms], m.group(0)))

    for m in finditer(_INDIVIDUAL, text, closed):
        add("applicant", "individual", m, negative=False)  # "不接受机构名义申报" is the rule itself
    for m in finditer(_ORGANIZATION, text, closed):
        add("applicant", "organization", m, negative=False)
    for m in finditer(_AGE, text, closed):
        if _AGE_BENEFICIARY.match(text, m.end()):
            continue
        before = text[max(0, m.start() - 12):m.start()]
        if m.group("a"):
            lo, hi = _num(m.group("a")), _num(m.group("b"))
        else:
            lo, hi = 0, _num(m.group("max") or m.group("max2"))
        if lo is None or hi is None or not (0 <= lo < hi <= 120):
            continue
        if not _AGE_APPLICANT.search(before):
            continue
        add("age_range", [lo, hi], m)
        if not _AGE_OF_LEADER.search(before):
            add("applicant", "individual", m)

    # region patterns run over the text with its place names masked (one
    # short class stands for every name of the division table; same offsets)
    masked, spans = mask_places(text)
    region_pats = (_REGION_PATTERNS + (_REGION_PATTERNS_ELIG if eligibility else ())) if spans else ()
    for pat in region_pats:
        for m in pat.finditer(masked):
            if _PROJECT_PLACE.match(text, m.end("r"), m.end("r") + 12):
                continue  # "仅限河北省内开展的项目": where the work is, not who may apply
            if not _is_soft(text, m.start(), m.end()):
                names = _region_names(names_within(spans, m.start("r"), m.end("r")))
                emit(m.start(), Condition("region", names, text[m.start():m.end()]))

    if eligibility:
        for m in finditer(_COUNTY_ONLY, text, closed):
            add("registration_level", "county", m)
        for m in finditer(_RATING, text, closed):
            n = _num(m.group("n"))
            if n is not None and 1 <= n <= 5:
                add("rating", n, m)
        for m in finditer(_INSPECTION, text, closed):
            if m.group("y"):
                param: object = {"year": int(m.group("y"))}
            elif m.group("span"):
                param = {"years": _num(m.group("span")) or 1}
            else:
                param = True
            add("inspection", param, m, negative=False)
        for m in finditer(_CHARITY, text, closed):
            add("charity", True, m, negative=False)
        host = search(_PUBLIC_HOST, text, closed)
        for m in finditer(_PUBLIC_FUNDRAISING, text, closed):
            add("public_fundraising", "host" if host else True, m)
        if host is not None:
            # "新注册机构须有挂靠的公募机构": without 公募 status, a host is the way in
            emit(host.start(), Condition("public_fundraising", "host", host.group(0)))

    found = read_applicants(text) if eligibility else None
    if found is not None:
        a, b, param = found
        fields, fspan = param.pop("fields", None), param.pop("field_span", None)
        emit(a, Condition("applicant_type", param, text[a:b]))
        if fields:
            # "环保社会组织", "开展国学传承的各类社会组织": the applicant's own field, a hard rule
            emit(a, Condition("field", fields, text[fspan[0]:fspan[1]].strip()))

    field_pats = _FIELD_PATTERNS_ALL + (_FIELD_PATTERNS_ELIG if eligibility else ())
    for pat in field_pats:
        for m in finditer(pat, text, closed):
            add("field", [_FIELD_SURFACE[m.group("f")]], m)
    # the earliest statement of a kind wins: it is the funder's own rule, a
    # later one ("…的机构请勿申报") usually restates it the other way round
    return [cond for _, _, cond in sorted(out, key=lambda t: t[:2])]


_NO_DIVIDEND = re.compile(r"不分红|不得分红|不进行分红|利润不(?:得)?分配|不分配利润|非营利性?(?:的)?(?:企业|公司)")


def read_conditions(grant: Grant) -> tuple[Condition, ...]:
    """Hard conditions of a programme: what the reader finds, corrected by hand.

    The eligibility paragraph is read first, then the description; of each
    kind the first finding wins, so the evidence shown is the funder's
    statement of who may apply rather than a passing remark. The manual
    ``conditions`` column then adds, replaces or removes kinds.

    Parameters
    ----------
    grant : Grant
        The programme.

    Returns
    -------
    tuple of Condition
        In the order of :data:`KINDS`.

    Raises
    ------
    InputError
        When ``grant.conditions`` holds a rule that cannot be understood.
    """
    found: dict[str, Condition] = {}
    read_from: list[str] = []  # evidence of every condition read from the eligibility text, kept or not
    for text, elig in ((grant.eligibility, True), (grant.description, False)):
        for cond in _read_text(text or "", eligibility=elig):
            if elig:
                read_from.append(cond.evidence)
            old = found.setdefault(cond.kind, cond)
            if cond.kind == "field" and not _field_is_hard(old) and _field_is_hard(cond):
                found["field"] = cond  # a rule on the applicant outranks a topic
    bodies = found.get("applicant_type")
    if bodies is not None and isinstance(bodies.param, dict) and bodies.param.get("groups"):
        # who may apply is the more specific statement: "…的非公有制企业，或…登记的社会组织" lets a
        # company in, so the 社会组织 of one alternative is no rule of its own
        welcome = set.intersection(*(set(g[0]) for g in bodies.param["groups"]))
        if "company" in welcome and not _NO_DIVIDEND.search(grant.eligibility or ""):
            found.pop("nonprofit", None)  # (unless a company is let in only when it distributes no profit)
    if bodies is not None and isinstance(bodies.param, dict) and bodies.param.get("partner"):
        # "未登记的组织须经有法人资格的社会组织推荐申报": registration is asked, not required
        if "legal_person" in found and found["legal_person"].param is True:
            found["legal_person"] = Condition("legal_person", "partner", found["legal_person"].evidence)
        found.pop("nonprofit", None)
    column = _region_column(grant.region)
    if column is not None and not _region_covered(found.get("region"), column):
        found["region"] = column
    if "region" not in found:
        local = _local_region(grant)
        if local is not None:
            found["region"] = local
            read_from.append(local.evidence)
    region = found.get("region")
    if region is not None and region.source != "manual" and _place_is_one_way(grant.eligibility, region.param):
        # "注册地在北京，或项目受益地在北京…其一即可": where the org is registered is one way in
        found["region"] = Condition("region", [f"{r}?" for r in region.param], region.evidence, region.source)
    removed: set[str] = set()
    if grant.conditions.strip():
        added, removed = parse_manual(grant.conditions)
        for kind in removed:
            found.pop(kind, None)
        for cond in added:
            found[cond.kind] = cond
    read = tuple(found[k] for k in KINDS if k in found)
    if "unread" in removed:
        return read  # staff checked every clause by hand
    checked = {clause_key(c) for c in checked_clauses(grant.conditions)} if grant.conditions.strip() else set()
    unread = tuple(
        Condition("unread", clause, clause)
        for clause in _unread(grant.eligibility or "", read_from)
        if clause_key(clause) not in checked  # staff read it and checked it by hand
    )
    return read + unread


def _unread(text: str, read_from: Sequence[str]) -> list[str]:
    return [text[a:b] for a, b in unread_clauses(text, read_from)]


def unread_requirements(grant: Grant) -> tuple[str, ...]:
    """Every requirement clause of the eligibility text the reader could not read,
    whether or not staff have marked it checked (the review page shows both)."""
    g = grant if not grant.conditions.strip() else dataclasses.replace(grant, conditions="")
    return tuple(c.evidence for c in read_conditions(g) if c.kind == "unread")


_COLUMN_SPLIT = re.compile(r"[、,，;；/|｜\s]+|(?<=[省市区])[和及与或]")
_COLUMN_SUFFIX = re.compile(r"(?:维吾尔自治区|壮族自治区|回族自治区|自治区|特别行政区|省|市|地区)$")
_NO_RESTRICTION = frozenset({"全国", "不限", "无", "全国范围", "全国各地", "-", "—"})


def _region_column(value: str) -> Condition | None:
    """The ``region`` column as a region condition (it is filled only for a
    real restriction): known places by name, other names as written."""
    pieces = [p for p in _COLUMN_SPLIT.split(value.strip()) if p]
    if not pieces or any(p in _NO_RESTRICTION for p in pieces):
        return None
    names: list[str] = []
    gz = gazetteer()
    for p in pieces:
        bare = _COLUMN_SUFFIX.sub("", p)
        if is_region_name(bare):
            names += _region_names([bare])
            continue
        place = gz.resolve(p)  # an address: "深圳市南山区", "上海静安区石门二路街道"
        names.append(gz.short(place) if place is not None else p)
    return Condition("region", list(dict.fromkeys(names)), value, source="column")


#: Sentences that make a place one of several ways in, or the place of the work.
_ONE_WAY = re.compile(
    r"(?:或者?|或是)[^，,。；;]{0,12}(?:服务范围|服务地|服务区域|受益|项目地|项目所在|开展|实施|落地|在)"
    r"|[两二三四](?:项|者|个条件)[^。；;]{0,8}(?:其一|之一)"
)
_WORK_PLACE = re.compile(r"^[^，,。；;]{0,6}?(?:内|境内|范围内)?(?:开展|实施|提供服务|落地|执行|活动)")


#: "面向全市社会组织", "以辖区的社区社会组织为对象": the funder's own area, by its name.
_LOCAL = re.compile(r"(?<![\u4e00-\u9fff]{2}[市区县省])(?:本|全)(?:市|区|县|省|旗|州)(?!级|性|民政|财政)|辖区(?:内)?")
_APPLICANT_WORDS = re.compile(r"组织|机构|单位|团队|团体|主体|对象|申报|申请|报名|参赛")


def _local_region(grant: Grant) -> Condition | None:
    """A region rule stated by reference to the funder ("面向全市社会组织"): the
    funder's place, read from its name in the division table, when the words
    "本市 / 全区 / 辖区" qualify who applies rather than where the work is."""
    text = grant.eligibility or ""
    for m in _LOCAL.finditer(text):
        lo, hi = _clause(text, m.start(), m.end())
        if not _APPLICANT_WORDS.search(text, lo, hi) or _WORK_PLACE.match(text[m.end():m.end() + 16]):
            continue
        place = gazetteer().resolve(grant.funder)
        if place is None or place.level == 1 and m.group(0)[1] != "省":
            continue  # a national funder, or a province's office speaking of a city
        return Condition("region", [gazetteer().short(place)], text[m.start():m.end()])
    return None


def _place_is_one_way(text: str, names: object) -> bool:
    """True when the eligibility text names the region only as one alternative
    among others ("注册地在南山区，或者服务范围在南山区") or as where the work is
    done ("在顺德区内开展活动的团队"): registering elsewhere is then no plain "no"."""
    wanted = [str(n).rstrip("?") for n in names]  # type: ignore[union-attr]
    masked, spans = mask_places(text)
    hits = [(a, b) for a, b, name in spans if _within(name, wanted) or name in wanted]
    if not hits:
        return False
    for a, b in hits:
        lo, hi = _sentence(text, a, b)
        if _ONE_WAY.search(text, lo, hi) or _WORK_PLACE.match(text[b:b + 16]):
            continue
        return False  # some mention is a plain rule on the applicant
    return True


def _within(name: str, places: Sequence[str]) -> bool:
    """A known place lies within one of ``places`` (itself, or inside it)."""
    if name in places:
        return True
    gz = gazetteer()
    inner = gz.resolve(name)
    if inner is None:
        return False
    return any(within(inner, outer) for p in places for outer in gz.candidates(p))


def _region_covered(text_cond: Condition | None, column: Condition) -> bool:
    """The text already states the column's restriction, or a narrower one."""
    if text_cond is None:
        return False
    wanted = [str(r) for r in column.param]  # type: ignore[union-attr]
    return all(_within(str(r), wanted) for r in text_cond.param)  # type: ignore[union-attr]
