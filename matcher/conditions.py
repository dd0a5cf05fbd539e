"""Read the hard eligibility conditions of a programme and check an org.

A funder's "资助对象" paragraph mixes hard conditions (注册满1年, 20-40岁的
个人) with wishes (有详细可行的项目计划). This module reads only the hard
ones, each as a :class:`Condition` that keeps the *exact* words it was read
from, so a person can always see why a programme was ruled out.

The guiding rule is **precision of "ineligible"**: turning away an org that
qualifies costs it a grant, while an "unknown" only costs it a question. So

* the reader only takes phrasings whose meaning is unambiguous; it skips
  comma clauses that are wishes (优先, 鼓励, 不限, 均可 …), reads a clause
  that names who may *not* apply ("成立超过3年的机构请勿申报") the other way
  round, and reads an "or" clause ("注册满2年或有3名专职") as an
  alternative, not a requirement; "原则上" is a wish too;
* a check says ``unmet`` only on a plain fact about the org (a structured
  field, or a plain statement in its profile such as "2016年注册",
  "尚未注册", "现有专职社工5名", "股东按出资比例分红"); a blank field with
  nothing in the profile is ``unknown``, never ``unmet``.

Conventions of ``Condition.param``
----------------------------------
``min_years``, ``max_years``
    an ``int`` (years), or ``{"months": n}`` when the programme counts
    months ("成立时间满24个月"). Months are checked against the founding
    month when the profile gives one ("2024年9月…登记成立"); with only a
    year the answer is ``unknown`` whenever it depends on the month.
``min_staff``, ``social_workers``
    an ``int`` (full-time staff; certified social workers "持证社工", read
    only from the profile: "现有3名持证社工", "暂无持证社工").
``founded_after``
    a year (``int``): founded in that year or later.
``founded_before``
    the last allowed founding day, ISO (``"2022-12-31"``), read leniently
    ("2022年前" and "2022年6月前" allow all of that year or month).
``legal_person``
    ``True`` (须依法登记 / 具有独立法人资格: 未注册团体 is unmet) or
    ``"partner"`` (groups without legal personality may still apply through
    a partner or a recommendation: 未注册团体 is unknown, with that advice).
``nonprofit``
    ``True`` (非营利组织 / 社会组织 / 在民政部门登记: 工商注册 is unmet), or
    ``"不分红"`` when a 工商注册 body is allowed if its charter forbids
    dividends (unknown unless the profile says 分红 or 不分红).
``legal_form``, ``stage``
    a list of the accepted values of ``Org.legal_form`` / ``Org.stage``; a
    value ending in ``?`` is accepted only conditionally (check → unknown).
    民办非企业单位 and 社会服务机构 are the same form (old and new name).
``applicant``
    ``"individual"`` or ``"organization"``. An org record that plainly is a
    body (legal form, staff, a name ending in 中心/协会/小组 …) is unmet for
    ``individual``; a neutral record is unknown.
``age_range``
    ``[min, max]`` in years, both inclusive (``[0, 35]`` for "35岁以下").
``has_staff``
    ``True``.
``women``
    ``True`` (女性主导 *or* 以女性为主要受益对象: never unmet, since the
    project may still serve women) or ``"led"`` (须为女性主导的机构:
    ``women_led`` 否 is unmet).
``region``
    a list of places, any of which will do (``["北京", "广东"]``), compared
    with where the org is *registered*: ``city``, else "在X市民政局注册"
    in the profile, else a place name that opens the org's name. Where an
    org merely works is not evidence. Unknown places are unknown. Groups
    are lists: 京津冀, 长三角 (provinces), 珠三角 / 大湾区 (cities). The
    grant's ``region`` column, filled only for a real restriction, is a
    region condition too (``source="column"``, evidence = the column's
    text), unless the text states the same or a narrower one.
``registration_level``
    ``"county"``: registered with a county-level 民政 office ("在县（县级市）
    民政部门登记"). Met for a 县/旗 office named in the profile, unmet for a
    市辖区, a known prefecture city or higher; a "X市" that may be a 县级市
    is unknown.
``field``
    a list of field keys (``["环保"]``). Most field wording is about the
    *project* ("资助对象：环保项目", "教育公益组织"): met when the org's
    text mentions the field, otherwise unknown, never unmet (topic is a
    matter of ranking). Only when the evidence restricts the *applicant's*
    main business ("仅资助环保领域", "以环境保护为主要业务方向") — or the
    rule is manual — can it be unmet: the org's field tags, or failing
    those a profile that plainly works in another field, are clearly
    different.

Manual corrections (the ``conditions`` column of grants.csv)
------------------------------------------------------------
When the reader gets a programme wrong, fix it in the spreadsheet rather
than in code. The cell holds rules separated by ``;`` (or ``；``)::

    min_years=2; legal_form=民办非企业单位|社会服务机构; -stage; region=河北;
    women; applicant=individual; age_range=20-40; min_staff=3; field=环保;
    min_years=18个月; founded_before=2022-12-31; registration_level=county

* ``kind=value`` adds a condition and **replaces** whatever the reader found
  of that kind; several values are separated by ``|``;
* ``-kind`` **removes** what the reader found of that kind;
* a bare ``kind`` means "true" (for ``legal_person``, ``nonprofit``,
  ``has_staff``, ``women``).

Values: ``min_years``/``max_years``/``min_staff``/``social_workers`` a whole
number (``min_years``/``max_years`` also ``18个月``); ``founded_after`` a
four-digit year; ``founded_before`` a year or a date (``2022-12-31``);
``registration_level`` ``county``; ``age_range`` ``20-40``; ``applicant``
``individual``/``organization`` (or 个人/机构); ``legal_person`` ``partner``;
``nonprofit`` ``不分红``; ``women`` ``led``; ``legal_form`` one of
民办非企业单位 社会服务机构 社会团体 基金会 未注册团体 工商注册; ``stage`` one
of 初创期 成长期 成熟期 (either may end in ``?`` = only conditionally);
``region`` and ``field`` free names. A manual ``field`` restricts the
applicant's field (it can be unmet). An unknown kind or a bad value is an
:class:`~matcher.errors.InputError` naming the column ``conditions``.

Checking years
--------------
Orgs give a founding *year*, not a date, so ``years = as_of.year -
founded_year``, and an org whose difference equals the requirement exactly
counts as met: it may have registered late in the year, but ruling it out
would risk turning away one that qualifies. With no founding year, a dated
activity in the profile ("2018年…被孵化") proves the org existed by then.
An unregistered group fails a rule that counts *registration* years.

Stages
------
起步/初创 → 初创期 only. 成长期 (with "处于…" or "…的组织") → 成长期 only.
高速成长期/战略升级 → 成长期 met, 成熟期 unknown (it may be upgrading),
初创期 unmet. Lists ("初创期或成长期") are unions, ranges ("从初创期到成熟
期") are inclusive. A vague "合适的成长阶段" is not a stage rule.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from .errors import InputError
from .records import LEGAL_FORMS, STAGES, Check, Grant, Org

__all__ = [
    "KINDS",
    "Condition",
    "assess",
    "check",
    "is_expired",
    "parse_manual",
    "read_conditions",
]

KINDS = (
    "min_years",
    "max_years",
    "founded_after",
    "founded_before",
    "legal_person",
    "nonprofit",
    "legal_form",
    "applicant",
    "age_range",
    "min_staff",
    "has_staff",
    "social_workers",
    "stage",
    "women",
    "region",
    "registration_level",
    "field",
)

MET, UNMET, UNKNOWN = "met", "unmet", "unknown"
NONPROFIT_FORMS = ("民办非企业单位", "社会服务机构", "社会团体", "基金会")

# -- numbers ------------------------------------------------------------------

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
#: Bounded length, so a run of 100k digits cannot make a match explode.
_NUM = r"(?:\d{1,3}|[零〇一二两三四五六七八九十]{1,3})"


def _num(s: str) -> int | None:
    """Arabic or small Chinese numeral (≤ 99) to ``int``; ``None`` if odd."""
    if s.isdigit():
        return int(s)
    if "十" in s:
        head, _, tail = s.partition("十")
        if "十" in tail:
            return None
        tens = _CN_DIGITS.get(head, None) if head else 1
        ones = _CN_DIGITS.get(tail, None) if tail else 0
        if tens is None or ones is None:
            return None
        return tens * 10 + ones
    if len(s) == 1:
        return _CN_DIGITS.get(s)
    return None


# -- regions ------------------------------------------------------------------

_PROVINCE_CITIES = {
    "北京": "", "天津": "", "上海": "", "重庆": "",
    "河北": "石家庄 唐山 秦皇岛 邯郸 邢台 保定 张家口 承德 沧州 廊坊 衡水 雄安",
    "山西": "太原 大同 运城 长治 晋中 临汾",
    "内蒙古": "呼和浩特 包头 鄂尔多斯 赤峰",
    "辽宁": "沈阳 大连 鞍山 锦州",
    "吉林": "长春 延边",
    "黑龙江": "哈尔滨 齐齐哈尔 大庆",
    "江苏": "南京 苏州 无锡 常州 南通 徐州 扬州",
    "浙江": "杭州 宁波 温州 绍兴 嘉兴 金华 台州 湖州",
    "安徽": "合肥 芜湖 安庆 阜阳",
    "福建": "福州 厦门 泉州 漳州",
    "江西": "南昌 赣州 九江",
    "山东": "济南 青岛 烟台 潍坊 临沂 淄博 济宁",
    "河南": "郑州 洛阳 开封 新乡 南阳",
    "湖北": "武汉 宜昌 襄阳 恩施",
    "湖南": "长沙 株洲 湘潭 衡阳 岳阳 常德",
    "广东": "广州 深圳 佛山 东莞 珠海 汕头 惠州 中山 江门 肇庆",
    "广西": "南宁 桂林 柳州",
    "海南": "海口 三亚",
    "四川": "成都 绵阳 凉山 甘孜 阿坝 南充",
    "贵州": "贵阳 遵义 毕节",
    "云南": "昆明 大理 丽江 红河 西双版纳 怒江 昭通",
    "西藏": "拉萨",
    "陕西": "西安 宝鸡 延安 咸阳 汉中",
    "甘肃": "兰州 天水 定西",
    "青海": "西宁 玉树",
    "宁夏": "银川",
    "新疆": "乌鲁木齐 喀什",
    "香港": "", "澳门": "", "台湾": "",
}
_CITY_PROVINCE = {c: p for p, cs in _PROVINCE_CITIES.items() for c in cs.split()}
#: Named groups of places: "限京津冀" is a list of provinces (or cities).
_PRD = "广州 深圳 珠海 佛山 惠州 东莞 中山 江门 肇庆"
_REGION_GROUPS = {
    "京津冀": "北京 天津 河北",
    "长三角": "上海 江苏 浙江 安徽", "长江三角洲": "上海 江苏 浙江 安徽",
    "珠三角": _PRD, "珠江三角洲": _PRD,
    "粤港澳大湾区": _PRD + " 香港 澳门", "大湾区": _PRD + " 香港 澳门",
}
_REGION_NAMES = sorted({*_PROVINCE_CITIES, *_CITY_PROVINCE, *_REGION_GROUPS}, key=len, reverse=True)
_REGION = "(?:" + "|".join(_REGION_NAMES) + ")"
#: A single province or city (no groups): where an org is.
_PLACE = "(?:" + "|".join(sorted({*_PROVINCE_CITIES, *_CITY_PROVINCE}, key=len, reverse=True)) + ")"
_PLACE_RE = re.compile(_PLACE)
_REGION_SUFFIX = r"(?:维吾尔自治区|壮族自治区|回族自治区|自治区|特别行政区|省|市)?"
_REGION_NAME_RE = re.compile(_REGION)
#: "北京市、广东省" / "四川、云南、贵州三省": one or more places.
_REGION_LIST = (
    r"(?P<r>" + _REGION + _REGION_SUFFIX + r"(?:\s*[、和及与/或]\s*" + _REGION + _REGION_SUFFIX + r"){0,6})"
    r"(?:[两三四五六七八九十]?(?:省|市|省市|地区|地))?"
)


def _region_names(words: Sequence[str]) -> list[str]:
    """Place names as read ("京津冀" → 北京, 天津, 河北), each once, in order."""
    out: list[str] = []
    for w in words:
        out += _REGION_GROUPS[w].split() if w in _REGION_GROUPS else [w]
    return list(dict.fromkeys(out))

# -- fields ---------------------------------------------------------------------

#: key → words in an org's text that show it works in that field.
_FIELD_WORDS = {
    "环保": "环保 环境 生态 污染 垃圾 低碳 气候 自然保护 自然教育 野生动物 动物保护 水源 河流 巡河 护河 水质 "
            "排污 湿地 鸟类 节能 减塑 绿色",
    "教育": "教育 学校 教学 助学 支教 学生 小学 中学 课堂 课程 课业 阅读 图书 绘本 学前 幼儿园 学习 教师",
    "阅读": "阅读 读书 图书 绘本 书屋 图书角 图书馆 童书",
    "文化": "文化 传统 国学 非遗 非物质文化遗产 艺术 民俗 书法 戏曲 文物 历史",
    "养老": "养老 老人 老年 长者 为老 助老 敬老",
    "扶贫": "扶贫 脱贫 乡村振兴 贫困",
    "助残": "助残 残障 残疾 自闭症 孤独症 智障 智力障碍 心智障碍 听障 视障",
    "医疗": "医疗 健康 疾病 患者 医院 卫生 慢病",
    "动物保护": "动物保护 流浪动物 流浪猫 流浪狗 野生动物 动物福利",
}
#: Tags close enough to a field that the org may well work in it: with one of
#: these a field restriction is "unknown", never "unmet".
_FIELD_RELATED = {
    "教育": "儿童 青少年 少儿 留守 学生 阅读 科普 家庭",
    "阅读": "教育 儿童 青少年 少儿 留守 学生 图书",
    "环保": "动物 科普 自然",
    "文化": "教育 艺术",
    "养老": "健康 医疗 长者",
    "扶贫": "乡村 农村 助学",
    "助残": "康复 特殊",
    "医疗": "健康 心理 康复",
    "动物保护": "环保 生态",
}
#: Surface words in programme text → field key, longest first.
_FIELD_SURFACE = {
    "环境保护": "环保", "生态环境": "环保", "污染防治": "环保", "环保": "环保",
    "传统文化": "文化", "非遗": "文化", "文化": "文化",
    "教育": "教育",
    "儿童阅读": "阅读", "阅读": "阅读",
    "养老": "养老", "为老服务": "养老",
    "扶贫": "扶贫", "助残": "助残", "残障": "助残",
    "动物保护": "动物保护",
}
_FW = "(?P<f>" + "|".join(sorted(_FIELD_SURFACE, key=len, reverse=True)) + ")"
#: Evidence that restricts the *applicant's* field, not just the project's
#: topic: only then can a field condition be unmet.
_FIELD_HARD = re.compile(
    r"主要业务|主营|业务方向|业务范围|宗旨|(?:仅|只)(?:资助|支持|限)[^，,。；;\n]{0,8}领域"
    r"|^(?:仅|只)?限于?[^，,。；;\n]{0,6}?(?:类|领域)的?(?:社会|公益)?(?:组织|机构)"
)

# -- reader patterns ------------------------------------------------------------

_CLAUSE_END = re.compile(r"[，,。；;！!？?\n]")
_SENTENCE_END = re.compile(r"[。；;！!？?\n]")
#: A match inside a comma clause with one of these is a wish, not a rule.
_SOFT = re.compile(r"优先|鼓励|原则上|一般应|最好|倾向|不限|不要求|无需|不需|均可|皆可|不做要求|不作要求|欢迎|无[^，,。；;\n]{0,8}要求")
#: ... and with one of these it names who may NOT apply ("成立超过3年的机构请勿申报").
_OR_NEXT = re.compile(r"[，,]\s*(?:或|或者|或是)")
_OUT_OF_SCOPE = r"不在(?:本次|本项目|本计划)?(?:资助|申报|支持|申请|受理)(?:范围|对象|之列)|不属于(?:本次)?(?:资助|申报|支持)(?:范围|对象)"
#: "…满2年或…" / "…或有3名专职": one side of an "or" inside a clause.
_OR_AFTER = re.compile(r"(?:（含）|\(含\)|及?以上|的)?\s*(?:或者|或是|或)")
_OR_BEFORE = re.compile(r"(?:或者|或是|或)\s*(?:须|需|应|已)?$")
_NEGATIVE = re.compile(r"请勿|不得|不予|不接受|不能申|不可申|谢绝|" + _OUT_OF_SCOPE)

_YEARS_HEAD = r"(?<!项目)(?:注册|成立|登记|创立|创办|运营|运作)(?:成立|注册)?(?:时间|年限)?(?:已|须|需|应|要|必须)?(?:在|达)?"
_MIN_YEARS = re.compile(
    _YEARS_HEAD + r"(?P<pre>已满|满|超过|不少于|不低于|至少|达到|大于)?\s*"
    r"(?P<n>" + _NUM + r")\s*(?:(?:个)?(?:整|周)?年(?!代|度|级|内|以下|以内|之内)|个(?:整)?月(?P<mo>)(?!内|以下|以内|之内))"
    r"(?P<post>（含）以上|\(含\)以上|及以上|或以上|以上)?"
)
_MAX_YEARS = re.compile(
    _YEARS_HEAD + r"(?:(?P<pre>不超过|不满|未满|不足|少于|低于)\s*(?P<n>" + _NUM + r")\s*(?:(?:个)?(?:整|周)?年|个(?:整)?月(?P<mo>))"
    r"|(?P<n2>" + _NUM + r")\s*(?:(?:个)?(?:整|周)?年|个(?:整)?月(?P<mo2>))(?:以内|之内|内))"
)
_FOUNDED_AFTER = re.compile(
    r"(?P<y>(?:19|20)\d\d)\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?\s*(?:及)?(?:以后|之后|后|起)"
    r"(?:新)?(?:依法)?(?:注册|登记|成立)(?:成立|注册)?"
)
#: "2022年12月31日前登记成立", "应于2024年12月31日前在民政部门完成登记".
_FOUNDED_BEFORE = re.compile(
    r"(?P<y>(?:19|20)\d\d)\s*年(?:\s*(?P<m>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*日)?)?\s*(?:（含）|\(含\))?"
    r"\s*(?:以前|之前|前)(?P<gap>[^，,。；;\n]{0,12}?)(?:注册|登记|成立)"
)
_NOT_FOUNDING = re.compile(r"平台|系统|网站|官网|账号|帐号|小程序|报名|会员|信息|提交|材料|项目|活动|截止")
_STAFF_N_FIRST = re.compile(
    r"(?P<pre>至少|不少于|不低于|最少|须有|需有|拥有|有)?\s*(?:有)?\s*(?P<n>" + _NUM + r")\s*(?:名|位|个|人)"
    r"(?P<post>及以上|或以上|以上)?\s*的?\s*(?:专职|全职)"
)
_STAFF_WORD_FIRST = re.compile(
    r"(?:专职|全职)的?(?:工作人员|人员|员工|社工|职员)?(?:数量|人数)?(?:须|需|应)?(?:在|有|达)?"
    r"(?P<pre>不少于|不低于|至少|达到|满|超过)?\s*(?P<n>" + _NUM + r")\s*(?:名|位|个|人)"
    r"(?P<post>及以上|或以上|以上)?"
)
_PART_TIME = re.compile(r"兼职")
_SW = r"(?:持证社工|持证社会工作者|持证社会工作师|持有社会工作者?职业资格证书的(?:人员|社工|员工|工作人员)?|(?:助理)?社会工作师)"
#: "至少配备1名持证社工", "持证社工不少于2名".
_SOCIAL_WORKERS = re.compile(
    r"(?P<pre>至少|不少于|不低于|最少|须有|需有|应有|拥有|具备|有)\s*(?:配备|配置|拥有|有)?\s*(?P<n>" + _NUM + r")\s*(?:名|位|个|人)"
    r"(?:及以上|或以上|以上)?\s*的?\s*" + _SW
    + r"|" + _SW + r"(?:人数|数量)?(?:须|需|应)?(?:不少于|至少|不低于|达到)\s*(?P<n2>" + _NUM + r")\s*(?:名|位|个|人)"
)
_HAS_STAFF = re.compile(
    r"(?<![没无未])(?:拥有|配备|配置|具备|具有|有)(?:稳定的?|固定的?)?(?:专职|全职)的?"
    r"(?:工作人员|人员|员工|工作团队|团队|职员|社工|项目负责人|负责人|项目官员|项目主管|财务人员|管理人员)"
)
_STAGE_WORD = r"(?:起步|初创|创业初|高速成长|快速成长|快速发展|成长|成熟|战略升级|转型升级)"
_STAGE_LIST = re.compile(
    r"(?P<pre>处于|正处|进入)?(?:组织|机构)?(?:发展)?"
    r"(?P<list>" + _STAGE_WORD + r"(?:期|阶段)?(?:\s*(?:[或、和及与至到/]|或者)\s*(?:组织|机构)?" + _STAGE_WORD + r"(?:期|阶段)?){0,3})"
    r"(?P<post>(?<=期)|(?<=阶段))"
    r"(?P<org>的?(?:社会组织|公益组织|组织|机构|团队))?"
)
_STAGE_WORD_RE = re.compile(_STAGE_WORD)
_STAGE_RANGE = re.compile(r"[至到]")
#: Words that name a stage without help; 成长/成熟 alone need "处于…" or "…的组织".
_STAGE_DISTINCT = ("起步", "初创", "创业初", "高速成长", "快速成长", "战略升级", "转型升级")
#: programme's words → (accepted stages, conditionally accepted stages)
_STAGE_MAP = {
    "起步": ("初创期",), "初创": ("初创期",), "创业初": ("初创期",),
    "高速成长": ("成长期", "成熟期?"), "快速成长": ("成长期", "成熟期?"), "快速发展": ("成长期", "成熟期?"),
    "成长": ("成长期",), "成熟": ("成熟期",),
    "战略升级": ("成熟期?",), "转型升级": ("成熟期?",),
}
_WOMEN_ALT = re.compile(
    r"(?:女性|妇女)(?:主导|领导|创办|创立|创始人?)(?:发起)?"
    r"[或、](?:者)?以[^，,。；;\n]{0,4}?(?:女性|妇女|母亲|妈妈)为主要?(?:受益|服务)(?:对象|人群|群体|人)"
)
_WOMEN_LED = re.compile(r"(?:须为|必须是|必须为|应为|需为|仅限|限)[^，,。；;\n]{0,6}?(?:女性|妇女)(?:主导|领导|创办|创立)")
_WOMEN_OR = re.compile(r"或[^。；;\n]{0,15}?(?:受益|服务|面向|针对)")
_WOMEN_SERVED = re.compile(r"以[^，,。；;\n]{0,4}?(?:女性|妇女|母亲|妈妈)为主要?(?:受益|服务)(?:对象|人群|群体|人)")
_LEGAL_PERSON = re.compile(r"(?<![没无不未])(?:具有|具备|拥有|取得)(?:独立)?(?:的)?法人资格")
#: "依法登记的社会组织", "在民政部门注册", "已依法登记注册", "注册形式组织", "需在当地注册":
#: registration required (a group that never registered has no legal personality).
_REGISTERED = re.compile(
    r"(?:依法|正式)(?:登记|注册|成立)(?:注册|登记)?(?:成立)?的(?:社会组织|公益组织|慈善组织|非营利组织|非营利性组织|机构|组织|单位)"
    r"|(?:已|须|需|应|必须)(?:在[^，,。；;\n]{0,10}?)?依法(?:登记|注册)(?:注册|登记)?"
    r"|在[^，,。；;\n]{0,10}?民政(?:部门|局|厅)[^，,。；;\n]{0,4}?(?:依法)?(?:登记|注册|备案)"
    r"|(?:登记|注册)形式的?(?:组织|机构)"
    r"|(?:须|需|应|必须)在[^，,。；;\n]{0,8}?(?:注册|登记)"
)
_LEGAL_PARTNER = re.compile(
    r"(?:(?:无|没有|不具备|不具有|未取得|尚无)(?:独立)?法人资格|未登记|未注册)[^。；;\n]{0,40}?"
    r"(?:可|可以|须经|需经|经)[^。；;\n]{0,30}?(?:申报|申请|报名)"
)
_FORM_WORD = r"(?:民办非企业(?:单位)?|社会服务机构|社会团体|社团|基金会)"
_FORM_LIST = _FORM_WORD + r"(?:\s*[、，,和及与或/（(]\s*" + _FORM_WORD + r"\s*[)）]?){0,6}"
_NONPROFIT_LIST = re.compile(
    _FORM_LIST + r"\s*等\s*(?:非营利|非盈利)性?(?:注册形式)?的?(?:社会)?(?:组织|机构)"
)
#: "须为非营利组织", "资助对象为非营利性社会组织", "登记注册的社会组织", "民政部门登记":
#: 工商注册 companies are out (社会组织 and 民政 registration are nonprofit forms).
_NONPROFIT_PLAIN = re.compile(
    r"(?:须为|必须是|必须为|仅限|只限|限于?|应为|需为|应当是|对象为|对象是|对象[：:]|主体为|主体是|仅接受|只接受|[且并](?:须|应)?为)"
    r"[^，,。；;\n]{0,20}?(?:(?:非营利|非盈利)性?的?(?:社会|公益)?(?:组织|机构)|社会组织)"
    r"|(?:登记|注册|备案)(?:注册|登记)?(?:成立)?的(?:非营利性?(?:社会)?(?:组织|机构)|社会组织|慈善组织)"
    r"|民政(?:部门|局|厅)[^，,。；;\n]{0,4}?(?:依法)?(?:登记|注册|备案)"
    r"|法人资格的(?:非营利性?(?:社会)?(?:组织|机构)|社会组织|慈善组织)"
    r"|(?:机构|单位|组织|主体)(?:须为|必须是|必须为|应为|需为|应当是)(?:非营利|非盈利)性质"
)
#: Nonprofit evidence that also asks for registration ("民政部门登记的社会组织").
_REGISTERED_NONPROFIT = re.compile(r"(?<![未没无])(?:登记|注册|法人资格)")
_NEGATED = re.compile(r"未|没有|不曾|尚无")
_NOT_ORG_REGISTRATION = re.compile(r"平台|系统|网站|官网|账号|帐号|小程序|报名|会员|信息|活动前|开展前|之前|以前")
_OTHER_APPLICANTS = re.compile(r"企业|公司|个人|团队|团体|志愿|高校|学校|[或和及、]\s*研究")
_NONPROFIT_NO_DIVIDEND = re.compile(r"工商注册[^。；;\n]{0,40}?不分红")
_LEGAL_FORM_ONLY = re.compile(
    r"(?:仅限|只限|限于?|须为|必须为|应为|需为|(?:单位|机构|主体|对象)(?:为|是))[^，,。；;\n]{0,16}?(?P<forms>" + _FORM_LIST + r")"
    r"(?=\s*(?:申请|申报|参与|报名|[，,。；;）)]|$))"  # not "限于与基金会合作的项目", not "…等"
)
_FORM_WORD_RE = re.compile(_FORM_WORD)
_UNREGISTERED_FORM = re.compile(r"未(?:登记|注册)(?:注册|登记)?的?(?:" + _FORM_WORD + r"|社会组织|组织|团队|团体)")
#: "企业、未登记团体不予受理": the forms named are out, all others in.
_FORM_EXCLUDED = re.compile(
    r"(?P<list>(?:企业|公司|个人|未登记|未注册|社会团体|社团|基金会|民办非企业单位|社会服务机构"
    r"|已(?:在[^，,。；;\n]{0,8}?)?(?:登记|注册)(?:注册|登记)?的(?:社会组织|机构|组织))[^，,。；;\n]{0,12}?)"
    r"(?:暂不接受|不接受|不予受理|不予资助|" + _OUT_OF_SCOPE + r"|不能申[请报]|不得申[请报]|不可申[请报]|请勿申[报请])"
)
#: "已在民政部门登记的社会组织…请勿申报": every registered nonprofit form is out.
_REGISTERED_OUT = re.compile(r"已(?:在[^，,。；;\n]{0,8}?)?(?:登记|注册)(?:注册|登记)?的(?:社会组织|机构|组织)")
#: "仅面向尚未登记注册的社区志愿服务团队": only unregistered groups.
_UNREGISTERED_ONLY = re.compile(
    r"(?:仅面向|只面向|仅限|只限|仅接受|只接受|仅支持|只支持|仅资助|只资助|限于?)[^，,。；;\n]{0,16}?(?:尚|还)?未(?:在[^，,。；;\n]{0,8}?)?(?:登记|注册)(?:注册|登记)?的?"
    r"[^，,。；;\n]{0,12}?(?:团队|团体|小组|服务队|志愿队|组织)"
)
#: "申请主体须为工商注册的企业": only companies.
_COMPANY_ONLY = re.compile(
    r"(?:须为|必须为|必须是|应为|需为|仅限|只限|限于?|仅接受|只接受|仅面向|(?:主体|对象|单位)(?:须|应|需)?(?:为|是))"
    r"[^，,。；;\n]{0,6}?(?:在?工商(?:行政管理)?(?:部门)?(?:注册|登记)|在?市场监(?:督)?管(?:理)?(?:部门|局)(?:注册|登记))(?:注册|登记)?的?"
    r"(?:社会)?(?:企业|公司)"
)
_AGE = re.compile(
    r"(?P<a>" + _NUM + r")\s*(?:周?岁)?\s*(?:-|–|—|~|～|至|到)\s*(?P<b>" + _NUM + r")\s*(?:周岁|岁)"
    r"|(?P<max>" + _NUM + r")\s*(?:周岁|岁)(?:以下|以内|及以下)"
    r"|(?:不超过|不满|未满)\s*(?P<max2>" + _NUM + r")\s*(?:周岁|岁)"
)
#: An age followed by these is the age of the people served, not the applicant.
_AGE_BENEFICIARY = re.compile(r".{0,3}?(?:的)?(?:老人|老年|儿童|青少年|少年|学生|孩子|妇女|残疾|患者|人群|群体|居民|幼儿|婴幼儿|女性|男性)")
_AGE_APPLICANT = re.compile(r"申请人|负责人|创始人|发起人|年龄|个人|公益人|从业者|创业者|(?:资助|申请|支持)对象[：:]\s*$")
#: "负责人年龄…": an age rule on the leader of an org, not an individual applicant.
_AGE_OF_LEADER = re.compile(r"负责人|创始人|发起人")
_INDIVIDUAL = re.compile(
    r"(?:仅限|只接受|仅接受|面向|限)个人(?:申请|申报)|以个人(?:名义|身份)申请|申请人(?:须|需|应|必须)为个人"
    r"|(?:仅|只)资助个人|不接受(?:机构|组织|单位)(?:名义)?(?:申请|申报)"
)
_ORGANIZATION = re.compile(
    r"(?:仅限|只接受|仅接受)(?:机构|组织|社会组织|公益组织)(?:申请|申报)|不接受个人(?:申请|申报)"
)
#: Region rules that hold anywhere in a programme's text.
_REGION_PATTERNS = (
    re.compile(r"(?:仅限|只限|仅接受|只接受|限于?)" + _REGION_LIST
               + r"(?:地区|境内|范围内|省内|市内|内)?(?:依法)?(?:注册|登记|的)?"),
)
#: Only in the eligibility paragraph: a description may well say where the
#: *funder* is registered ("由在北京市民政局注册的……基金会发起").
_REGION_WITHIN = r"(?:内|境内|范围内|(?:行政)?区域内|行政区划内|辖区内|辖区范围内)"
_REGION_PATTERNS_ELIG = (
    re.compile(_REGION_LIST + _REGION_WITHIN + r"?(?:依法)?(?:登记|注册)(?:注册|登记)?(?:成立)?的"
               r"[^，,。；;\n]{0,16}?(?:社会组织|公益组织|机构|组织|单位|团体|社会团体|基金会|民办非企业单位)"),
    # "面向长三角地区。": the whole clause names the place of the applicants
    re.compile(r"(?<![^，,。；;：:\n（(])(?:本计划|本项目|资助对象|申报对象|申请对象)?[：:]?(?:仅|只)?面向"
               + _REGION_LIST + r"(?:内|境内|地区|范围内)?(?=[，,。；;）)\n]|$)"),
    re.compile(r"面向" + _REGION_LIST + r"(?:内|境内|地区|范围内)?(?:依法)?[^，,。；;、\n]{0,12}?(?:组织|机构|团队|单位|团体)"),
    re.compile(_REGION_LIST + r"(?:内|境内|范围内)的(?:社会组织|公益组织|机构|组织|单位|团体)"),
    re.compile(r"在" + _REGION_LIST + r"[^，,。；;\n]{0,8}?(?:民政部门|民政局|民政厅|内)?(?:依法)?(?:登记|注册|备案)"),
    re.compile(r"(?:注册地|登记地|注册所在地)(?:址)?(?:须|需|应|必须)?(?:为|在|是|属于)" + _REGION_LIST),
)
#: "在县（县级市）民政部门登记": registered at county level only ("县级以上", "区县" are not).
_COUNTY_ONLY = re.compile(
    r"(?<![区市省、和及或与/])县(?:（县级市）|\(县级市\)|[、和及或/]县级市|级市?)?(?:级)?(?:的)?民政(?:部门|局)(?:依法)?(?:登记|注册)"
)
_PROJECT_PLACE = re.compile(
    r"(?:[两三四五六七八九十]?(?:省|市))?(?:内|境内|地区|范围内)?的?(?:开展|实施|执行|落地|项目|活动)"
)
_FIELD_PATTERNS_ALL = (
    re.compile(r"(?:仅|只)(?:限于?)?(?:资助|支持|接受|针对)" + _FW + r"(?:类|领域|方向)?的?(?:公益)?(?:项目|组织|机构|申请)?"),
    re.compile(r"资助(?:对象|方向|范围|领域)[：:]\s*" + _FW + r"(?:类|领域)?(?:公益)?项目"),
    re.compile(r"(?:聚焦|专注|致力)于?(?:在)?[^，,。；;、等\n]{0,12}?" + _FW),
    re.compile(r"弘扬[^，,。；;、等\n]{0,12}?(?P<f>传统文化)"),
    re.compile(r"(?<![、和及与])" + _FW + r"(?:公益)?资助计划"),
    re.compile(r"以" + _FW + r"(?:服务|工作|事业)?为(?:主要|主营)?(?:业务|宗旨|方向)[^，,。；;\n]{0,4}"),
    re.compile(r"(?:主营业务|主要业务|业务方向)(?:须|应|需|必须)?(?:为|是|属于)" + _FW),
)
#: Only in the eligibility paragraph: "…的教育公益组织。" at the end of a clause.
_FIELD_PATTERNS_ELIG = (
    # "限环保类社会组织申报": a rule on the applicant's field
    re.compile(r"(?:仅|只)?限于?" + _FW + r"(?:类|领域)的?(?:社会|公益)?(?:组织|机构)"),
    re.compile(r"(?<![、和及与])" + _FW + r"类?(?:公益)?(?:组织|机构)(?=[。；;，,\n]|$)"),
    re.compile(r"围绕[^，,。；;、等\n]{0,10}?" + _FW),
)

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
_P_NAME_PLACE = re.compile(
    r"(?P<r>" + "|".join(sorted(_PROVINCE_CITIES, key=len, reverse=True)) + r")"
    r"|(?P<c>" + "|".join(sorted(_CITY_PROVINCE, key=len, reverse=True)) + r")市"
)


# -- the record ------------------------------------------------------------------


@dataclass(frozen=True)
class Condition:
    """One hard eligibility condition of a programme.

    Parameters
    ----------
    kind : str
        One of :data:`KINDS`.
    param : object
        JSON-serializable value whose meaning depends on ``kind`` (see the
        module docstring), so conditions can be stored and shown as they are.
    evidence : str
        The exact words of the programme text (or of the manual rule) the
        condition was read from: what a person checks when in doubt.
    source : str
        ``"text"`` when read by the reader, ``"column"`` when it came from
        the structured ``region`` column (evidence is then the column's
        value), ``"manual"`` when it came from the ``conditions`` column.
    """

    kind: str
    param: object
    evidence: str
    source: str = "text"

    def describe(self) -> str:
        """Short Chinese label of the condition, for tables and pages."""
        p = self.param
        if self.kind == "min_years":
            return f"注册满{_span(p)}"
        if self.kind == "max_years":
            return f"成立不超过{_span(p)}"
        if self.kind == "founded_after":
            return f"{p}年以后成立"
        if self.kind == "founded_before":
            y, mo, d = str(p).split("-")
            return f"{y}年{int(mo)}月{int(d)}日前成立"
        if self.kind == "legal_person":
            return "须依法登记（未登记团体可另行申报）" if p == "partner" else "须依法登记、具独立法人资格"
        if self.kind == "nonprofit":
            return "须为非营利组织（工商注册须章程约定不分红）" if p == "不分红" else "须为非营利组织"
        if self.kind == "legal_form":
            return "登记形式限：" + "、".join(_plain_list(p)) + _cond_note(p)
        if self.kind == "applicant":
            return "申请人须为个人" if p == "individual" else "申请人须为机构"
        if self.kind == "age_range":
            lo, hi = p  # type: ignore[misc]
            return f"申请人年龄{lo}–{hi}岁" if lo else f"申请人年龄{hi}岁以下"
        if self.kind == "min_staff":
            return f"至少{p}名专职人员"
        if self.kind == "has_staff":
            return "须有专职人员"
        if self.kind == "social_workers":
            return f"至少{p}名持证社工"
        if self.kind == "stage":
            return "组织阶段：" + "、".join(_plain_list(p)) + _cond_note(p)
        if self.kind == "women":
            return "须为女性主导的机构" if p == "led" else "女性主导或以女性为主要受益对象"
        if self.kind == "region":
            return "限" + "、".join(p) + "地区"  # type: ignore[arg-type]
        if self.kind == "registration_level":
            return "须在县级（含县级市）民政部门登记"
        if self.kind == "field":
            names = "、".join(p)  # type: ignore[arg-type]
            return f"申请机构须以{names}为主要业务" if _field_is_hard(self) else f"资助领域：{names}"
        return self.kind


def _span(param: object) -> str:
    """``2`` → "2年", ``{"months": 18}`` → "18个月"."""
    if isinstance(param, dict):
        return f"{param['months']}个月"
    return f"{param}年"


def _field_is_hard(cond: Condition) -> bool:
    """A field rule on the applicant itself (can be unmet), not on the project's topic."""
    return cond.source == "manual" or _FIELD_HARD.search(cond.evidence) is not None


