"""Builds the HOLDOUT evaluation set. Judged by hand, separately from dev; for a
final check only (never for tuning). As-of date for eligibility: 2026-11-28."""
import csv, os, sys
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "dev"))
from _build_dev import GRANT_COLS, ORG_COLS, build  # writer + completeness checks only
SRC = "评测集虚构"

def G(gid, name, funder, category, elig, desc, region="", deadline="", url=""):
    return dict(grant_id=gid, name=name, funder=funder, category=category, eligibility=elig,
                description=desc, region=region, deadline=deadline, url=url, source=SRC, conditions="")

grants = [
 G("h-tongxin-xiangban","童心相伴·困境儿童社区支持计划","北方童心公益基金会","儿童",
   "【申报要求】申报单位应于2024年12月31日前在民政部门完成登记，具备法人资格；须配备全职员工3人及以上。",
   "【项目介绍】聚焦事实无人抚养儿童、重病重残家庭儿童等困境儿童群体，支持社区开展个案管理、入户探访、学业支持和监护能力提升服务，单个项目最高资助8万元。",
   "","2027-04-10","https://example.org/tongxin/2027"),
 G("h-jingjinji-lantian","京津冀蓝天碧水公众参与行动","燕山环境公益基金会","环境",
   "限环保类社会组织申报；注册地须在北京、天津或河北；成立时间满24个月。",
   "鼓励公众参与大气和水污染防治：开展污染源随手拍、黑臭水体监督、企业环境信息公开倡导及社区低碳宣传，推动区域环境质量改善。",
   "北京市、天津市、河北省","2025-03-31",""),
 G("h-yinfa-kangyang","银发康养·社区长者照护项目","康泰养老公益基金会","为老服务",
   "申报机构须为非营利性质，运营满三年（含三年），专职工作人员不少于4名。不接受个人申请。",
   "为社区中失能、半失能及高龄长辈提供居家照护、康复指导、认知症早筛和照护者培训，探索医养结合的社区服务模式。",
   "","",""),
 G("h-qingfeng-rencai","青锋计划·青年公益人才支持","青锋公益人才基金会","人才发展",
   "申请人须为35周岁以下（1991年1月1日以后出生）的公益从业者，以个人身份申请，机构不能作为申请主体。",
   "为入选者提供为期两年的成长津贴、导师陪伴和游学机会，不限公益议题，鼓励青年人长期投身社会服务一线。",
   "","2027-01-20",""),
 G("h-xianyu-funeng","县域社会组织赋能计划","乡土社会发展基金会","能力建设",
   "面向在县（县级市）民政部门登记的县域社会组织；在市辖区或地级市以上民政部门登记的机构不在支持范围；成立不满5年的机构优先。",
   "通过集中培训、驻点督导和小额配套资金，帮助县域社会组织完善内部治理、提升项目设计与在地筹款能力，扎根乡镇提供服务。",
   "","2025-12-01",""),
 G("h-wuzhangai-ronghe","无障碍社区·残疾人康复与融合项目","同心助残公益基金会","助残",
   "具有独立法人资格的社会组织；须有两名以上专职人员；机构成立一年以上。",
   "支持社区康复、辅具适配、无障碍环境改造和残疾人社区融合活动，帮助残疾人朋友走出家门、参与社会生活。",
   "","2027-06-15","https://example.org/tongxin-zhucan"),
 G("h-xinjiayuan","心家园·青少年心理成长计划","暖心青少年发展基金会","心理健康",
   "不限机构注册形式，志愿者团队亦可申请。",
   "支持在学校和社区开展青少年心理健康科普、情绪管理小组、朋辈支持和家长课堂，关注留守、流动及单亲家庭青少年的心理需求，单项资助不超过3万元。",
   "","",""),
 G("h-huzhu-yanglao","乡村互助养老示范项目","冀善慈善基金会","为老服务",
   "仅限河北省民政部门登记的社会组织申报，机构成立2年以上。",
   "在河北农村地区推广“时间银行”“邻里互助点”等互助养老模式，培育低龄老人志愿者，为村里的留守、独居老人提供探访陪伴和生活帮扶。",
   "河北省","2027-05-31",""),
 G("h-ts-chuangtou","唐山市社会组织公益创投大赛","唐山市公益创投大赛组委会","综合",
   "申报主体为唐山市行政区域内依法登记的社会团体、民办非企业单位（社会服务机构）和基金会。",
   "围绕为老服务、助残、儿童关爱、社区治理等领域，遴选优秀公益项目给予2万至10万元资助，并提供项目督导与评估。",
   "唐山市","2025-08-20",""),
 G("h-jiaoyu-chuangxin","乡村教育创新奖","明德乡村教育基金会","教育",
   "个人、团队、学校及公益机构均可申报，不设门槛。",
   "奖励在乡村学校开展课程创新、阅读推广、科学启蒙和艺术教育的实践者，获奖者可获5万元奖金及后续交流支持，评选每年举办一届。",
   "","2027-10-31",""),
 G("h-fenhong-sidai","粉红丝带·女性健康互助项目","安康女性健康基金会","女性健康",
   "以女性为主导的机构优先；申报机构须具有健全的财务管理制度。",
   "支持乳腺癌、宫颈癌患者及康复者互助小组，开展女性健康科普、两癌筛查动员和心理陪伴，帮助患病姐妹重建生活信心。",
   "","2025-10-15",""),
 G("h-shequ-zhiyuandui","邻里微光·社区志愿服务队小额资助","和睦社区发展基金会","志愿服务",
   "仅面向尚未登记注册的社区志愿服务团队（可在街道、社区备案）；已在民政部门登记的社会组织及企业请勿申报。",
   "为社区志愿服务队提供3000至1万元的小额资助和骨干培训，支持邻里互助、环境美化、关爱独居老人等身边小事。",
   "","",""),
 G("h-sheqi-chengzhang","向善社会企业成长基金","向善影响力投资基金会","社会企业",
   "申请主体须为工商注册的企业（含社会企业、农民专业合作社），成立满1年；民办非企业单位、社会团体不在资助范围。",
   "以低息借款和股权外的赠款相结合，支持以解决社会问题为首要目标的企业扩大经营，并提供商业模式和影响力评估辅导。",
   "","2027-09-01",""),
 G("h-shequ-fangzai","安全社区·防灾减灾能力提升项目","平安社区公益基金会","防灾减灾",
   "初创期机构不予受理，申报机构须已进入成长期或成熟期，且为依法登记的社会组织。",
   "支持社会组织在社区开展灾害风险排查、应急预案编制、居民逃生演练和应急物资储备点建设，提升社区韧性。",
   "","",""),
 G("h-jieri-wenhua","我们的节日·传统文化传承项目","华韵文化发展基金会","文化",
   "申报单位须具有独立法人资格，注册资金（开办资金）不低于3万元。",
   "支持在春节、端午、中秋等传统节日开展民俗展演、非遗手作体验和社区文化活动，让传统文化走进百姓生活。",
   "","2025-01-31",""),
 G("h-sz-xinshimin","深圳新市民关爱行动","鹏城公益基金会","流动人口",
   "注册地在深圳市的社会组织或社会企业；须有专职人员。",
   "为来深建设者及其家庭提供劳动权益咨询、职业技能提升、随迁子女课后服务和社区融入活动，单个项目资助不超过15万元。",
   "深圳市","2027-02-28",""),
]

