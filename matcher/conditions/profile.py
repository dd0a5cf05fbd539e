"""Facts about an org: what its record and its profile plainly say.

The ``_P_*`` patterns read an org's free-text profile (founding date, legal
form, staff, social workers, stage, women-led, age of the applicant, where
and with which office it registered), and the ``_org_*`` helpers combine
them with the structured fields of :class:`~matcher.records.Org` (a filled
field always wins). The checker asks these helpers, never the profile
directly, so "unmet" rests only on a plain fact.
"""

from __future__ import annotations

import functools
import re
from datetime import date

from ..gazetteer import Place, gazetteer
from ..records import Org
from .lexicon import _NUM, _PLACE, _num, mask_places

# -- org profile patterns ---------------------------------------------------------

_P_FOUNDED = (
    re.compile(r"(?P<y>(?:19|20)\d\d)\s*年\s*(?:(?P<m>\d{1,2})\s*月\s*)?(?:\d{1,2}\s*日\s*)?(?:刚|初|底|末|正式)?"
               r"(?:[在经][^，,。；;\n]{0,12})?(?:正式)?(?:注册成立|登记成立|注册|成立|登记|创办|创立)"),
    re.compile(r"(?:注册成立|登记成立|成立|注册|登记|创办|创立)(?:于|时间为?|时间是|在)\s*(?P<y>(?:19|20)\d\d)"
               r"(?:\s*年\s*(?P<m>\d{1,2})\s*月)?"),
)
#: A dated activity proves the org existed by then ("2018年“星火”项目被孵化").
_P_EXISTED = re.compile(
    r"(?<![人长我他她])(?P<y>(?:19|20)\d\d)\s*年[^，,。；;\n]{0,12}?"
    r"(?:被孵化|孵化培育|被评为|获评|承接|中标|获得[^，,。；;\n]{0,8}?资助)"
)
#: A person's timeline ("创始人2010年参加工作") says nothing of the org's age.
_P_PERSON = re.compile(r"创始人|负责人|理事长|发起人|本人|我|他|她|先生|女士")
_P_UNREGISTERED = re.compile(
    r"(?:尚未|还未|还没有?|没有|暂未|未在[^，,。；;\n]{0,8})(?:正式|独立)?(?:注册|登记)|未注册|未办理登记"
    r"|(?:尚未|还未|还没有?|没有|暂未)(?:去|到|在)[^，,。；;\n]{0,8}?(?:注册|登记)"
)
_P_FORM = re.compile(
    r"(?:是|为|属于|注册为|登记为|性质为|性质是|登记的|注册的)(?:一家|一个|一所|家)?[^，,。；;\n]{0,12}?"
    r"(?P<f>民办非企业单位|民非|社会服务机构|社会团体|社团|基金会|志愿者?团队|草根团体)"
    r"(?=[，,。；;、）)\s]|$)"  # not "为爱德基金会的合作伙伴"
)
_P_COMPANY = re.compile(r"有限公司$|有限责任公司$|股份有限公司$")
_P_DIVIDEND = re.compile(r"(?<!不)(?<!不得)分红")
_P_NO_DIVIDEND = re.compile(r"不分红|不得分红|不进行分红|不向股东分配")
_P_STAFF = (
    re.compile(r"(?:专职|全职)(?:的)?[^，,。；;\n]{0,8}?(?:有|共|为|共有)?\s*(?P<n>" + _NUM + r")\s*(?:名|人|位)"),
    re.compile(r"(?P<n>" + _NUM + r")\s*(?:名|位|个)\s*(?:专职|全职)"),
)
_P_SOCIAL_WORKERS = (
    re.compile(r"(?P<n>" + _NUM + r")\s*(?:名|位|个|人)\s*(?:持证社工|持证社会工作者|(?:助理)?社会工作师|持有社工证)"),
    re.compile(r"(?:持证社工|持证社会工作者|(?:助理)?社会工作师)[^，,。；;\n]{0,4}?(?:有|共|为|共有)?\s*(?P<n>" + _NUM + r")\s*(?:名|位|人)"),
)
_P_NO_SOCIAL_WORKERS = re.compile(r"(?:没有|无|暂无|尚无|还没有)(?:持证社工|持证社会工作者|社会工作师|人持有社工证)")
_P_NO_STAFF = re.compile(r"(?:没有|无|暂无|尚无|还没有)(?:专职|全职)|(?:全部|均|都)(?:是|为)(?:兼职|志愿者)|成员均为兼职")
#: Stage words only count with the org as subject ("机构目前处于成长期"), not
#: "帮助青少年度过成长期".
_P_STAGE_CTX = r"(?:处于|正处|进入|尚在|仍在|还在|目前是|现为|属于)[^，,。；;\n]{0,2}?"
_P_STAGE = (
    (re.compile(_P_STAGE_CTX + r"(?:初创|起步)(?:期|阶段)|(?:初创|起步)(?:期|阶段)的?(?:机构|组织)|刚刚?(?:在[^，,。；;\n]{0,10})?(?:注册|登记)?成立"), "初创期"),
    (re.compile(_P_STAGE_CTX + r"(?:成长|快速发展)(?:期|阶段)|成长期的?(?:机构|组织)"), "成长期"),
    (re.compile(_P_STAGE_CTX + r"成熟(?:期|阶段)|成熟期的?(?:机构|组织)"), "成熟期"),
)
#: A clause that tells of a side activity: not evidence of the main field.
_P_HEDGE = re.compile(r"一些|偶尔|有时|曾经|也参与|也会|也做|过一些")
_P_WOMEN = re.compile(r"妇女|女性|妈妈|母亲|女童|女孩|姐妹|巾帼")
_P_WOMEN_LED = re.compile(
    r"(?:女性|妇女)(?:主导|发起|创办|领导)|(?:妈妈|母亲|女性|妇女|女大学生|姐妹|女士)[^，,。；;\n]{0,4}?(?:发起|创办|创立|主导)"
    r"|(?:创始人|负责人|理事长)[^，,。；;\n]{0,4}?(?:为|是)女性"
)
_P_AGE = re.compile(r"(?:创始人|负责人|申请人|发起人|本人|我)[^，,。；;\n]{0,8}?(?P<n>\d{2})\s*(?:周岁|岁)")
_P_BIRTH = re.compile(r"(?:创始人|负责人|申请人|发起人|本人|我)[^，,。；;\n]{0,10}?(?P<y>(?:19|20)\d\d)\s*年(?:\d{1,2}月)?出?生")
_P_ORG_NAME = re.compile(
    r"(?:中心|协会|学会|研究会|促进会|基金会|联合会|商会|社|站|团队|团|组织|机构|公司|工作室|俱乐部|服务队|队"
    r"|小组|家园|之家|院|所|联盟|会|公益)$"
)
_P_ORG_PROFILE = re.compile(r"我们是一(?:家|个|支|群)|本机构|我机构|本中心|本协会|机构成立|组织成立|中心成立|协会成立")
#: Where the profile says it registered: "在石家庄市民政局注册".
_P_REG_PLACE = re.compile(r"在(?P<r>" + _PLACE + r")[^，,。；;\n]{0,8}?(?:民政局|民政部门|民政厅)")
#: The office the org registered with: "在内丘县民政局登记", "经唐山市民政局登记成立".
_P_OFFICE = re.compile(
    r"(?P<o>[^\s，,。；;：:、（）()“”\d年月日在经于由向和与及或的未]{1,14})(?:民政局|民政部门)[^，,。；;\n]{0,6}?(?:登记|注册|批准)"
    r"|(?P<national>民政部)(?!门)[^，,。；;\n]{0,6}?(?:登记|注册|批准)"
)