def _plain_list(values: object) -> list[str]:
    return [v for v in values if not v.endswith("?")]  # type: ignore[union-attr]


def _cond_note(values: object) -> str:
    cond = [v[:-1] for v in values if v.endswith("?")]  # type: ignore[union-attr]
    return f"（{'、'.join(cond)}视情况）" if cond else ""


# -- reading ------------------------------------------------------------------------


#: How far around a match to look for its clause's edges; bounded so that a
#: text with no punctuation does not make every match scan all of it.
_CLAUSE_WINDOW = 60


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


def _last_day(year: int, month: str | None, day: str | None) -> str | None:
    """The last founding day a cut-off allows, ISO ("2022-12-31"); read
    leniently: "2022年前" and "2022年6月前" allow all of that year or month."""
    mo = int(month) if month else 12
    if not 1 <= mo <= 12:
        return None
    last = (date(year + (mo == 12), mo % 12 + 1, 1).toordinal() - 1)
    d = int(day) if day else date.fromordinal(last).day
    try:
        return date(year, mo, d).isoformat()
    except ValueError:
        return None


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


def _read_text(text: str, *, eligibility: bool) -> list[Condition]:
    """Every hard condition found in one text, in the order of the text."""
    out: list[tuple[int, int, Condition]] = []  # (position, order found, condition)

    def emit(start: int, cond: Condition) -> None:
        out.append((start, len(out), cond))

    def add(kind: str, param: object, m: re.Match[str], *, negative: bool = True, either: bool = True) -> None:
        if not _is_soft(text, m.start(), m.end(), negative=negative, either=either):
            emit(m.start(), Condition(kind, param, m.group(0)))

    for m in _MIN_YEARS.finditer(text):
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
    for m in _MAX_YEARS.finditer(text):
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
    for m in _FOUNDED_AFTER.finditer(text):
        add("founded_after", int(m.group("y")), m)
    for m in _FOUNDED_BEFORE.finditer(text):
        if _NOT_FOUNDING.search(m.group("gap")) or _NOT_FOUNDING.search(text, *_clause(text, m.start(), m.end())):
            continue  # "2025年3月31日前在平台注册账号", "…前提交材料"
        last = _last_day(int(m.group("y")), m.group("m"), m.group("d"))
        if last is not None:
            add("founded_before", last, m)

    staff_found = False
    for pat in (_STAFF_N_FIRST, _STAFF_WORD_FIRST):
        for m in pat.finditer(text):
            n = _num(m.group("n"))
            if n is not None and 0 < n <= 500 and (m.group("pre") or m.group("post")):
                if _PART_TIME.search(text, *_sentence(text, m.start(), m.end())):
                    continue  # "专职不少于3名或兼职不少于5名": an alternative we cannot weigh
                add("min_staff", n, m)
                staff_found = True
    if not staff_found:
        for m in _HAS_STAFF.finditer(text):
            add("has_staff", True, m)
    for m in _SOCIAL_WORKERS.finditer(text):
        n = _num(m.group("n") or m.group("n2"))
        if n is not None and 0 < n <= 100:
            add("social_workers", n, m)

    for m in _STAGE_LIST.finditer(text):
        words = _STAGE_WORD_RE.findall(m.group("list"))
        if not (m.group("pre") or m.group("org") or any(w in _STAGE_DISTINCT for w in words)):
            continue  # "处于合适的成长阶段" of a person, "助力成长" …
        add("stage", _stage_param(words, ranged=_STAGE_RANGE.search(m.group("list")) is not None), m)

    for m in _WOMEN_ALT.finditer(text):
        add("women", True, m)
    for m in _WOMEN_LED.finditer(text):
        _, hi = _sentence(text, m.start(), m.end())
        if _WOMEN_OR.search(text, m.end(), hi) is None:
            add("women", "led", m)
        elif not _WOMEN_ALT.search(text, m.start(), hi) and not _is_soft(text, m.start(), m.end(), either=False):
            # "须为女性主导或服务女性群体的项目": an alternative; quote all of it
            emit(m.start(), Condition("women", True, text[m.start():hi]))
    for m in _WOMEN_SERVED.finditer(text):
        add("women", True, m, either=False)  # "women" is itself an either/or rule, never unmet

    partner = _LEGAL_PARTNER.search(text)
    legal_pats = (_LEGAL_PERSON, _REGISTERED) if eligibility else (_LEGAL_PERSON,)
    for pat in legal_pats:
        for m in pat.finditer(text):
            if _NOT_ORG_REGISTRATION.search(text, *_clause(text, m.start(), m.end())):
                continue  # "须在报名系统注册": an account, not the org's registration
            if _NEGATED.search(text, max(0, m.start() - 3), m.start() + 1):
                continue  # "尚未在民政部门登记的…": the opposite
            add("legal_person", "partner" if partner else True, m)

    no_dividend = _NONPROFIT_NO_DIVIDEND.search(text)
    nonprofit_pats = (_NONPROFIT_LIST, _NONPROFIT_PLAIN) if eligibility else (_NONPROFIT_LIST,)
    for pat in nonprofit_pats:
        for m in pat.finditer(text):
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
    for m in _LEGAL_FORM_ONLY.finditer(text):
        forms = _forms(_FORM_WORD_RE.findall(m.group("forms")))
        if forms and not _is_soft(text, m.start(), m.end()):
            emit(m.start(), Condition("legal_form", forms, m.group(0)))
            positive_form = True
    for pat, forms in ((_UNREGISTERED_ONLY, ["未注册团体"]), (_COMPANY_ONLY, ["工商注册"])):
        for m in pat.finditer(text):
            if not _is_soft(text, m.start(), m.end(), negative=False):
                emit(m.start(), Condition("legal_form", forms, m.group(0)))
                positive_form = True
    for m in _FORM_EXCLUDED.finditer(text):
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

    for m in _INDIVIDUAL.finditer(text):
        add("applicant", "individual", m, negative=False)  # "不接受机构名义申报" is the rule itself
    for m in _ORGANIZATION.finditer(text):
        add("applicant", "organization", m, negative=False)
    for m in _AGE.finditer(text):
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

    region_pats = _REGION_PATTERNS + (_REGION_PATTERNS_ELIG if eligibility else ())
    for pat in region_pats:
        for m in pat.finditer(text):
            if _PROJECT_PLACE.match(text, m.end("r"), m.end("r") + 12):
                continue  # "仅限河北省内开展的项目": where the work is, not who may apply
            add("region", _region_names(_REGION_NAME_RE.findall(m.group("r"))), m)

    if eligibility:
        for m in _COUNTY_ONLY.finditer(text):
            add("registration_level", "county", m)

    field_pats = _FIELD_PATTERNS_ALL + (_FIELD_PATTERNS_ELIG if eligibility else ())
    for pat in field_pats:
        for m in pat.finditer(text):
            add("field", [_FIELD_SURFACE[m.group("f")]], m)
    # the earliest statement of a kind wins: it is the funder's own rule, a
    # later one ("…的机构请勿申报") usually restates it the other way round
    return [cond for _, _, cond in sorted(out, key=lambda t: t[:2])]


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
    for text, elig in ((grant.eligibility, True), (grant.description, False)):
        for cond in _read_text(text or "", eligibility=elig):
            old = found.setdefault(cond.kind, cond)
            if cond.kind == "field" and not _field_is_hard(old) and _field_is_hard(cond):
                found["field"] = cond  # a rule on the applicant outranks a topic
    column = _region_column(grant.region)
    if column is not None and not _region_covered(found.get("region"), column):
        found["region"] = column
    if grant.conditions.strip():
        added, removed = parse_manual(grant.conditions)
        for kind in removed:
            found.pop(kind, None)
        for cond in added:
            found[cond.kind] = cond
    return tuple(found[k] for k in KINDS if k in found)


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
    for p in pieces:
        bare = _COLUMN_SUFFIX.sub("", p)
        if _REGION_NAME_RE.fullmatch(bare):
            names += _region_names([bare])
        elif p not in names:
            names.append(p)
    return Condition("region", list(dict.fromkeys(names)), value, source="column")


