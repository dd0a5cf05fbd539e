"""Word tables of the condition reader: numbers, places and fields.

Chinese numerals up to 99 (``_num``), the province/city table with its named
groups (京津冀, 长三角 …) and the regex fragments built from it, and the
field tables that say which words show an org works in a field. They hold no
logic of their own, so the reader, the profile facts and the checker all
build on them without depending on one another.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

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
# Place names come from the national division table (:mod:`matcher.gazetteer`):
# every province, prefecture and county, in full and in the short forms people
# write (湘西, 阿坝州, 宾川县), so a region rule or an address is placed
# wherever it is, not only where a hand list happened to look.

#: Named groups of places: "限京津冀" is a list of provinces (or cities).
_PRD = "广州 深圳 珠海 佛山 惠州 东莞 中山 江门 肇庆"
_REGION_GROUPS = {
    "京津冀": "北京 天津 河北",
    "长三角": "上海 江苏 浙江 安徽", "长江三角洲": "上海 江苏 浙江 安徽",
    "珠三角": _PRD, "珠江三角洲": _PRD,
    "粤港澳大湾区": _PRD + " 香港 澳门", "大湾区": _PRD + " 香港 澳门",
}


#: The characters every place name is masked with before the region patterns
#: run (private-use code points, in no real text): the first character of a
#: name becomes PLACE_MARK and the rest PLACE_FILL, so the patterns match any
#: of the ~4,000 names with one short, bounded class, and offsets are unchanged.
PLACE_MARK, PLACE_FILL = "\ue000", "\ue001"
_REGION = PLACE_MARK + PLACE_FILL + "{0,15}"
#: A single place (no groups): where an org is.
_PLACE = _REGION
_REGION_SUFFIX = r"(?:维吾尔自治区|壮族自治区|回族自治区|自治区|特别行政区|省|市)?"
#: "北京市、广东省" / "四川、云南、贵州三省" / "河北省石家庄市": one or more places.
_REGION_LIST = (
    r"(?P<r>" + _REGION + _REGION_SUFFIX + r"(?:\s*[、和及与/或]?\s*" + _REGION + _REGION_SUFFIX + r"){0,6})"
    r"(?:[两三四五六七八九十]?(?:省|市|省市|地区|地))?"
)


def place_spans(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, name)`` of every place or named group of places in ``text``."""
    from ..gazetteer import gazetteer

    groups = []
    for name in _REGION_GROUPS:
        i = text.find(name)
        while i >= 0:
            groups.append((i, i + len(name), name))
            i = text.find(name, i + len(name))
    spans = [(m.start, m.end, m.surface) for m in gazetteer().scan(text)
             if not any(g0 < m.end and m.start < g1 for g0, g1, _ in groups)]
    return sorted(spans + groups)


def mask_places(text: str) -> tuple[str, list[tuple[int, int, str]]]:
    """``text`` with every place name replaced by :data:`PLACE_MARK` (same
    length, so a match's offsets index the original text), and the spans."""
    spans = place_spans(text)
    if not spans:
        return text, spans
    parts, last = [], 0
    for a, b, _ in spans:
        parts += [text[last:a], PLACE_MARK + PLACE_FILL * (b - a - 1)]
        last = b
    parts.append(text[last:])
    return "".join(parts), spans


def names_within(spans: Sequence[tuple[int, int, str]], start: int, end: int) -> list[str]:
    """Names of the place spans inside ``[start, end)``, in order (spans sorted)."""
    i = bisect.bisect_left(spans, (start, -1, ""))
    out = []
    while i < len(spans) and spans[i][1] <= end:
        out.append(spans[i][2])
        i += 1
    return out


def is_region_name(name: str) -> bool:
    """A known place or named group, in any of its written forms."""
    from ..gazetteer import gazetteer

    return name in _REGION_GROUPS or bool(gazetteer().candidates(name))


def _region_names(words: Sequence[str]) -> list[str]:
    """Place names as read ("京津冀" → 北京, 天津, 河北), each once, in order."""
    from ..gazetteer import gazetteer, within

    gz = gazetteer()
    out: list[str] = []
    for w in words:
        if w in _REGION_GROUPS:
            out += _REGION_GROUPS[w].split()
            continue
        cands = gz.candidates(w)
        # one name for one place however it is written: 河北省 → 河北, 阿坝州 → 阿坝
        out.append(gz.short(cands[0]) if len(cands) == 1 else w)
    names = list(dict.fromkeys(out))
    # "河北省石家庄市": the narrower place is the rule, not either of the two
    places = {n: gz.resolve(n) for n in names}
    return [n for n in names if not any(
        o != n and places[n] and places[o] and within(places[o], places[n]) for o in names)]

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