# -- facts about an org -----------------------------------------------------------

#: Facts are pure functions of an (immutable) org: ranking checks a dozen
#: conditions per organization, each asking the same few facts, and each
#: fact is a regex search of the whole profile. Kept for the last few orgs.
_fact = functools.lru_cache(maxsize=256)



@_fact
def _org_founded(org: Org) -> int | None:
    if org.founded_year is not None:
        return org.founded_year
    for pat in _P_FOUNDED:
        m = pat.search(org.profile)
        if m:
            return int(m.group("y"))
    return None


@_fact
def _org_founded_month(org: Org, founded: int) -> int | None:
    """The month of founding, when the profile dates it ("2025年6月注册")."""
    for pat in _P_FOUNDED:
        for m in pat.finditer(org.profile):
            if int(m.group("y")) == founded and m.group("m") and 1 <= int(m.group("m")) <= 12:
                return int(m.group("m"))
    return None


def _age_months(org: Org, as_of: date) -> tuple[int | None, int | None, str]:
    """Bounds on the org's age in calendar months (``None``: no bound), and why.

    With a founding year but no month the org may have been founded in
    January (oldest) or December (youngest); a dated activity gives only
    a lower bound.
    """
    founded = _org_founded(org)
    base = as_of.year * 12 + as_of.month
    if founded is None:
        existed = _org_existed_by(org, as_of)
        if existed is None:
            return None, None, "未填写成立年份"
        return base - (existed * 12 + 12), None, f"机构{existed}年已在开展工作"
    month = _org_founded_month(org, founded)
    if month is not None:
        age = base - (founded * 12 + month)
        return age, age, f"机构成立于{founded}年{month}月"
    return base - (founded * 12 + 12), base - (founded * 12 + 1), f"机构成立于{founded}年（月份不详）"