def _within(name: str, places: Sequence[str]) -> bool:
    """A known place lies within one of ``places`` (itself, or its province)."""
    return name in places or _CITY_PROVINCE.get(name, "") in places


def _region_covered(text_cond: Condition | None, column: Condition) -> bool:
    """The text already states the column's restriction, or a narrower one."""
    if text_cond is None:
        return False
    wanted = [str(r) for r in column.param]  # type: ignore[union-attr]
    return all(_within(str(r), wanted) for r in text_cond.param)  # type: ignore[union-attr]


# -- manual rules ------------------------------------------------------------------

_RULE_SPLIT = re.compile(r"[;；\n]")
_RULE = re.compile(r"^(?P<neg>[-－])?\s*(?P<kind>[A-Za-z_]+)\s*(?:[=＝]\s*(?P<value>.*?))?\s*$")
_VALUE_SPLIT = re.compile(r"[|｜]")
_YEAR_VALUE = re.compile(r"\s*(?:19|20)\d\d\s*")
_DATE_VALUE = re.compile(r"\s*((?:19|20)\d\d)(?:\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2})\s*日?)?\s*月?)?\s*")
_MONTHS_VALUE = re.compile(r"\s*(\d{1,3})\s*(?:个)?月\s*")
_AGE_VALUE = re.compile(r"\s*(\d{1,3})\s*(?:-|–|—|~|～|至|到)\s*(\d{1,3})\s*(?:周?岁)?\s*")
_REGISTRATION_WORD = re.compile(r"注册|登记")
_BOOL_KINDS = frozenset({"legal_person", "nonprofit", "has_staff", "women"})
_APPLICANT_VALUES = {"individual": "individual", "个人": "individual",
                     "organization": "organization", "organisation": "organization",
                     "机构": "organization", "组织": "organization"}