def O(oid, name, profile, city="", founded="", legal="", stage="", fields="", staff="", women=""):
    return dict(org_id=oid, name=name, profile=profile, city=city, founded_year=str(founded), legal_form=legal,
                stage=stage, fields=fields, fulltime_staff=str(staff), women_led=women)

orgs = [
 O("h-laoyou","邢台市内丘县老友记互助养老服务中心",
   "2019年在内丘县民政局登记。我们在内丘县的村里建了6个“老友记”互助点，组织60多岁身体好的长辈结对照顾80岁以上的独居长辈，送饭、陪聊、量血压。",
   "邢台",2019,"民办非企业单位","成长期","为老服务;互助养老;农村",4,""),
 O("h-wawa","沧州娃娃乐园公益服务队",
   "几个回村带娃的宝妈凑在一起，每个周末在村委会腾出的屋子里给娃娃们讲绘本、做手工，还没去民政局登记，大家都是义务帮忙，最近还打算带娃娃们种菜、认识二十四节气。",
   "沧州",2023,"未注册团体","初创期","亲子阅读;乡村娃娃",0,"是"),
 O("h-lanqi","石家庄蓝旗环保科技有限公司",
   "从事大气和水质在线监测设备销售与运维的民营企业，注册资本500万元，另设公益部，每年进中小学开展空气质量科普、带学生监测河水水质。",
   "石家庄",2015,"工商注册","成熟期","环境监测;环保科普",20,"否"),
 O("h-qiming","唐山市启明残疾人康复服务中心",
   "2024年9月经唐山市民政局登记成立，开办资金3万元。为残疾儿童和成年残疾人朋友提供康复训练、辅具适配和居家康复指导，现有康复治疗师5名。",
   "唐山",2024,"民办非企业单位","初创期","助残;康复",5,"是"),
 O("h-xinguang","北京心光青少年心理支持中心",
   "在北京市海淀区民政局登记的社会服务机构，为中学生提供心理热线、校园情绪课程和朋辈辅导员培训，也为经历校园欺凌的孩子提供个案陪伴。",
   "北京",2018,"社会服务机构","成长期","青少年;心理健康",7,"是"),
 O("h-haihe","天津海河守望环境保护中心",
   "在天津市民政局登记，组织市民志愿者巡查海河支流排污口、监测黑臭水体，定期发布河流体检报告，推动企业整改。机构现有3名专职人员，大部分工作依靠200多名志愿者完成。",
   "天津",2020,"民办非企业单位","成长期","环保;水污染;公众监督",3,"否"),
 O("h-haibin","秦皇岛海滨街道邻里互助会",
   "在街道备案的社区社会组织，未在民政局单独登记。一群热心居民轮流帮楼里的独居老人买菜、换灯泡，夏天组织防溺水宣传，没有专职人员。",
   "秦皇岛",2022,"未注册团体","","邻里互助;社区",0,""),
 O("h-yunshan","云山乡村发展中心",
   "我们2015年在河北涉县民政局登记，是一家民办非企业单位，现有全职员工6人。在太行山区的村庄开展留守老人互助照料和儿童营养早餐项目，带动村民组成志愿队。"),
 O("h-xinshimin","深圳市新市民服务中心",
   "在深圳市宝安区民政局登记，服务工业区里的打工者和他们的孩子：劳动权益咨询、夜校技能课、周末儿童托管，还有外来工妈妈互助小组。",
   "深圳",2017,"社会服务机构","成熟期","流动人口;劳动者;儿童",12,"否"),
 O("h-jianzhi","石家庄剪纸艺术传承协会",
   "石家庄市民政局登记的社会团体，会长为省级剪纸非遗传承人李秀梅女士。常年开展剪纸进校园、进社区，春节组织窗花展和民俗活动。",
   "石家庄",2013,"社会团体","成熟期","非遗;剪纸;民俗文化",2,"是"),
 O("h-xuexiang","张家口崇礼雪乡应急救援志愿者协会",
   "2026年5月在崇礼区民政局登记的社会团体，会员多为雪场救护员和本地青年，冬季在雪场和山区开展滑雪伤员救护、走失人员搜救。",
   "张家口",2026,"社会团体","初创期","应急救援;户外安全",1,"否"),
 O("h-nongjianv","保定农家女手工合作社",
   "在市场监管部门登记的农民专业合作社，由当地妇女主任牵头，组织120多名农村妇女做手工布鞋、编织品，通过直播卖货增加收入。",
   "保定",2016,"工商注册","成长期","农村妇女;手工;增收",3,"是"),
 O("h-lanhua","成都兰花姐妹互助小组",
   "一群乳腺癌康复的姐妹自发组成的互助小组，没有注册，由一位全职协调员联络大家，陪新确诊的病友看病、分享康复经验、组织健身操。",
   "成都",2021,"未注册团体","","女性健康;病友互助",1,"是"),
 O("h-guangdian","光点公益",
   "关注城市里的独居长辈和残障朋友，组织志愿者上门陪伴聊天、代购生活用品、维修小家电，也为轮椅使用者绘制社区无障碍地图，节假日还陪长辈们逛公园、过集体生日。"),
]
GIDS = [g["grant_id"] for g in grants]; OIDS = [o["org_id"] for o in orgs]