@_fact
def _org_existed_by(org: Org, as_of: date) -> int | None:
    """Earliest year the profile shows the org at work: founded no later."""
    years = [
        int(m.group("y"))
        for m in _P_EXISTED.finditer(org.profile)
        if not _P_PERSON.search(org.profile, max(0, m.start() - 10), m.start())
    ]
    years = [y for y in years if y <= as_of.year]
    return min(years) if years else None


@_fact
def _org_form(org: Org) -> str:
    if org.legal_form:
        return org.legal_form
    if _P_COMPANY.search(org.name.strip()):
        return "工商注册"
    if _P_UNREGISTERED.search(org.profile):
        return "未注册团体"
    m = _P_FORM.search(org.profile)
    if m:
        f = m.group("f")
        if "团队" in f or "草根" in f:
            return "未注册团体"
        return {"民非": "民办非企业单位", "社团": "社会团体"}.get(f, f)
    return ""


@_fact
def _org_staff(org: Org) -> int | None:
    if org.fulltime_staff is not None:
        return org.fulltime_staff
    for pat in _P_STAFF:
        m = pat.search(org.profile)
        if m:
            return _num(m.group("n"))
    if _P_NO_STAFF.search(org.profile):
        return 0
    return None


@_fact
def _org_stage(org: Org) -> str:
    if org.stage:
        return org.stage
    for pat, stage in _P_STAGE:
        if pat.search(org.profile):
            return stage
    return ""


@_fact
def _org_place(org: Org) -> str:
    """Where the org is registered: ``city``, else what profile or name say plainly."""
    if org.city.strip():
        return org.city.strip()
    masked, _ = mask_places(org.profile)
    m = _P_REG_PLACE.search(masked)
    if m:
        return org.profile[m.start("r"):m.end("r")]
    # Chinese org names start with their place ("秦皇岛市萤火…"): a full name
    # (with 市/县/区…) or a province; a bare short form may be a word (阿里巴巴)
    for mention in gazetteer().scan(org.name.strip()[:12])[:1]:
        if mention.start == 0 and any(
            mention.surface == p.name or p.level == 1 for p in mention.places
        ):
            return mention.surface
    return ""


@_fact
def _org_division(org: Org) -> Place | None:
    """:func:`_org_place` placed in the division table (``None``: unknown or ambiguous)."""
    place = _org_place(org)
    return gazetteer().resolve(place) if place else None


@_fact
def _is_organization(org: Org) -> bool:
    """Plain signs that the applicant is a body, not a person."""
    return bool(
        org.legal_form
        or org.fulltime_staff is not None
        or _P_ORG_NAME.search(org.name.strip())
        or _P_ORG_PROFILE.search(org.profile)
    )


#: A person applying for themself: "我叫…", "我是…，1991年出生".
_P_PERSON_SELF = re.compile(r"^(?:我叫|我是|本人)|(?:19|20)\d\d年(?:\d{1,2}月)?出?生|我今年\d{2}岁")
_P_STUDENT = re.compile(r"在读|在校(?:学生|大学生)|本科生|研究生在读|读大[一二三四]")
_P_FILED = re.compile(r"备案")
_P_COMPANY_PROFILE = re.compile(r"(?:是|为)一家[^，,。；;]{0,12}(?:公司|企业)(?:[，,。；;]|$)|(?<!未)(?<!没有)工商注册|市场监(?:督)?管(?:理)?局注册")
_P_REGISTERED = re.compile(r"民政(?:局|部门|厅|部)[^，,。；;]{0,6}(?:登记|注册|批准)|(?:登记|注册)(?:成立)?的(?:社会组织|社会服务机构|民办非企业单位|社会团体|基金会)")
_NAME_ASSOC = re.compile(r"(?:协会|学会|研究会|促进会|联合会|联谊会|商会)$")
_NAME_MUTUAL = re.compile(r"商会$|行业协会$|同乡会$|校友会$|工会$")
_NAME_FOUNDATION = re.compile(r"基金会$")
_NAME_SERVICE = re.compile(r"(?:中心|服务社|服务站|工作室|研究院|研究所|学校|家园|之家)$")