def _manual_param(kind: str, value: str | None) -> object:
    """The param of one manual rule; ``ValueError`` with a Chinese reason."""
    if value is None or value == "":
        if kind in _BOOL_KINDS:
            return True
        raise ValueError(f"条件“{kind}”需要取值，如 {kind}=…")
    values = [v.strip() for v in _VALUE_SPLIT.split(value) if v.strip()]
    if kind in ("min_years", "max_years"):
        m = _MONTHS_VALUE.fullmatch(value)
        if m and _num(m.group(1)) is not None:
            return {"months": _num(m.group(1))}
    if kind in ("min_years", "max_years", "min_staff", "social_workers"):
        n = _num(value.strip())
        if n is None or n < 0:
            raise ValueError(f"“{kind}”的取值须为整数：{value}")
        return n
    if kind == "founded_after":
        if not _YEAR_VALUE.fullmatch(value):
            raise ValueError(f"“founded_after”的取值须为四位年份：{value}")
        return int(value)
    if kind == "founded_before":
        m = _DATE_VALUE.fullmatch(value)
        last = _last_day(int(m.group(1)), m.group(2), m.group(3)) if m else None
        if last is None:
            raise ValueError(f"“founded_before”的取值须为年份或日期，如 2022 或 2022-12-31：{value}")
        return last
    if kind == "age_range":
        m = _AGE_VALUE.fullmatch(value)
        if not m or int(m.group(1)) > int(m.group(2)):
            raise ValueError(f"“age_range”的取值须形如 20-40：{value}")
        return [int(m.group(1)), int(m.group(2))]
    if kind == "applicant":
        if value.strip() not in _APPLICANT_VALUES:
            raise ValueError(f"“applicant”的取值须为 individual 或 organization：{value}")
        return _APPLICANT_VALUES[value.strip()]
    if kind == "legal_person":
        if value.strip() in ("true", "是", "1"):
            return True
        if value.strip() == "partner":
            return "partner"
        raise ValueError(f"“legal_person”的取值须为 partner 或留空：{value}")
    if kind == "nonprofit":
        if value.strip() in ("true", "是", "1"):
            return True
        if value.strip() == "不分红":
            return "不分红"
        raise ValueError(f"“nonprofit”的取值须为 不分红 或留空：{value}")
    if kind in ("has_staff", "women"):
        if value.strip() in ("true", "是", "1"):
            return True
        if kind == "women" and value.strip() == "led":
            return "led"
        raise ValueError(f"“{kind}”不需要取值（要去掉它请写 -{kind}）：{value}")
    if kind == "registration_level":
        if value.strip() not in ("county", "县级", "县"):
            raise ValueError(f"“registration_level”的取值须为 county：{value}")
        return "county"
    if kind in ("legal_form", "stage"):
        allowed = LEGAL_FORMS if kind == "legal_form" else STAGES
        for v in values:
            if v.rstrip("?？") not in allowed:
                raise ValueError(f"“{kind}”的取值须为 {'/'.join(allowed)} 之一：{v}")
        return [v.rstrip("?？") + ("?" if v[-1] in "?？" else "") for v in values]
    # region, field: free names
    if not values:
        raise ValueError(f"条件“{kind}”需要取值")
    return values


