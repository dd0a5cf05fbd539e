"""Word tables of the condition reader: numbers, places and fields.

Chinese numerals up to 99 (``_num``), the province/city table with its named
groups (京津冀, 长三角 …) and the regex fragments built from it, and the
field tables that say which words show an org works in a field. They hold no
logic of their own, so the reader, the profile facts and the checker all
build on them without depending on one another.
"""

from __future__ import annotations

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
