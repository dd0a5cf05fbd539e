"""Deterministic synthetic grants and organizations, in the data contract's columns.

Row ``i`` depends only on ``(seed, kind, i)``, so the first 1 000 rows of a
100 000-row corpus are the 1 000-row corpus: sizes are comparable, and any
two runs write byte-identical files. Texts are 150–380 characters of
simplified Chinese assembled from sector phrases, places, target groups and
invented programme brands (so the vocabulary has a realistic long tail),
with the kinds of hard conditions real calls state (注册满2年, 独立法人,
专职人员, 所在地 …) so the condition reader has work to do.
"""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path

GRANT_COLUMNS = ("grant_id", "name", "funder", "category", "eligibility", "description",
                 "region", "deadline", "url", "source")
ORG_COLUMNS = ("org_id", "name", "profile", "city", "founded_year", "legal_form", "stage",
               "fields", "fulltime_staff", "women_led")

PROVINCES = ("河北", "北京", "天津", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江",
             "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆",
             "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆")
CITIES = ("石家庄", "唐山", "秦皇岛", "邯郸", "保定", "张家口", "承德", "沧州", "廊坊", "衡水", "邢台",
          "太原", "大同", "沈阳", "大连", "长春", "哈尔滨", "南京", "苏州", "无锡", "杭州", "宁波",
          "温州", "合肥", "福州", "厦门", "南昌", "济南", "青岛", "郑州", "洛阳", "武汉", "宜昌",
          "长沙", "广州", "深圳", "佛山", "东莞", "南宁", "桂林", "海口", "成都", "绵阳", "贵阳",
          "昆明", "大理", "西安", "兰州", "西宁", "银川", "乌鲁木齐", "拉萨", "呼和浩特")
FIELDS = ("儿童", "教育", "养老", "环保", "残障", "社区", "妇女", "青少年", "乡村振兴", "文化",
          "心理健康", "医疗救助", "助学", "公益支持", "应急救灾", "动物保护", "就业创业", "禁毒")