def parse_manual(
    text: str, *, path: str | None = None, row: int | None = None
) -> tuple[list[Condition], set[str]]:
    """Parse the manual ``conditions`` cell of a programme.

    See the module docstring for the syntax. Validated when the grants file
    is loaded, so a typo is reported with its cell, not when a match is made.

    Parameters
    ----------
    text : str
        The cell, e.g. ``"min_years=2; -stage; women"``.
    path, row : optional
        Where the cell is, for the error message.

    Returns
    -------
    added : list of Condition
        Conditions with ``source="manual"``; evidence is the rule itself.
    removed : set of str
        Kinds whose read conditions are to be dropped.

    Raises
    ------
    InputError
        Naming the column ``conditions``, for an unknown kind or a bad value.
    """
    added: list[Condition] = []
    removed: set[str] = set()
    for raw in _RULE_SPLIT.split(text or ""):
        rule = raw.strip()
        if not rule:
            continue
        m = _RULE.match(rule)
        kind = m.group("kind") if m else ""
        if not m or kind not in KINDS:
            raise InputError(
                f"未知的条件类型：“{rule}”（可用：{'、'.join(KINDS)}）",
                path=path, row=row, column="conditions",
            )
        if m.group("neg"):
            if m.group("value") is not None:
                raise InputError(f"去掉条件时不要写取值：“{rule}”", path=path, row=row, column="conditions")
            removed.add(kind)
            continue
        try:
            param = _manual_param(kind, m.group("value"))
        except ValueError as exc:
            raise InputError(str(exc), path=path, row=row, column="conditions") from None
        added = [c for c in added if c.kind != kind]
        added.append(Condition(kind, param, rule, source="manual"))
    return added, removed