# ---- eligibility. Effective facts (as of 2026-11-28):
# laoyou 河北(内丘县 county reg.) 2019 民非 成长 4 ? | wawa 河北沧州 2023 未注册 初创 0 是
# lanqi 河北石家庄 2015 工商 成熟 20 否 (注册资本500万) | qiming 河北唐山(市局) 2024-09 民非 初创 5 是 (开办资金3万)
# xinguang 北京(海淀区) 2018 社服 成长 7 是 | haihe 天津(市局) 2020 民非 成长 3 否
# haibin 河北秦皇岛 2022 未注册(街道备案) ? 0 ? | yunshan 河北涉县(county) 2015 民非 ? 6 ?
# xinshimin 深圳(宝安区) 2017 社服 成熟 12 否 | jianzhi 河北石家庄(市局) 2013 社团 成熟 2 是
# xuexiang 河北张家口(崇礼区) 2026-05 社团 初创 1 否 | nongjianv 河北保定 2016 工商(合作社) 成长 3 是
# lanhua 四川成都 2021 未注册 ? 1 是 | guangdian: nothing known
E = {}
def elig(gid, no=(), unknown=(), note=""):
    E[gid] = {"no": {o: note for o in no}, "unknown": {o: note for o in unknown}}
ALL = set(OIDS)
def allbut(*keep): return [o for o in OIDS if o not in keep]

