"""The checker: one condition, or a programme's all, against an org.

``check`` dispatches on the kind to a ``_check_*`` function that answers
met / unmet / unknown with a short Chinese explanation, using the facts of
:mod:`.profile`; ``assess`` turns the checks into a verdict, and
``is_expired`` compares a deadline with the day asked. An "unmet" always
rests on a plain fact about the org, never on a blank field.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from ..gazetteer import gazetteer, within
from ..records import Check, Grant, Org
from .lexicon import _FIELD_RELATED, _FIELD_WORDS, _REGION_GROUPS, _num
from .patterns import _CLAUSE_END
from .profile import (
    _P_AGE,
    _P_BIRTH,
    _P_DIVIDEND,
    _P_EXISTED,
    _P_HEDGE,
    _P_NO_DIVIDEND,
    _P_NO_SOCIAL_WORKERS,
    _P_OFFICE,
    _P_SOCIAL_WORKERS,
    _P_WOMEN,
    _P_WOMEN_LED,
    _age_months,
    _is_organization,
    _org_bodies,
    _org_charity,
    _org_division,
    _org_existed_by,
    _org_form,
    _org_founded,
    _org_founded_month,
    _org_inspection,
    _org_place,
    _org_public_fundraising,
    _org_rating,
    _org_staff,
    _org_stage,
)
from .record import (
    NONPROFIT_FORMS,
    Condition,
    _cond_note,
    _field_is_hard,
    _plain_list,
    _span,
    describe_bodies,
    field_name,
)

MET, UNMET, UNKNOWN = "met", "unmet", "unknown"
ELIGIBLE, INELIGIBLE = "eligible", "ineligible"  # verdicts; the third is UNKNOWN
_REGISTRATION_WORD = re.compile(r"注册|登记")
#: Bodies registered with civil affairs: social organizations in law.
_REGISTERED_BODIES = frozenset({"assoc", "mutual", "service", "foundation"})


# -- checking ---------------------------------------------------------------------


def check(cond: Condition, org: Org, as_of: date) -> Check:
    """Check one condition against one organization.

    Parameters
    ----------
    cond : Condition
    org : Org
        Structured fields are trusted first; a blank one is filled only from
        a plain statement in the profile.
    as_of : date
        The day the question is asked (years since registration move).

    Returns
    -------
    Check
        ``status`` met/unmet/unknown with a short Chinese explanation; never
        ``unmet`` for lack of information.
    """
    status, why = _CHECKERS.get(cond.kind, _check_unknown_kind)(cond, org, as_of)
    return Check(kind=cond.kind, status=status, explanation=why, evidence=cond.evidence)


def _check_unknown_kind(cond: Condition, org: Org, as_of: date) -> tuple[str, str]:
    return UNKNOWN, f"无法核对的条件：{cond.kind}"


def _registration_missing(cond: Condition, org: Org) -> bool:
    """An unregistered group has no registration years to count."""
    return _org_form(org) == "未注册团体" and _REGISTRATION_WORD.search(cond.evidence) is not None


def _check_min_years(cond: Condition, org: Org, as_of: date) -> tuple[str, str]:
    head = f"要求注册满{_span(cond.param)}"
    if _registration_missing(cond, org):
        return UNMET, f"{head}；机构为未注册团体"
    if isinstance(cond.param, dict):
        need_m = int(cond.param["months"])
        lo, hi, why = _age_months(org, as_of)
        if lo is not None and lo >= need_m:
            return MET, f"{head}；{why}"
        if hi is not None and hi < need_m:
            return UNMET, f"{head}；{why}"
        return UNKNOWN, f"{head}；{why}" + ("，请确认成立月份" if hi is not None else "")
    need = int(cond.param)  # type: ignore[call-overload]
    founded = _org_founded(org)
    if founded is None:
        existed = _org_existed_by(org, as_of)
        if existed is not None and as_of.year - existed >= need:
            return MET, f"{head}；机构{existed}年已在开展工作"
        return UNKNOWN, f"{head}；未填写成立年份"
    years = as_of.year - founded
    if years == need:  # on the boundary: a founding month settles it
        month = _org_founded_month(org, founded)
        if month is not None:
            months = years * 12 + as_of.month - month
            return (MET if months >= need * 12 else UNMET), f"{head}；机构成立于{founded}年{month}月"
    return (MET if years >= need else UNMET), f"{head}；机构成立于{founded}年"


def _check_max_years(cond: Condition, org: Org, as_of: date) -> tuple[str, str]:
    head = f"要求成立不超过{_span(cond.param)}"
    if isinstance(cond.param, dict):
        limit_m = int(cond.param["months"])
        lo, hi, why = _age_months(org, as_of)
        if hi is not None and hi <= limit_m:
            return MET, f"{head}；{why}"
        if lo is not None and lo - 1 > limit_m:  # a calendar month may be one short of a whole one
            return UNMET, f"{head}；{why}"
        return UNKNOWN, f"{head}；{why}" + ("，请确认成立月份" if lo is not None else "")
    limit = int(cond.param)  # type: ignore[call-overload]
    founded = _org_founded(org)
    if founded is None:
        existed = _org_existed_by(org, as_of)
        if existed is not None and as_of.year - existed > limit:
            return UNMET, f"{head}；机构{existed}年已在开展工作"
        return UNKNOWN, f"{head}；未填写成立年份"
    return (MET if as_of.year - founded <= limit else UNMET), f"{head}；机构成立于{founded}年"


def _check_founded_after(cond: Condition, org: Org, as_of: date) -> tuple[str, str]:
    year = int(cond.param)  # type: ignore[call-overload]
    head = f"要求{year}年以后成立"
    founded = _org_founded(org)
    if founded is None:
        existed = _org_existed_by(org, as_of)
        if existed is not None and existed < year:
            return UNMET, f"{head}；机构{existed}年已在开展工作"
        return UNKNOWN, f"{head}；未填写成立年份"
    return (MET if founded >= year else UNMET), f"{head}；机构成立于{founded}年"


def _check_founded_before(cond: Condition, org: Org, as_of: date) -> tuple[str, str]:
    last = date.fromisoformat(str(cond.param))
    head = f"要求{last.year}年{last.month}月{last.day}日前成立"
    if _registration_missing(cond, org):
        return UNMET, f"{head}；机构为未注册团体"
    founded = _org_founded(org)
    if founded is None:
        existed = _org_existed_by(org, as_of)
        if existed is not None and existed < last.year:
            return MET, f"{head}；机构{existed}年已在开展工作"
        return UNKNOWN, f"{head}；未填写成立年份"
    why = f"{head}；机构成立于{founded}年"
    if founded != last.year:
        return (MET if founded < last.year else UNMET), why
    if (last.month, last.day) == (12, 31):
        return MET, why
    month = _org_founded_month(org, founded)
    if month is None:
        return UNKNOWN, f"{why}，请确认成立月份"
    return (MET if month <= last.month else UNMET), f"{why}{month}月"


def _check_legal_person(cond: Condition, org: Org, as_of: date) -> tuple[str, str]:
    form = _org_form(org)
    partner = cond.param == "partner"
    head = "要求依法登记、具有独立法人资格"
    if not form:
        bodies = _org_bodies(org)
        if bodies and bodies <= _REGISTERED_BODIES:
            return MET, f"{head}；资料写明已在民政部门登记"
        extra = "（未登记团体可另行申报，见原文）" if partner else ""
        return UNKNOWN, f"{head}{extra}；未填写登记形式"
    if form == "未注册团体":
        if partner:
            return UNKNOWN, "机构为未注册团体，需通过有法人资格的合作机构（或经推荐）申报"
        return UNMET, f"{head}；机构为未注册团体"
    return MET, f"{head}；机构为{form}"


def _check_nonprofit(cond: Condition, org: Org, as_of: date) -> tuple[str, str]:
    form = _org_form(org)
    head = "要求为非营利社会组织"
    if not form:
        bodies = _org_bodies(org)
        if bodies and bodies <= _REGISTERED_BODIES:
            return MET, f"{head}；资料写明已在民政部门登记"
        return UNKNOWN, f"{head}；未填写登记形式"
    if form in NONPROFIT_FORMS:
        return MET, f"{head}；机构为{form}"
    if form == "工商注册":
        if cond.param == "不分红":
            if _P_NO_DIVIDEND.search(org.profile):
                return MET, "工商注册机构须章程约定不分红；简介写明不分红"
            if _P_DIVIDEND.search(org.profile):
                return UNMET, "工商注册机构须章程约定不分红；简介写明分红"
            return UNKNOWN, "工商注册机构须业务范围仅限公益、章程约定不分红，请确认"
        return UNMET, f"{head}；机构为工商注册"
    return UNKNOWN, f"{head}；机构为{form}，请确认"


def _check_choice(cond: Condition, value: str, label: str) -> tuple[str, str]:
    accepted = list(cond.param)  # type: ignore[call-overload]
    head = f"要求{label}为{'、'.join(_plain_list(accepted))}{_cond_note(accepted)}"
    if not value:
        return UNKNOWN, f"{head}；未填写{label}"
    same = {value}
    if value in ("民办非企业单位", "社会服务机构"):
        same = {"民办非企业单位", "社会服务机构"}
    if same & set(accepted):
        return MET, f"{head}；机构为{value}"
    if same & {a[:-1] for a in accepted if a.endswith("?")}:
        return UNKNOWN, f"{head}；机构为{value}，需视情况确认"
    return UNMET, f"{head}；机构为{value}"


def _check_legal_form(cond: Condition, org: Org, as_of: date) -> tuple[str, str]:
    return _check_choice(cond, _org_form(org), "登记形式")


def _check_stage(cond: Condition, org: Org, as_of: date) -> tuple[str, str]:
    return _check_choice(cond, _org_stage(org), "发展阶段")


def _check_applicant(cond: Condition, org: Org, as_of: date) -> tuple[str, str]:
    if cond.param == "individual":
        if _is_organization(org):
            return UNMET, "要求申请人为个人；申请方为机构"
        return UNKNOWN, "要求申请人为个人；请确认申请人身份"
    if _is_organization(org):
        return MET, "要求申请人为机构；申请方为机构"
    return UNKNOWN, "要求申请人为机构；请确认申请人身份"


def _check_applicant_type(cond: Condition, org: Org, as_of: date) -> tuple[str, str]:
    from .applicants import BODY_LABELS

    head = describe_bodies(cond.param)
    p = cond.param if isinstance(cond.param, dict) else {}
    bodies = _org_bodies(org)
    if bodies is None:
        return UNKNOWN, f"{head}；请确认申请方的身份和登记形式"
    what = "、".join(BODY_LABELS[b] for b in sorted(bodies, key=list(BODY_LABELS).index))
    plain = len(bodies) == 1 or bodies <= {"assoc", "mutual", "service", "foundation"}
    statuses = []
    excluded = set(p.get("exclude", ()))
    if bodies <= excluded:
        statuses.append(UNKNOWN if p.get("partner") else UNMET)
    elif bodies & excluded:
        statuses.append(UNKNOWN)
    for accepted, maybe in p.get("groups", []):
        accepted, maybe = set(accepted), set(maybe)
        if bodies <= accepted:
            statuses.append(MET)
        elif bodies & (accepted | maybe):
            statuses.append(UNKNOWN)
        else:
            statuses.append(UNMET if plain or not bodies & (accepted | maybe) else UNKNOWN)
    if UNMET in statuses:
        return UNMET, f"{head}；申请方为{what}"
    if not statuses:  # only some kinds are refused, and this applicant is none of them
        return MET, f"{head}；申请方为{what}"
    if UNKNOWN in statuses:
        return UNKNOWN, f"{head}；申请方{'为' + what if len(bodies) == 1 else '的登记形式未说明'}，请确认"
    return MET, f"{head}；申请方为{what}"


def _check_rating(cond: Condition, org: Org, as_of: date) -> tuple[str, str]:
    need = int(cond.param)  # type: ignore[call-overload]
    head = f"要求评估等级{need}A及以上"
    have = _org_rating(org)
    if have is None:
        return UNKNOWN, f"{head}；未填写评估等级"
    shown = "未参加评估" if have == 0 else f"{have}A"
    return (MET if have >= need else UNMET), f"{head}；机构评估等级为{shown}"


def _check_inspection(cond: Condition, org: Org, as_of: date) -> tuple[str, str]:
    """年检 is generic good standing: presumed passed unless the record says it failed
    or names a last pass too old for the rule (then asked, never refused on a guess)."""
    p = cond.param
    head = "要求" + Condition("inspection", p, "").describe()
    year, failed = _org_inspection(org)
    if failed:
        return UNMET, f"{head}；资料写明年检（年报）未通过"
    if year is None:
        return MET, f"{head}；未填写年检年份，按常例视为合格，请核实"
    wanted = p["year"] if isinstance(p, dict) and "year" in p else as_of.year - 1
    if year >= wanted:
        return MET, f"{head}；{year}年度年检合格"
    return UNKNOWN, f"{head}；资料所记最近一次为{year}年度，请确认"


def _check_charity(cond: Condition, org: Org, as_of: date) -> tuple[str, str]:
    head = "要求为依法认定的慈善组织"
    v = _org_charity(org)
    if v is None:
        return UNKNOWN, f"{head}；未填写是否已认定为慈善组织"
    return (MET, f"{head}；机构已认定为慈善组织") if v else (UNMET, f"{head}；机构尚未认定为慈善组织")


def _check_public_fundraising(cond: Condition, org: Org, as_of: date) -> tuple[str, str]:
    head = "要求有公开募捐资格"
    v = _org_public_fundraising(org)
    if v:
        return MET, f"{head}；机构具有公开募捐资格"
    if cond.param == "host":
        why = "机构没有公开募捐资格" if v is False else "未填写是否具有公开募捐资格"
        return UNKNOWN, f"{head}或经公募机构；{why}，可通过公募机构（认领或挂靠）参加，请确认"
    if v is False:
        return UNMET, f"{head}；机构没有公开募捐资格"
    return UNKNOWN, f"{head}；未填写是否具有公开募捐资格"


def _check_unread(cond: Condition, org: Org, as_of: date) -> tuple[str, str]:
    return UNKNOWN, f"未能自动核对的条件：{cond.param}（请对照机构情况确认）"


def _check_age_range(cond: Condition, org: Org, as_of: date) -> tuple[str, str]:
    lo, hi = cond.param  # type: ignore[misc]
    head = f"要求申请人{lo}–{hi}岁" if lo else f"要求申请人{hi}岁以下"
    m = _P_AGE.search(org.profile)
    b = _P_BIRTH.search(org.profile)
    if m:
        age = int(m.group("n"))
    elif b:
        age = as_of.year - int(b.group("y"))
    else:
        return UNKNOWN, f"{head}；未说明申请人年龄"
    return (MET if lo <= age <= hi else UNMET), f"{head}；简介写明{age}岁"


def _check_min_staff(cond: Condition, org: Org, as_of: date) -> tuple[str, str]:
    need = int(cond.param)  # type: ignore[call-overload]
    head = f"要求至少{need}名专职人员"
    staff = _org_staff(org)
    if staff is None:
        return UNKNOWN, f"{head}；未填写专职人数"
    return (MET if staff >= need else UNMET), f"{head}；机构有专职{staff}人"


def _check_has_staff(cond: Condition, org: Org, as_of: date) -> tuple[str, str]:
    staff = _org_staff(org)
    if staff is None:
        return UNKNOWN, "要求有专职人员；未填写专职人数"
    if staff >= 1:
        return MET, f"要求有专职人员；机构有专职{staff}人"
    return UNMET, "要求有专职人员；机构无专职人员"


def _check_social_workers(cond: Condition, org: Org, as_of: date) -> tuple[str, str]:
    need = int(cond.param)  # type: ignore[call-overload]
    head = f"要求至少{need}名持证社工"
    n = next((_num(m.group("n")) for pat in _P_SOCIAL_WORKERS for m in [pat.search(org.profile)] if m), None)
    if n is None and _P_NO_SOCIAL_WORKERS.search(org.profile):
        n = 0
    if n is None:
        return UNKNOWN, f"{head}；未说明持证社工人数"
    return (MET if n >= need else UNMET), f"{head}；简介写明持证社工{n}名"


def _check_women(cond: Condition, org: Org, as_of: date) -> tuple[str, str]:
    if cond.param == "led":
        head = "要求女性主导的机构"
        if org.women_led or (org.women_led is None and _P_WOMEN_LED.search(org.profile)):
            return MET, f"{head}；机构为女性主导"
        if org.women_led is False:
            return UNMET, f"{head}；机构非女性主导"
        return UNKNOWN, f"{head}；未说明是否女性主导"
    head = "要求女性主导或以女性为主要受益对象"
    if org.women_led:
        return MET, f"{head}；机构为女性主导"
    if _P_WOMEN.search(org.text):
        return MET, f"{head}；机构简介涉及女性/妇女"
    if org.women_led is False:
        return UNKNOWN, f"{head}；机构非女性主导，请确认项目是否以女性为主要受益对象"
    return UNKNOWN, f"{head}；未说明"


def _check_region(cond: Condition, org: Org, as_of: date) -> tuple[str, str]:
    one_way = any(str(r).endswith("?") for r in cond.param)  # type: ignore[union-attr]
    wanted = [str(r).rstrip("?") for r in cond.param]  # type: ignore[union-attr]
    head = "要求地区为" + "、".join(wanted) + ("（或在该地开展服务，见原文）" if one_way else "")
    status, why = _region_status(wanted, head, org)
    if status == UNMET and one_way:
        return UNKNOWN, f"{why}，请确认是否符合原文的其他条件"
    return status, why


def _region_status(wanted: list[str], head: str, org: Org) -> tuple[str, str]:
    place = _org_place(org)
    if not place:
        return UNKNOWN, f"{head}；未填写所在城市（注册地）"
    here = _org_division(org)
    gz = gazetteer()
    if here is None:
        if any(r in place or place in r for r in wanted):
            return MET, f"{head}；机构所在地为{place}"
        return UNKNOWN, f"{head}；机构所在地为{place}，请确认"
    # each wanted name may be several places (朝阳区); any of them will do
    answers = []
    for r in wanted:
        names = _REGION_GROUPS[r].split() if r in _REGION_GROUPS else [r]
        for name in names:
            cands = gz.candidates(name) or ((gz.resolve(name),) if gz.resolve(name) else ())
            if not cands:
                answers.append(UNKNOWN)  # a place we do not know (a street, a new district)
            for w in cands:
                if within(here, w):
                    return MET, f"{head}；机构所在地为{place}"
                # the org gave a bigger area that contains the wanted one: which part?
                answers.append(UNKNOWN if within(w, here) else UNMET)
    if UNKNOWN in answers:
        return UNKNOWN, f"{head}；机构所在地为{place}，请确认"
    return UNMET, f"{head}；机构所在地为{place}"


def _office_level(office: str) -> str:
    """"county", "above" (a 市辖区, a prefecture or higher) or "" (cannot tell)."""
    if office.endswith(("县", "旗")):
        return "county"
    if office.endswith(("林区", "特区")):
        return ""  # county-level exceptions
    if office.endswith(("区", "省")):
        return "above"  # 海淀区 … and 自治区
    if office.endswith(("市", "州", "盟")):
        p = gazetteer().resolve(office)
        if p is not None and office.endswith(p.name[-1]) and gazetteer().short(p) in office:
            return "county" if p.level == 3 else "above"  # a 县级市, or a prefecture / municipality
    return ""


def _check_registration_level(cond: Condition, org: Org, as_of: date) -> tuple[str, str]:
    head = "要求在县级（含县级市）民政部门登记"
    if _org_form(org) == "未注册团体":
        return UNMET, f"{head}；机构为未注册团体"
    m = _P_OFFICE.search(org.profile)
    if m is None:
        return UNKNOWN, f"{head}；未说明登记机关"
    office = "民政部" if m.group("national") else m.group("o")
    level = "above" if m.group("national") else _office_level(office)
    if level == "county":
        return MET, f"{head}；机构在{office}民政局登记"
    if level == "above":
        return UNMET, f"{head}；机构在{office}民政部门登记"
    return UNKNOWN, f"{head}；机构在{office}民政部门登记，请确认是否县级"


def _field_hit(key: str, text: str) -> str | None:
    return next((w for w in [key, *_FIELD_WORDS.get(key, "").split()] if w in text), None)


def _check_field(cond: Condition, org: Org, as_of: date) -> tuple[str, str]:
    keys = [str(k) for k in cond.param]  # type: ignore[union-attr]
    hard = _field_is_hard(cond)
    head = ("要求机构主要业务为" if hard else "资助领域为") + "、".join(field_name(k) for k in keys)
    text = org.text
    concepts = [k for k in keys if k.isascii()]
    if concepts:
        return _check_field_concepts(concepts, head, org)
    for key in keys:
        hit = _field_hit(key, text)
        if hit:
            return MET, f"{head}；机构涉及“{hit}”"
    if not hard:
        # a topic of the project, not a rule on the applicant: a matter of fit, not of eligibility
        return MET, f"{head}；是对项目主题的要求，申报的项目须属于该领域"
    tags = [t.strip() for t in org.fields if t.strip()]
    related = {w for k in keys for w in _FIELD_RELATED.get(k, "").split()}
    if tags:
        if any(r in t for t in tags for r in related):
            return UNKNOWN, f"{head}；机构领域为{'、'.join(tags)}，请确认"
        return UNMET, f"{head}；机构领域为{'、'.join(tags)}"
    # "开展过一些探访和助学活动" is a side activity, not the org's main work
    plain = _main_text(org)
    others = [k for k in _FIELD_WORDS if k not in keys and _field_hit(k, plain)]
    if others and not any(r in org.profile for r in related):
        return UNMET, f"{head}；机构简介显示其主要从事{'、'.join(others[:2])}"
    return UNKNOWN, f"{head}；未填写机构领域"


def _main_text(org: Org) -> str:
    """Name, profile clauses that are not side activities, and field tags."""
    plain = "。".join(c for c in _CLAUSE_END.split(org.profile) if not _P_HEDGE.search(c))
    return "\n".join((org.name, plain, " ".join(org.fields)))


def _check_field_concepts(keys: list[str], head: str, org: Org) -> tuple[str, str]:
    """A field the applicant must work in, as sector concepts: met when its
    record names the field; unmet only when its main text plainly names other
    fields (two mentions at least) and never this one."""
    from ..concepts import concept_table

    table = concept_table()
    for k in keys:
        words = table.surfaces(org.text, k)
        if words:
            return MET, f"{head}；机构涉及“{'、'.join(words[:3])}”"
    near = {n for k in keys for n in table.neighbours.get(k, ())}
    named = table.counts(org.text, ("field", "population"))
    if near & set(named):
        words = [w for n in near & set(named) for w in table.surfaces(org.text, n)]
        return UNKNOWN, f"{head}；机构涉及相近领域（{'、'.join(words[:3])}），请确认"
    others = table.counts(_main_text(org), ("field",))
    if sum(others.values()) >= 2:
        names = [table.concepts[c].short for c, _ in others.most_common(2)]
        return UNMET, f"{head}；机构资料显示其主要从事{'、'.join(names)}"
    return UNKNOWN, f"{head}；机构资料未说明，请确认"


_CHECKERS = {
    "min_years": _check_min_years,
    "max_years": _check_max_years,
    "founded_after": _check_founded_after,
    "founded_before": _check_founded_before,
    "legal_person": _check_legal_person,
    "nonprofit": _check_nonprofit,
    "legal_form": _check_legal_form,
    "applicant": _check_applicant,
    "applicant_type": _check_applicant_type,
    "unread": _check_unread,
    "rating": _check_rating,
    "inspection": _check_inspection,
    "charity": _check_charity,
    "public_fundraising": _check_public_fundraising,
    "age_range": _check_age_range,
    "min_staff": _check_min_staff,
    "has_staff": _check_has_staff,
    "social_workers": _check_social_workers,
    "stage": _check_stage,
    "women": _check_women,
    "region": _check_region,
    "registration_level": _check_registration_level,
    "field": _check_field,
}


def never_met_kinds(org: Org) -> frozenset[str]:
    """Kinds of condition that cannot be *met* by this organization, whatever
    their param: the fact they ask for is blank in its record (they are unknown,
    or unmet). Ranking uses it to skip programmes that cannot be eligible
    without checking them; :func:`check` gives the same statuses either way
    (``tests/test_rank.py`` holds the two to each other)."""
    out = {"unread"}
    form = _org_form(org)
    if _org_founded(org) is None and not _P_EXISTED.search(org.profile):
        out |= {"min_years", "max_years", "founded_after", "founded_before"}
    if _org_staff(org) is None:
        out |= {"min_staff", "has_staff"}
    if not form:
        out.add("legal_form")
    if not _org_stage(org):
        out.add("stage")
    if not _org_place(org):
        out.add("region")
    if _org_rating(org) is None:
        out.add("rating")
    if _org_charity(org) is None:
        out.add("charity")
    if not _org_public_fundraising(org):
        out.add("public_fundraising")
    if not (_P_AGE.search(org.profile) or _P_BIRTH.search(org.profile)):
        out.add("age_range")
    if not any(p.search(org.profile) for p in _P_SOCIAL_WORKERS) and not _P_NO_SOCIAL_WORKERS.search(org.profile):
        out.add("social_workers")
    if _P_OFFICE.search(org.profile) is None:
        out.add("registration_level")
    return frozenset(out)


def condition_key(cond: Condition) -> tuple:
    """A hashable key equal for equal conditions (params may be lists or dicts)."""
    return (cond.kind, repr(cond.param), cond.evidence, cond.source)


#: Kinds whose check reads the evidence (registration words, a field rule's hardness).
_EVIDENCE_READ = frozenset({"min_years", "founded_before", "field"})


def status_key(cond: Condition) -> tuple:
    """A key equal for conditions that any organization meets or not alike: the
    evidence counts only where the check reads it, so the many programmes that
    word the same rule differently ("申报主体须为…", "面向…") share a verdict."""
    if cond.kind in _EVIDENCE_READ:
        return condition_key(cond)
    return (cond.kind, repr(cond.param), cond.source)


def assess(
    conds: Sequence[Condition], org: Org, as_of: date, *, memo: dict | None = None, keys: Sequence | None = None
) -> tuple[str, tuple[Check, ...]]:
    """Overall verdict of an org against a programme's conditions.

    ``memo``: a dict the caller keeps for one organization and one ``as_of``.
    Many programmes state the very same condition ("成立1年以上"); with a memo
    it is checked once per organization, not once per programme. ``keys``:
    the conditions' :func:`condition_key`, when the caller keeps them made.

    Returns
    -------
    verdict : str
        ``"ineligible"`` if any check is unmet, else ``"unknown"`` if any is
        unknown, else ``"eligible"`` (also when there are no conditions: a
        programme that states none is open).
    checks : tuple of Check
        One per condition, in the given order.
    """
    if memo is None:
        checks = tuple(check(c, org, as_of) for c in conds)
    else:
        out = []
        for c, key in zip(conds, keys if keys is not None else map(condition_key, conds), strict=True):
            hit = memo.get(key)
            if hit is None:
                hit = memo[key] = check(c, org, as_of)
            out.append(hit)
        checks = tuple(out)
    statuses = {c.status for c in checks}
    if UNMET in statuses:
        return INELIGIBLE, checks
    if UNKNOWN in statuses:
        return UNKNOWN, checks
    return ELIGIBLE, checks


def verdict(conds: Sequence[Condition], keys: Sequence, org: Org, as_of: date, memo: dict) -> str:
    """The verdict of :func:`assess` alone, for ranking many programmes: it
    stops at the first unmet condition and builds no tuple of checks (those
    are made with :func:`assess` for the programmes that are shown)."""
    out = ELIGIBLE
    for c, key in zip(conds, keys, strict=True):
        hit = memo.get(key)
        if hit is None:
            hit = memo[key] = check(c, org, as_of)
        status = hit.status
        if status == UNMET:
            return INELIGIBLE
        if status == UNKNOWN:
            out = UNKNOWN
    return out


def is_expired(grant: Grant, as_of: date) -> bool:
    """True when the programme's deadline has passed (no deadline: never)."""
    return grant.deadline is not None and grant.deadline < as_of