# -- facts about an org -----------------------------------------------------------


def _org_founded(org: Org) -> int | None:
    if org.founded_year is not None:
        return org.founded_year
    for pat in _P_FOUNDED:
        m = pat.search(org.profile)
        if m:
            return int(m.group("y"))
    return None


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


def _org_existed_by(org: Org, as_of: date) -> int | None:
    """Earliest year the profile shows the org at work: founded no later."""
    years = [
        int(m.group("y"))
        for m in _P_EXISTED.finditer(org.profile)
        if not _P_PERSON.search(org.profile, max(0, m.start() - 10), m.start())
    ]
    years = [y for y in years if y <= as_of.year]
    return min(years) if years else None


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


def _org_stage(org: Org) -> str:
    if org.stage:
        return org.stage
    for pat, stage in _P_STAGE:
        if pat.search(org.profile):
            return stage
    return ""


def _org_place(org: Org) -> str:
    """Where the org is registered: ``city``, else what profile or name say plainly."""
    if org.city.strip():
        return org.city.strip()
    m = _P_REG_PLACE.search(org.profile)
    if m:
        return m.group("r")
    m = _P_NAME_PLACE.match(org.name.strip())  # Chinese org names start with their place
    return (m.group("r") or m.group("c")) if m else ""


def _is_organization(org: Org) -> bool:
    """Plain signs that the applicant is a body, not a person."""
    return bool(
        org.legal_form
        or org.fulltime_staff is not None
        or _P_ORG_NAME.search(org.name.strip())
        or _P_ORG_PROFILE.search(org.profile)
    )