GROUPS = {
    "儿童": ("留守儿童", "困境儿童", "流动儿童", "乡村儿童", "山区孩子", "学龄前儿童"),
    "教育": ("乡村教师", "农村学校", "中小学生", "乡村学校", "寄宿制学校学生"),
    "养老": ("空巢老人", "失能老人", "高龄独居老人", "社区老年人", "失智老人家庭"),
    "环保": ("社区居民", "乡村社区", "河流沿岸村庄", "中小学生", "城市垃圾分类志愿者"),
    "残障": ("残障人士", "心智障碍者", "孤独症儿童家庭", "视障人士", "残疾人家庭"),
    "社区": ("社区居民", "老旧小区居民", "新市民", "外来务工人员", "社区志愿者"),
    "妇女": ("农村妇女", "单亲母亲", "女性创业者", "家暴受害妇女", "流动女工"),
    "青少年": ("青少年", "闲散青少年", "大学生志愿者", "职业学校学生", "少数民族青少年"),
    "乡村振兴": ("脱贫户", "返乡青年", "乡村合作社", "村民", "易地搬迁群众"),
    "文化": ("非遗传承人", "社区文化骨干", "少数民族群众", "乡村文艺队", "青少年读者"),
    "心理健康": ("青少年", "抑郁症患者家庭", "一线社工", "失独家庭", "考试期学生"),
    "医疗救助": ("大病患儿家庭", "罕见病患者", "贫困患者", "癌症患者家庭", "慢病老人"),
    "助学": ("贫困学生", "寒门学子", "农村高中生", "孤儿", "事实无人抚养儿童"),
    "公益支持": ("草根组织", "社工机构", "初创公益组织", "社区社会组织", "枢纽型组织"),
    "应急救灾": ("受灾群众", "社区应急志愿者", "山区村民", "灾区学校", "救援队伍"),
    "动物保护": ("流浪动物救助站", "社区居民", "野生动物保护区", "城市养宠家庭", "自然保护地"),
    "就业创业": ("残障青年", "返乡青年", "农村妇女", "刑满释放人员", "大学毕业生"),
    "禁毒": ("戒毒康复人员", "社区矫正对象", "青少年", "吸毒人员家属", "禁毒社工"),
}
ACTIVITIES = {
    "儿童": ("儿童阅读", "儿童保护", "课后陪伴", "安全教育", "性教育课程", "儿童之家建设"),
    "教育": ("教师培训", "素质教育课程", "图书角建设", "科学实验课", "乡村教育", "线上支教"),
    "养老": ("居家养老", "社区养老", "助餐服务", "健康探访", "适老化改造", "老年大学"),
    "环保": ("垃圾分类", "环境保护", "河流保护", "自然教育", "低碳生活倡导", "生态修复"),
    "残障": ("康复训练", "融合教育", "支持性就业", "无障碍倡导", "家长支持小组", "辅具适配"),
    "社区": ("社区治理", "社区营造", "邻里互助", "社区议事", "三社联动", "社区基金"),
    "妇女": ("妇女赋能", "技能培训", "反家暴服务", "女性领导力", "法律援助", "生计发展"),
    "青少年": ("生涯规划", "志愿服务", "青少年社工", "防溺水教育", "网络素养", "体育运动"),
    "乡村振兴": ("产业帮扶", "电商培训", "乡村振兴", "社区发展", "合作社培育", "乡村旅游"),
    "文化": ("非遗保护", "社区文化", "传统文化", "读书会", "乡村博物馆", "口述史"),
    "心理健康": ("心理咨询", "心理健康", "危机干预", "哀伤辅导", "团体辅导", "热线服务"),
    "医疗救助": ("医疗救助", "病房陪伴", "慢病管理", "健康教育", "康复支持", "患者互助"),
    "助学": ("助学金发放", "一对一助学", "奖学金", "成长陪伴", "学业辅导", "升学指导"),
    "公益支持": ("能力建设", "孵化培育", "资源对接", "筹款传播", "项目管理", "财务规范化"),
    "应急救灾": ("应急救援", "防灾减灾", "灾后重建", "物资发放", "应急演练", "心理援助"),
    "动物保护": ("流浪动物救助", "动物福利", "文明养宠", "野生动物保护", "领养倡导", "绝育计划"),
    "就业创业": ("职业培训", "创业辅导", "就业服务", "小额信贷", "技能认证", "社会企业"),
    "禁毒": ("禁毒宣传", "戒毒康复", "社区戒毒", "家庭支持", "同伴教育", "重返社会"),
}
OUTCOMES = ("提升服务对象的生活质量", "增强社区的自我组织能力", "形成可复制的服务模式",
            "推动相关政策的改善", "建立长期稳定的志愿者队伍", "提高项目的专业化水平",
            "让更多公众了解并参与", "降低服务对象的社会孤立感", "促进多方资源的有效整合",
            "为行业积累可评估的实践经验", "帮助受益人获得持续发展的能力", "改善当地的公共服务供给")
BRAND_CHARS = "星火萤光春苗彩虹蓝天绿洲晨曦暖阳微光同心众行映山红种子益家和美启明守望青禾沃土" \
              "繁花远山清泉新芽向阳木棉格桑石榴银杏红豆丁香雏菊海燕鸿雁白鹭云帆飞鸟"
FUNDER_SUFFIX = ("公益基金会", "慈善基金会", "社会福利基金会", "慈善总会", "儿童基金会", "教育基金会")
ORG_SUFFIX = ("社会工作服务中心", "公益服务中心", "志愿者协会", "社区发展中心", "公益促进会", "关爱中心")
LEGAL_FORMS = ("民办非企业单位", "社会服务机构", "社会团体", "基金会", "未注册团体", "工商注册")
STAGES = ("初创期", "成长期", "成熟期")
START = date(2026, 1, 1)


def _brand(rng: random.Random) -> str:
    return "".join(rng.sample(BRAND_CHARS, 2))


def _fill(rng: random.Random, sentences: list[str], lo: int, hi: int) -> str:
    """Join sentences (in order, the pool refilled by ``sentences``) to lo..hi chars."""
    target = rng.randint(lo, hi)
    out = ""
    for s in sentences:
        if len(out) + len(s) > target and len(out) >= lo:
            break
        out += s
    if len(out) < lo:  # pad with more of the same kind of sentence
        while len(out) < lo:
            out += rng.choice(sentences)
    return out[:hi]