# registered by 2024-12-31 with legal personality, >=3 full-time staff
elig("h-tongxin-xiangban", no=["h-wawa","h-lanqi","h-haibin","h-jianzhi","h-xuexiang","h-nongjianv","h-lanhua"],
     unknown=["h-guangdian"])  # lanqi/nongjianv: not registered with 民政; jianzhi: 2 staff
# 环保类社会组织 only; registered in BJ/TJ/HB; >=24 months
elig("h-jingjinji-lantian", no=allbut("h-haihe"), unknown=[])  # guangdian's profile plainly non-environmental
# non-profit, operating >=3 years (incl.), >=4 full-time staff
elig("h-yinfa-kangyang", no=["h-wawa","h-lanqi","h-qiming","h-haihe","h-haibin","h-jianzhi","h-xuexiang",
                              "h-nongjianv","h-lanhua"], unknown=["h-guangdian"])
# individuals only
elig("h-qingfeng-rencai", no=OIDS)
# county-registered social orgs only (districts and prefecture-level excluded); "<5 years 优先" is soft
elig("h-xianyu-funeng", no=allbut("h-laoyou","h-yunshan","h-guangdian"), unknown=["h-guangdian"])
# independent legal person social org, >=2 full-time staff ("两名以上" inclusive), >1 year
elig("h-wuzhangai-ronghe", no=["h-wawa","h-lanqi","h-haibin","h-xuexiang","h-nongjianv","h-lanhua"],
     unknown=["h-guangdian"])
elig("h-xinjiayuan")  # no hard condition
# Hebei 民政-registered social org, >=2 years
elig("h-huzhu-yanglao", no=["h-wawa","h-lanqi","h-xinguang","h-haihe","h-haibin","h-xinshimin","h-xuexiang",
                             "h-nongjianv","h-lanhua"], unknown=["h-guangdian"])