def _province(place: str) -> str:
    place = place.strip()
    for suffix in ("省", "市"):
        if place.endswith(suffix) and len(place) > 2:
            place = place[: -len(suffix)]
    if place in _PROVINCE_CITIES:
        return place
    m = _PLACE_RE.match(place)
    if m:
        name = m.group(0)
        return name if name in _PROVINCE_CITIES else _CITY_PROVINCE[name]
    return ""


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
    wanted = [str(r) for r in cond.param]  # type: ignore[union-attr]
    head = "要求地区为" + "、".join(wanted)
    place = _org_place(org)
    if place:
        prov = _province(place)
        for r in wanted:
            if r in place or place in r or (r in _PROVINCE_CITIES and prov == r):
                return MET, f"{head}；机构所在地为{place}"
        place_is_city = bool(prov) and place.rstrip("市省") not in _PROVINCE_CITIES
        for r in wanted:
            if not prov or _province(r) == "":
                return UNKNOWN, f"{head}；机构所在地为{place}，请确认"
            if r not in _PROVINCE_CITIES and not place_is_city and _province(r) == prov:
                # a city was asked for, the org gave only its province
                return UNKNOWN, f"{head}；机构所在地为{place}，请确认"
        return UNMET, f"{head}；机构所在地为{place}"
    return UNKNOWN, f"{head}；未填写所在城市（注册地）"