def _conditions(rng: random.Random, province: str) -> list[str]:
    conds = []
    if rng.random() < 0.5:
        conds.append(f"在民政部门登记注册满{rng.choice((1, 2, 3))}年以上")
    if rng.random() < 0.3:
        conds.append("须具有独立法人资格")
    if rng.random() < 0.3:
        conds.append(f"有不少于{rng.choice((2, 3, 5))}名专职工作人员")
    if rng.random() < 0.25:
        conds.append(f"机构注册地须在{province}省内")
    if rng.random() < 0.1:
        conds.append("仅限女性领导的机构申请")
    if rng.random() < 0.15:
        conds.append("处于初创期的社会组织")
    return conds


def grant_row(seed: int, i: int) -> dict[str, str]:
    """The ``i``-th synthetic programme."""
    rng = random.Random(f"{seed}-grant-{i}")
    fields = rng.sample(FIELDS, rng.choice((1, 1, 2, 3)))
    province = rng.choice(PROVINCES)
    brand = _brand(rng)
    funder = f"{rng.choice(CITIES)}市{_brand(rng)}{rng.choice(FUNDER_SUFFIX)}"
    acts = [a for f in fields for a in ACTIVITIES[f]]
    groups = [g for f in fields for g in GROUPS[f]]
    rng.shuffle(acts)
    rng.shuffle(groups)
    name = f"{brand}{rng.choice(('计划', '项目', '基金', '行动', '资助计划', '公益创投'))}"
    if rng.random() < 0.5:
        name = f"{rng.choice(acts)}·{name}"
    conds = _conditions(rng, province)
    elig = f"资助对象：{'、'.join(rng.sample(('社会组织', '公益组织', '社工机构', '草根组织', '社区社会组织'), 2))}，" \
           f"服务{groups[0]}、{groups[1]}等群体"
    if conds:
        elig += "；" + "；".join(conds)
    elig += "。"
    desc_pool = [
        f"{name}由{funder}发起，",
        f"聚焦{'、'.join(fields)}领域，",
        f"支持在{province}及周边地区开展{acts[0]}与{acts[1]}的公益项目，",
        f"重点关注{groups[0]}的实际需求，",
        f"通过{acts[2 % len(acts)]}、{acts[3 % len(acts)]}等方式{rng.choice(OUTCOMES)}。",
        f"每个项目资助{rng.choice((3, 5, 8, 10, 20, 30, 50))}万元，周期{rng.choice((6, 12, 18, 24))}个月。",
        f"项目应有清晰的目标与可评估的成果，{rng.choice(OUTCOMES)}。",
        f"鼓励与{rng.choice(('高校', '企业', '街道办事处', '村委会', '医院', '学校'))}合作，{rng.choice(OUTCOMES)}。",
        f"申请机构需提交{rng.choice(('项目计划书', '预算表', '年度报告', '审计报告'))}，"
        f"评审重点看{rng.choice(acts)}的专业性与可持续性。",
        f"往期已支持{rng.randint(5, 200)}家机构开展{rng.choice(acts)}。",
        f"入选机构还将获得{rng.choice(('能力建设培训', '导师陪伴', '传播支持', '财务辅导'))}，"
        f"并参加{rng.choice(CITIES)}举办的{_brand(rng)}交流会。",
        f"优先支持服务{rng.choice(groups)}且有{rng.choice(acts)}经验的团队。",
        f"资助款分{rng.choice(('两', '三'))}期拨付，中期评估合格后拨付后续款项。",
    ]
    head = desc_pool[:5]
    tail = desc_pool[5:]
    rng.shuffle(tail)
    lo = max(20, 150 - len(elig))
    description = _fill(rng, head + tail, lo, max(lo + 10, 380 - len(elig)))
    deadline = START + timedelta(days=rng.randint(0, 540))
    return {
        "grant_id": f"g{i:06d}",
        "name": name,
        "funder": funder,
        "category": "+".join(fields),
        "eligibility": elig,
        "description": description,
        "region": province if any("省内" in c for c in conds) else "",
        "deadline": deadline.isoformat() if rng.random() < 0.8 else "",
        "url": f"https://example.org/grants/{i}",
        "source": "合成数据（bench/synth.py）",
    }