# registered social org in 唐山
elig("h-ts-chuangtou", no=allbut("h-qiming","h-guangdian"), unknown=["h-guangdian"])
elig("h-jiaoyu-chuangxin")  # open to everyone
elig("h-fenhong-sidai")     # women-led is only 优先; finance rule presumed
# unregistered community volunteer teams only
elig("h-shequ-zhiyuandui", no=allbut("h-wawa","h-haibin","h-lanhua","h-guangdian"), unknown=["h-guangdian"])
# companies (incl. cooperatives) only, >=1 year
elig("h-sheqi-chengzhang", no=allbut("h-lanqi","h-nongjianv","h-guangdian"), unknown=["h-guangdian"])
# 成长期/成熟期 + registered social org
elig("h-shequ-fangzai", no=["h-wawa","h-lanqi","h-qiming","h-haibin","h-xuexiang","h-nongjianv","h-lanhua"],
     unknown=["h-yunshan","h-guangdian"])  # yunshan: stage not stated
# independent legal person + registered capital >= 3万 (stated only by lanqi 500万 and qiming 3万)
elig("h-jieri-wenhua", no=["h-wawa","h-haibin","h-lanhua"],
     unknown=["h-laoyou","h-xinguang","h-haihe","h-yunshan","h-xinshimin","h-jianzhi","h-xuexiang","h-nongjianv",
              "h-guangdian"])
# registered in Shenzhen (social org or social enterprise), has full-time staff
elig("h-sz-xinshimin", no=allbut("h-xinshimin","h-guangdian"), unknown=["h-guangdian"])

# ---- relevance (topic fit only; same scale as dev)
R = {
 "h-laoyou": {"h-huzhu-yanglao": 3, "h-yinfa-kangyang": 2, "h-xianyu-funeng": 2, "h-ts-chuangtou": 1},
 "h-wawa": {"h-tongxin-xiangban": 2, "h-jiaoyu-chuangxin": 2, "h-shequ-zhiyuandui": 2, "h-xinjiayuan": 1,
            "h-xianyu-funeng": 1, "h-ts-chuangtou": 1},
 "h-lanqi": {"h-jingjinji-lantian": 3, "h-sheqi-chengzhang": 1},
 "h-qiming": {"h-wuzhangai-ronghe": 3, "h-ts-chuangtou": 2, "h-tongxin-xiangban": 1},
 "h-xinguang": {"h-xinjiayuan": 3, "h-tongxin-xiangban": 2, "h-jiaoyu-chuangxin": 1},
 "h-haihe": {"h-jingjinji-lantian": 3},
 "h-haibin": {"h-shequ-zhiyuandui": 3, "h-shequ-fangzai": 1, "h-ts-chuangtou": 1, "h-yinfa-kangyang": 1,
              "h-huzhu-yanglao": 1},
 "h-yunshan": {"h-huzhu-yanglao": 3, "h-tongxin-xiangban": 2, "h-xianyu-funeng": 2, "h-yinfa-kangyang": 1,
               "h-jiaoyu-chuangxin": 1, "h-ts-chuangtou": 1},
 "h-xinshimin": {"h-sz-xinshimin": 3, "h-tongxin-xiangban": 1},
 "h-jianzhi": {"h-jieri-wenhua": 3, "h-jiaoyu-chuangxin": 1},
 "h-xuexiang": {"h-shequ-fangzai": 3, "h-shequ-zhiyuandui": 1},
 "h-nongjianv": {"h-sheqi-chengzhang": 3, "h-fenhong-sidai": 1, "h-xianyu-funeng": 1, "h-jieri-wenhua": 1},
 "h-lanhua": {"h-fenhong-sidai": 3, "h-shequ-zhiyuandui": 1},
 "h-guangdian": {"h-yinfa-kangyang": 2, "h-wuzhangai-ronghe": 1, "h-shequ-zhiyuandui": 2, "h-huzhu-yanglao": 1,
                 "h-ts-chuangtou": 1},
}
GENERIC = {"h-qingfeng-rencai": 1}  # any-field people programme: partial fit for every org
def rel(o, g): return R[o].get(g, GENERIC.get(g, 0))

if __name__ == "__main__":
    assert set(R) == ALL
    for o, d in R.items(): assert set(d) <= set(GIDS), (o, set(d) - set(GIDS))
    for g in GIDS: E.setdefault(g, {"no": {}, "unknown": {}})
    # allbut(... "h-guangdian") lists above exclude guangdian from no; make sure it is never both
    build(HERE, grants, orgs, E, rel)
    print(len(grants), "grants", len(orgs), "orgs")