def _office_level(office: str) -> str:
    """"county", "above" (a 市辖区, a prefecture or higher) or "" (cannot tell)."""
    if office.endswith(("县", "旗")):
        return "county"
    if office.endswith(("林区", "特区")):
        return ""  # county-level exceptions
    if office.endswith(("区", "省")):
        return "above"  # 海淀区 … and 自治区
    if office.endswith("市"):
        name = office[:-1]
        for prov in _PROVINCE_CITIES:  # "河北省石家庄市" → "石家庄"
            if name.startswith(prov) and name != prov:
                name = name[len(prov):].removeprefix("省")
                break
        if name in _PROVINCE_CITIES or name in _CITY_PROVINCE:
            return "above"  # a known prefecture city or 直辖市, not a 县级市
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
    head = ("要求机构主要业务为" if hard else "资助领域为") + "、".join(keys)
    text = org.text
    for key in keys:
        hit = _field_hit(key, text)
        if hit:
            return MET, f"{head}；机构涉及“{hit}”"
    if not hard:
        # a topic of the project, not a rule on the applicant: a matter of fit
        return UNKNOWN, f"{head}；机构资料未提及，请确认项目是否属于该领域"
    tags = [t.strip() for t in org.fields if t.strip()]
    related = {w for k in keys for w in _FIELD_RELATED.get(k, "").split()}
    if tags:
        if any(r in t for t in tags for r in related):
            return UNKNOWN, f"{head}；机构领域为{'、'.join(tags)}，请确认"
        return UNMET, f"{head}；机构领域为{'、'.join(tags)}"
    # "开展过一些探访和助学活动" is a side activity, not the org's main work
    plain = "。".join(c for c in _CLAUSE_END.split(org.profile) if not _P_HEDGE.search(c))
    others = [k for k in _FIELD_WORDS if k not in keys and _field_hit(k, plain)]
    if others and not any(r in org.profile for r in related):
        return UNMET, f"{head}；机构简介显示其主要从事{'、'.join(others[:2])}"
    return UNKNOWN, f"{head}；未填写机构领域"


_CHECKERS = {
    "min_years": _check_min_years,
    "max_years": _check_max_years,
    "founded_after": _check_founded_after,
    "founded_before": _check_founded_before,
    "legal_person": _check_legal_person,
    "nonprofit": _check_nonprofit,
    "legal_form": _check_legal_form,
    "applicant": _check_applicant,
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


def assess(conds: Sequence[Condition], org: Org, as_of: date) -> tuple[str, tuple[Check, ...]]:
    """Overall verdict of an org against a programme's conditions.

    Returns
    -------
    verdict : str
        ``"ineligible"`` if any check is unmet, else ``"unknown"`` if any is
        unknown, else ``"eligible"`` (also when there are no conditions: a
        programme that states none is open).
    checks : tuple of Check
        One per condition, in the given order.
    """
    checks = tuple(check(c, org, as_of) for c in conds)
    statuses = {c.status for c in checks}
    if UNMET in statuses:
        return "ineligible", checks
    if UNKNOWN in statuses:
        return "unknown", checks
    return "eligible", checks


def is_expired(grant: Grant, as_of: date) -> bool:
    """True when the programme's deadline has passed (no deadline: never)."""
    return grant.deadline is not None and grant.deadline < as_of