def org_row(seed: int, i: int) -> dict[str, str]:
    """The ``i``-th synthetic organization."""
    rng = random.Random(f"{seed}-org-{i}")
    fields = rng.sample(FIELDS, rng.choice((1, 2, 2, 3)))
    city = rng.choice(CITIES)
    founded = rng.randint(2008, 2025)
    acts = [a for f in fields for a in ACTIVITIES[f]]
    groups = [g for f in fields for g in GROUPS[f]]
    rng.shuffle(acts)
    rng.shuffle(groups)
    legal = rng.choice(LEGAL_FORMS)
    staff = rng.choice((0, 1, 2, 3, 4, 6, 10, 15))
    name = f"{city}市{_brand(rng)}{rng.choice(ORG_SUFFIX)}"
    pool = [
        f"{name}成立于{founded}年，",
        f"是扎根{city}的{'、'.join(fields)}领域公益组织，",
        f"长期为{groups[0]}和{groups[1 % len(groups)]}提供{acts[0]}、{acts[1]}等服务。",
        f"机构现有专职人员{staff}名、志愿者{rng.randint(10, 500)}名，",
        f"近三年累计服务{rng.randint(100, 20000)}人次，{rng.choice(OUTCOMES)}。",
        f"曾获{_brand(rng)}{rng.choice(FUNDER_SUFFIX)}资助开展“{_brand(rng)}{rng.choice(acts)}”项目，",
        f"与{rng.choice(('街道办事处', '村委会', '学校', '医院', '高校', '爱心企业'))}合作开展{rng.choice(acts)}。",
        f"希望获得资助以扩大{rng.choice(acts)}的覆盖面，{rng.choice(OUTCOMES)}。",
        f"团队擅长{rng.choice(acts)}与{rng.choice(acts)}，{rng.choice(OUTCOMES)}。",
        f"下一步计划在{rng.choice(CITIES)}复制{acts[0]}模式。",
        f"机构的{_brand(rng)}品牌项目围绕{rng.choice(groups)}开展{rng.choice(acts)}，每周固定服务一次。",
        f"{rng.randint(2016, 2025)}年起承接{city}{rng.choice(('民政局', '团市委', '妇联', '残联', '街道'))}的"
        f"政府购买服务项目，{rng.choice(OUTCOMES)}。",
        f"理事会由{rng.randint(3, 9)}名成员组成，财务制度健全，每年公开年度报告。",
        f"我们相信{rng.choice(acts)}能够{rng.choice(OUTCOMES)}，也在探索{rng.choice(acts)}的新做法。",
        f"目前面临的困难是{rng.choice(('资金不稳定', '专业人才不足', '场地紧张', '筹款能力较弱', '缺少评估经验'))}，"
        f"希望在{rng.choice(acts)}方面得到支持。",
    ]
    head, tail = pool[:3], pool[3:]
    rng.shuffle(tail)
    profile = _fill(rng, head + tail, 150, 380)
    blank = rng.random
    return {
        "org_id": f"o{i:06d}",
        "name": name,
        "profile": profile,
        "city": city,
        "founded_year": str(founded) if blank() < 0.8 else "",
        "legal_form": legal if blank() < 0.8 else "",
        "stage": rng.choice(STAGES) if blank() < 0.6 else "",
        "fields": ";".join(fields),
        "fulltime_staff": str(staff) if blank() < 0.7 else "",
        "women_led": rng.choice(("是", "否")) if blank() < 0.5 else "",
    }


def write_csv(path: str | Path, columns, rows) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    return path


def write_grants(path: str | Path, n: int, seed: int = 0) -> Path:
    """Write ``n`` synthetic programmes to a UTF-8 CSV."""
    return write_csv(path, GRANT_COLUMNS, (grant_row(seed, i) for i in range(n)))


def write_orgs(path: str | Path, n: int, seed: int = 0) -> Path:
    """Write ``n`` synthetic organizations to a UTF-8 CSV."""
    return write_csv(path, ORG_COLUMNS, (org_row(seed, i) for i in range(n)))


if __name__ == "__main__":  # python bench/synth.py grants.csv 1000 [orgs.csv 1000]
    import sys

    write_grants(sys.argv[1], int(sys.argv[2]))
    if len(sys.argv) > 4:
        write_orgs(sys.argv[3], int(sys.argv[4]))


def corpus(data: Path, n_grants: int, n_orgs: int, seed: int = 0) -> tuple[Path, Path]:
    """The programmes and organizations files of one size in ``data``, written once
    and then reused (row i depends on i and the seed only)."""
    g, o = data / f"grants-{n_grants}-s{seed}.csv", data / f"orgs-{n_orgs}-s{seed}.csv"
    if not g.exists():
        write_grants(g, n_grants, seed)
    if not o.exists():
        write_orgs(o, n_orgs, seed)
    return g, o