@_fact
def _org_bodies(org: Org) -> frozenset[str] | None:
    """What kind of body the applicant plainly is (see :mod:`.applicants`):
    one kind when the record says so, several when it is an organization of
    unknown form, ``None`` when nothing shows even whether it is a body."""
    name = org.name.strip()
    form = _org_form(org)
    assoc = frozenset({"mutual"}) if _NAME_MUTUAL.search(name) else frozenset({"assoc"})
    by_form = {"民办非企业单位": {"service"}, "社会服务机构": {"service"}, "社会团体": assoc,
               "基金会": {"foundation"}, "工商注册": {"company"}}
    if form == "未注册团体":
        return frozenset({"filed"} if _P_FILED.search(org.profile) else {"group"})
    if form in by_form:
        return frozenset(by_form[form])
    if _P_COMPANY_PROFILE.search(org.profile):
        return frozenset({"company"})
    if not _is_organization(org) and _P_PERSON_SELF.search(org.profile):
        return frozenset({"student"} if _P_STUDENT.search(org.profile) else {"person"})
    if _P_FILED.search(org.profile) and not _P_REGISTERED.search(org.profile):
        return frozenset({"filed"})
    hint = (assoc if _NAME_ASSOC.search(name) else {"foundation"} if _NAME_FOUNDATION.search(name)
            else {"service"} if _NAME_SERVICE.search(name) else None)
    if _P_REGISTERED.search(org.profile):
        return frozenset(hint or {"assoc", "service", "foundation"})
    if _is_organization(org):
        # a body whose form and registration are not stated (a 备案 group or a 商会 says so in its name
        # or profile, a company in its name: 有限公司)
        return frozenset({"assoc", "service", "foundation", "group"})
    return None


#: "获评5A级社会组织", "去年刚评上3A", "评估等级为4A"; "未参加评估" is 无.
_P_RATING = re.compile(r"(?:评估等级|获评|评上|评为|被评为|评估为|等级为|等级是)[^，,。；;\n]{0,6}?(?P<n>[1-5一二三四五])\s*[AＡ]"
                       r"|(?P<m>[1-5一二三四五])\s*[AＡ]级(?:社会组织|机构)")
_P_NO_RATING = re.compile(r"(?:未|没有|尚未|还没|还没有)(?:参加|参与|进行)?(?:过)?(?:社会组织)?(?:等级)?评估")
_P_INSPECTED = re.compile(r"(?P<y>(?:19|20)\d\d)\s*年(?:度)?(?:的)?(?:年检|年度检查|年报)[^，,。；;\n]{0,4}?(?:合格|通过)")
_P_INSPECTION_FAILED = re.compile(r"(?:年检|年度检查|年报)[^，,。；;\n]{0,4}?(?:不合格|未通过|没通过)|(?:未|没有)(?:参加|按时)?(?:年检|年报)")
_P_CHARITY = re.compile(r"(?<![未没不])(?:认定为|登记为|取得|获得)[^，,。；;\n]{0,4}慈善组织|慈善组织认定")
_P_NOT_CHARITY = re.compile(r"(?:不是|未被?认定为?|没有认定|尚未认定|还不是)[^，,。；;\n]{0,4}慈善组织")
_P_PUBLIC = re.compile(r"(?<!非)公募基金会|(?<![没无不未])(?:具有|取得|拥有|有)(?:公开募捐资格|公募资格)")
_P_NOT_PUBLIC = re.compile(r"(?:没有|无|不具有|不具备|尚无|未取得|还没有)(?:公开募捐资格|公募资格)|非公募")


@_fact
def _org_rating(org: Org) -> int | None:
    """The org's assessment rating as a number (0 = never rated), or None."""
    if org.rating:
        return 0 if org.rating == "无" else int(org.rating[0])
    m = _P_RATING.search(org.profile)
    if m:
        return _num(m.group("n") or m.group("m"))
    if _P_NO_RATING.search(org.profile):
        return 0
    return None


@_fact
def _org_inspection(org: Org) -> tuple[int | None, bool]:
    """(last year its 年检 / 年报 passed, or None; True when the record says one failed)."""
    failed = _P_INSPECTION_FAILED.search(org.profile) is not None
    if org.inspection_year is not None:
        return org.inspection_year, failed
    years = [int(m.group("y")) for m in _P_INSPECTED.finditer(org.profile)]
    return (max(years) if years else None), failed


def _yes_no(value: bool | None, yes: re.Pattern[str], no: re.Pattern[str], text: str) -> bool | None:
    if value is not None:
        return value
    if no.search(text):
        return False
    if yes.search(text):
        return True
    return None


@_fact
def _org_charity(org: Org) -> bool | None:
    return _yes_no(org.charity, _P_CHARITY, _P_NOT_CHARITY, org.profile)


@_fact
def _org_public_fundraising(org: Org) -> bool | None:
    return _yes_no(org.public_fundraising, _P_PUBLIC, _P_NOT_PUBLIC, org.profile)


@_fact
def _province(place: str) -> str:
    """The province a place name lies in, short form (河北), or ``""``."""
    p = gazetteer().resolve(place)
    if p is None:
        return ""
    gz = gazetteer()
    return gz.short(gz.province(p))
