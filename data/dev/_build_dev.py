"""Builds the dev evaluation set (grants.csv, orgs.csv, qrels.csv).

Every label below was judged by hand; this script only writes the CSVs and
checks completeness. Nothing here is computed from keywords.
As-of date for eligibility: 2026-11-28.
"""
import csv, os
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))  # /work/main
SRC = "评测集虚构"

GRANT_COLS = ["grant_id","name","funder","category","eligibility","description","region","deadline","url","source","conditions"]
ORG_COLS = ["org_id","name","profile","city","founded_year","legal_form","stage","fields","fulltime_staff","women_led"]

# ---------------------------------------------------------------- grants
seed_grants = list(csv.DictReader(open(os.path.join(ROOT, "data/grants.csv"), encoding="utf-8")))
seed_orgs = list(csv.DictReader(open(os.path.join(ROOT, "data/orgs.csv"), encoding="utf-8")))

def G(gid, name, funder, category, elig, desc, region="", deadline="", url=""):
    return dict(grant_id=gid, name=name, funder=funder, category=category, eligibility=elig,
                description=desc, region=region, deadline=deadline, url=url, source=SRC, conditions="")

new_grants = [
 G("nuanyang-yanglao","暖阳居家养老服务资助计划","河北暖阳公益基金会","养老",
   "申请条件：1.仅限河北省内登记注册的社会组织申报；2.机构注册满2年；3.至少有3名全职工作人员；4.近三年无违法违规记录。",
   "支持社会组织为居家高龄、独居、失能老人提供助餐、助浴、上门探访、康复护理等服务，推动社区居家养老服务网络建设。单个项目资助5万至15万元。",
   "河北省","2027-03-31","https://example.org/nuanyang/2027"),
 G("xingguang-canzhang","星光残障儿童康复支持项目","北京星辰助残公益基金会","残障",
   "资助对象：依法登记的非营利组织，登记注册不少于1年，有专职人员负责项目执行。优先支持县域及农村地区的康复服务机构。",
   "为0-16岁残疾儿童及特殊需要儿童提供康复训练、送教上门、辅具适配和家长培训的公益项目提供资金支持，每个项目资助额度3万-10万元。",
   "","2025-09-30",""),
 G("humiao-liushou","护苗行动·农村留守儿童关爱项目","河北青禾儿童公益基金会","儿童",
   "申报机构须为在河北省民政部门登记的民办非企业单位（社会服务机构），成立两年以上；社会团体、基金会及未登记团队暂不接受申报。",
   "面向河北省农村地区留守儿童、困境儿童，支持开展课后陪伴、心理关爱、安全教育和亲情连线服务，推动建立村级儿童之家。",
   "河北省","2027-05-15","https://example.org/qinghe/humiao"),
 G("sjz-weichuangtou","石家庄市社区公益微创投","石家庄市社区公益创投组委会","社区治理",
   "申报主体为在石家庄市各级民政部门登记或备案的社会组织；未登记的社区志愿服务团队须经所在街道（乡镇）推荐后申报。",
   "围绕老旧小区治理、居民议事协商、邻里互助、社区营造等主题，资助社区社会组织开展小微项目，每个项目1万至3万元，鼓励居民参与社区公共事务。",
   "石家庄市","2025-04-20",""),
 G("mulan-nvxing","木兰女性公益领袖支持计划","华北女性发展促进会","妇女",
   "申请机构须为女性主导的公益组织（创始人或现任主要负责人为女性），并已依法登记注册。",
   "支持女性公益领导者成长，提供为期一年的非限定性资金、领导力培训和同伴支持，关注女性就业、家庭、健康、教育等多个领域。",
   "","",""),
 G("lvse-jiayuan","绿色家园·垃圾分类社区推动计划","清源环境公益基金会","环保",
   "本计划仅资助环保领域：申报机构须以环境保护为主要业务方向，且在民政部门注册满1年。",
   "支持社区环保组织在城市小区推动生活垃圾分类、厨余垃圾就地处理和减塑行动，培育社区环保志愿者，每个项目资助不超过8万元。",
   "","2027-01-15","https://example.org/qingyuan/green-home"),
 G("hexiaoqing","河小青·河流守护小额资助","长河生态保护基金会","环保",
   "个人、志愿者团队和各类公益机构均可申请，不限注册形式，不限地域。",
   "资助公众参与河流、湖泊、湿地保护行动，包括巡河护河、水质监测、河岸垃圾清理和公众宣传教育，单笔资助5000元至2万元。",
   "","2025-06-30",""),
 G("yanzhao-feiyi","燕赵薪火·非遗传承公益项目","燕赵文化传承基金会","文化",
   "申报单位须具有独立法人资格，成立三年及以上，且在河北省内注册。",
   "支持非物质文化遗产的记录整理、传承人培养、非遗进校园进社区，以及传统手工艺的生产性保护，推动优秀传统文化创造性转化。",
   "河北省","2027-06-30",""),
 G("jiankang-xiangcun","健康乡村·基层公共卫生支持项目","仁济健康公益基金会","公共卫生",
   "资助对象为非营利性社会组织，须注册满2年，财务制度健全。",
   "支持在农村和欠发达地区开展慢性病防控、妇幼健康、健康教育、村医培训等基层公共卫生服务，提升农村居民健康素养。",
   "","",""),
 G("xinqiao-xinli","心桥心理健康服务资助计划","心桥公益基金会","心理健康",
   "不限注册形式，但申请机构须有不少于2名全职工作人员。",
   "支持面向青少年、老年人、残障人士及其家庭的心理健康服务，包括心理科普、团体辅导、危机干预和心理援助热线，资助周期一年。",
   "","2025-11-30",""),
 G("anlan-jiuzai","安澜应急救灾社会力量支持项目","安澜应急公益基金会","应急救灾",
   "申报机构须为在民政部门登记的社会组织（社会团体、社会服务机构、基金会），成立满1年；优先支持河北、河南等洪涝多发地区的机构。",
   "支持社会力量参与防灾减灾与灾害救援，包括应急救援队能力建设、社区防灾演练、灾后安置与心理支持等。",
   "","2027-08-31","https://example.org/anlan/2027"),
 G("qingchun-zhiyuan","青春同行·河北青年志愿服务项目大赛","河北省青年志愿服务促进会","志愿服务",
   "面向河北省内的青年志愿服务组织和团队，高校志愿者协会、未登记的志愿服务队均可申报。",
   "通过项目大赛遴选优秀青年志愿服务项目，给予1万至5万元资助及培训支持，领域涵盖助老、助残、支教、环保、社区服务等。",
   "河北省","2025-07-10",""),
 G("potu-chuchuang","破土计划·初创社会组织能力建设支持","启航社会组织发展中心","能力建设",
   "支持处于初创期的社会组织：成立时间不超过3年（2023年1月1日以后登记成立），已在民政部门依法登记；成立超过3年的机构请勿申报。",
   "为初创期社会组织提供一年期陪伴式孵化，包括战略梳理、财务与人事制度建设、项目设计和筹款辅导，并提供2万元种子资金。",
   "","2027-02-28",""),
 G("tongcheng-liudong","同城花开·流动儿童社区服务项目","春苗城市儿童基金会","儿童",
   "限北京市、广东省注册的社会组织申请，项目服务对象须为随迁子女或流动儿童家庭。",
   "支持在城中村、城乡结合部为流动儿童提供课后托管、社区儿童空间、亲子教育和社会融入服务，每个项目资助10万元以内，周期一年。",
   "北京市、广东省","",""),
 G("wotu-xiangcun","沃土计划·社会组织参与乡村振兴","沃土乡村发展基金会","乡村振兴",
   "申请机构须为依法登记的社会组织，成立三年及以上，专职人员不少于5人。",
   "支持社会组织在脱贫县和乡村振兴重点帮扶县开展产业帮扶、农民合作社培育、乡村人才培养、农村人居环境改善等项目，资助期两年。",
   "","2027-09-30",""),
 G("shuguang-jiaoshi","曙光乡村教师赋能计划","曙光教育发展基金会","教育",
   "资助方向：乡村教师专业发展、乡村学校阅读与美育课程、教师心理支持。欢迎各类教育公益组织申请，不限注册形式和成立年限。",
   "通过小额资助和教研陪伴，支持公益组织与乡村学校合作，提升乡村教师的课堂教学能力和职业幸福感。",
   "","2025-10-31",""),
 G("banchong-dongwu","伴宠同行·流浪动物救助与文明养宠项目","毛孩子动物保护基金会","动物保护",
   "须为依法登记的社会组织；个人及未登记的救助团队不在资助范围内。",
   "支持流浪动物绝育（TNR）、救助领养、社区文明养犬倡导和动物保护教育，单个项目资助不超过5万元，资助周期一年。",
   "","",""),
 G("shegong-xianfeng","社工先锋个人成长奖学金","新知社会工作发展基金会","人才培养",
   "本项目仅资助个人，不接受机构名义申报。申请人年龄25-45周岁，从事一线社会工作或公益服务满3年。",
   "为优秀一线社工和公益从业者提供每人3万元的学习资助，用于参加专业课程、督导培训和交流访学，帮助个人专业成长。",
   "","2027-04-30",""),
 G("jiahe-jiating","家和·家庭教育与妇女儿童支持项目","家和公益基金会","妇女家庭",
   "面向广东省内登记注册的社会组织，成立满1年。",
   "支持开展家庭教育指导、反家暴服务、单亲及困境家庭支持、妇女儿童权益保护等服务，鼓励社区妇女互助网络建设，单个项目资助不超过12万元。",
   "广东省","2027-03-15",""),
 G("shanqu-yingyang","山区儿童营养改善项目","禾苗儿童健康基金会","儿童健康",
   "仅接受四川、云南、贵州三省的社会组织申报，申报机构需在当地注册。",
   "在西南山区乡村学校推动营养餐、学校厨房改善和儿童健康监测，提升农村儿童营养健康水平，资助周期一至两年。",
   "四川省、云南省、贵州省","",""),
 G("jinghua-yizhan","首都社区养老驿站服务提升项目","京华养老公益基金会","养老",
   "限北京市登记注册的民办非企业单位（社会服务机构）申请，注册满2年。",
   "支持社区养老服务驿站提升助餐、助洁、巡视探访、康复护理等服务质量，探索“社区+居家”养老模式，资助期一年。",
   "北京市","2025-05-31",""),
 G("ronghe-jiuye","融合就业·残障人士就业支持计划","同路助残基金会","残障",
   "申请机构应处于成长期，并有专职人员负责就业支持服务；社会企业、民办非企业单位均可申请。",
   "支持为心智障碍者、肢体残疾人等提供职业培训、支持性就业、辅助性就业和就业岗位开发的项目，推动残障人士融入社会。",
   "","2027-07-31","https://example.org/tonglu/jobs"),
 G("qiaoshou-funv","巧手姐妹·乡村妇女生计发展项目","绣美妇女发展基金会","妇女",
   "资助对象：以农村妇女为主要受益人的公益组织或社区团队，无注册形式与年限要求。",
   "支持农村妇女手工技能培训、合作社建设、电商销售与品牌打造，帮助留守妇女实现家门口就业、增加家庭收入。",
   "","2025-08-15",""),
 G("yinling-zhulao","银龄智慧助老行动","数联公益基金会","养老",
   "申报机构成立时间不少于1年，须有至少1名专职人员；企业、未登记团体不予受理。",
   "支持社会组织开展老年人智能手机培训、防范电信诈骗宣传和线上就医、缴费等数字技能辅导，帮助长者跨越数字鸿沟。",
   "","",""),
]
grants = seed_grants + new_grants
GIDS = [g["grant_id"] for g in grants]

# ---------------------------------------------------------------- orgs
def O(oid, name, profile, city="", founded="", legal="", stage="", fields="", staff="", women=""):
    return dict(org_id=oid, name=name, profile=profile, city=city, founded_year=str(founded), legal_form=legal,
                stage=stage, fields=fields, fulltime_staff=str(staff), women_led=women)

new_orgs = [
 O("xinyu","石家庄市新语社会工作服务中心",
   "2017年成立，扎根石家庄平山、赞皇等山区县，在乡村小学建设“新语书屋”，培训乡村教师开展整本书阅读，组织大学生志愿者周末陪读。目前已覆盖32所村小，服务学生4000余人。",
   "石家庄",2017,"民办非企业单位","成长期","儿童;阅读;乡村教育",6,"是"),
 O("xiyanghong","保定市莲池区夕阳红居家养老服务中心",
   "为辖区高龄、独居、失能老人提供助餐、助浴、上门探访和日间照料服务，运营3个社区长者食堂，链接医疗机构开展健康义诊，年服务老年人2万余人次。",
   "保定",2015,"民办非企业单位","成熟期","养老;社区;助餐",12,"否"),
 O("chunlei","邯郸春蕾志愿服务队",
   "由邯郸学院毕业生自发组织的志愿者团队，尚未在民政部门登记。每月到魏县、大名县的乡村学校看望留守娃娃，开展课业辅导、亲情视频连线和安全教育，全部成员均为兼职志愿者。",
   "邯郸",2020,"未注册团体","初创期","留守儿童;志愿服务",0,""),
 O("lvyuan","唐山市绿源环保公益促进会",
   "唐山市民政局登记的环保类社会团体，长期开展陡河巡河护河、水质监测和社区垃圾分类宣传，组织中小学生参与生态体验营，推动企业排污信息公开。",
   "唐山",2014,"社会团体","成熟期","环保;垃圾分类;河流保护",4,"否"),
 O("haiyan","秦皇岛市海燕特殊儿童康复服务中心",
   "由孤独症孩子家长发起，为0-14岁自闭症、脑瘫、智力障碍等特殊需要儿童提供康复训练、融合教育支持和家长喘息服务，现有康复师8名。",
   "秦皇岛",2019,"民办非企业单位","成长期","残障;康复;特殊教育",8,"是"),
 O("bashang","张家口市坝上乡村发展协会",
   "在张北、康保等坝上县域推动乡村产业发展，帮助农户组建合作社、发展杂粮与马铃薯订单农业，开展农村电商培训。协会创始人刘建国（1962年生）曾任乡镇农技站站长。",
   "张家口",2011,"社会团体","成熟期","乡村振兴;农业;合作社",7,"否"),
 O("xinyuan","石家庄心苑心理健康服务中心",
   "2016年在石家庄市民政局注册的民办非企业单位，现有专职心理咨询师和社工5名。为中小学生、空巢老人及社区居民提供心理疏导、危机干预热线和团体辅导，机构目前处于成长期。",
   "石家庄"),
 O("guchengfeiyi","保定古城非遗传习社",
   "2026年3月刚在保定市民政局登记成立，致力于保定老调、直隶官府菜等非物质文化遗产的记录整理和青少年传承课堂，目前有1名专职人员，其余为兼职传承人。",
   "保定",2026,"民办非企业单位","初创期","非遗;传统文化",1,"否"),
 O("zhihui","唐山智汇社区科技有限公司",
   "工商注册的科技企业，股东按出资比例分红。为街道和小区开发网格化治理小程序，同时承接政府购买的社区社工服务项目，公司化运营、自负盈亏。",
   "唐山",2018,"工商注册","成长期","社区治理;智慧社区;社工服务",15,"否"),
 O("tongxing","北京同行流动儿童发展中心",
   "在北京朝阳、昌平的城乡结合部为随迁务工人员子女开设社区儿童活动室，提供课后托管、四点半课堂、亲子阅读和家长课堂，是北京较早服务流动儿童的民办非企业单位。",
   "北京",2013,"民办非企业单位","成熟期","流动儿童;教育;社区",10,"是"),
 O("mumian","广州市木棉家庭综合服务中心",
   "在广州市番禺区承接社区家庭综合服务，关注单亲妈妈、遭受家暴的妇女和困境家庭，开展家庭教育讲座、妇女互助小组和儿童成长营。",
   "广州",2018,"社会服务机构","成长期","家庭;妇女;儿童",9,"是"),
 O("shanyu","成都山语自然教育中心",
   "在成都周边山地开展自然观察、生态徒步和森林学校课程，带领城市青少年认识本土动植物，参与湿地保护志愿行动。创始人王蕾（1989年生）2020年辞去工作全职创办本机构。",
   "成都",2020,"民办非企业单位","成长期","环保;自然教育;青少年",3,""),
 O("yunling","昆明云岭乡村儿童营养关怀中心",
   "在云南怒江、昭通等山区乡镇学校推动营养午餐和厨房改造，培训学校厨工，开展儿童生长发育监测和健康教育。机构与当地教育部门合作，已在40余所村小建立学生营养监测档案。",
   "昆明",2016,"社会服务机构","成熟期","儿童;营养;乡村",6,"是"),
 O("ailin","石家庄市爱邻社区发展中心",
   "扎根石家庄长安区老旧小区，培育楼门长和居民议事会，推动小区停车、加装电梯等公共事务协商，孵化社区志愿队和兴趣社团，让居民从“旁观者”变成社区事务的参与者。",
   "石家庄",2021,"社会服务机构","成长期","社区治理;社区营造;志愿服务",2,"否"),
 O("maomao","邯郸毛毛流浪动物救助队",
   "由几位爱猫的年轻妈妈发起的民间救助小组，未办理登记，靠网络众筹为流浪猫狗做绝育、救治和领养，也在小区宣传文明养犬。成员平时各有工作，利用业余时间轮流照看救助点的猫狗。",
   "邯郸",2019,"未注册团体","","动物保护",0,""),
 O("anping","秦皇岛市安平应急救援协会",
   "由退役军人和户外爱好者组成的应急救援队伍，开展水域救援、山地搜救，2023年参加涿州洪灾转移群众，平时进社区、进学校做防灾减灾培训。",
   "秦皇岛",2017,"社会团体","成长期","应急救援;防灾减灾;志愿服务",3,"否"),
 O("qingxie","张家口学院青年志愿者协会",
   "高校学生志愿者组织，由校团委指导，未在民政部门独立登记。组织大学生参与冬奥城市志愿服务、社区助老和乡村支教，每年招募志愿者600余人。",
   "张家口",2012,"未注册团体","成熟期","志愿服务;青年",0,""),
 O("xinmiao","新苗助学小组",
   "我们是一群关注乡村孩子学习的年轻人，周末到保定阜平县山区小学做课业辅导和兴趣课，也给孩子们募集文具和图书，希望山里的孩子也能感受到陪伴和鼓励。"),
 O("jinguo","石家庄市巾帼巧手妇女发展服务中心",
   "帮助石家庄周边农村妇女和留守妈妈学习布艺、剪纸等手工技能，对接订单实现居家灵活就业，机构由三位返乡女大学生创办，目前已带动200多位妇女增收。",
   "石家庄",2022,"民办非企业单位","初创期","妇女;就业;乡村",2,"是"),
 O("hengshuihu","衡水湖湿地保护志愿者协会",
   "长期在衡水湖开展鸟类调查、湿地巡护和反盗猎宣传，联合学校开展绿色课堂，倡导周边村民减少农药化肥使用，每年组织志愿者参与冬季水鸟同步调查。",
   "衡水",2012,"社会团体","成熟期","环保;湿地;鸟类保护",2,"否"),
 O("kangning","唐山市康宁长者服务中心",
   "2025年6月在唐山市路北区民政局登记成立，聚焦失智长者照护和家属支持，开设记忆咖啡馆，为照护者提供喘息服务和照护技能培训。",
   "唐山",2025,"民办非企业单位","初创期","养老;失智照护",3,"是"),
 O("shanxing","深圳善行社会企业有限公司",
   "工商注册的社会企业，开办烘焙工坊和咖啡店，为心智障碍青年提供职业培训和支持性就业。公司章程明确约定利润不分红，经营范围限于公益服务。",
   "深圳",2019,"工商注册","成长期","残障;就业;社会企业",11,"是"),
 O("renxin","邢台市仁心乡村健康促进会",
   "组织县乡医生和志愿者在邢台西部山区开展高血压、糖尿病筛查和慢病管理，培训村医，推动农村妇女两癌筛查，每年服务村民1万余人次。",
   "邢台",2010,"社会团体","成熟期","公共卫生;健康;乡村",5,"否"),
 O("tongxin","石家庄市同心社会工作服务中心",
   "2020年在民政局登记为社会服务机构，有专职社工3名，在城中村为流动人口家庭和随迁子女提供四点半课堂、社区融入和法律咨询服务。",
   "石家庄"),
 O("lelin","北京市朝阳区乐龄社区养老服务中心",
   "运营朝阳区4家社区养老服务驿站，为老年人提供助餐、康复理疗、上门巡视探访，并开设智能手机课堂帮助长者跨越数字鸿沟，同时培育低龄老人志愿者开展互助服务。",
   "北京",2016,"社会服务机构","成熟期","养老;社区;数字助老",14,"是"),
 O("qingshui","张家口市清水河生态守护中心",
   "2026年初在张家口市民政局注册成立，组织志愿者沿清水河巡河、排查排污口、记录水质变化，并在沿岸社区开展节水护河宣传，目前机构仍处于起步阶段。",
   "张家口",2026,"民办非企业单位","初创期","环保;河流保护",2,"否"),
]
orgs = seed_orgs + new_orgs
OIDS = [o["org_id"] for o in orgs]
SEEDS = ["yinghuo","yijiaqin","fenghuang","yangguang","tongde","zhonghe"]

# ---------------------------------------------------------------- eligibility
# For each grant: the orgs judged "no" and "unknown" (with reasons); all other
# orgs are "yes". Each list was decided by reading the grant's conditions
# against the effective facts of every org (structured fields + plain profile
# statements). Fact sheet used (as of 2026-11-28, age = 2026 - founded_year):
#  seeds: Hebei (秦皇岛/唐山); existed by 2018 (incubated in the 2018 project) so
#         any "满N年(N<=3)" is met and "2023年后成立" is violated; legal form,
#         stage, staff, women_led unknown.
#  xinyu 2017 民非 成长 6 是 | xiyanghong 2015 民非 成熟 12 否 | chunlei 2020 未注册 初创 0 ?
#  lvyuan 2014 社团 成熟 4 否 | haiyan 2019 民非 成长 8 是 | bashang 2011 社团 成熟 7 否 founder b.1962
#  xinyuan(text) 2016 民非 成长 5 ? | guchengfeiyi 2026 民非 初创 1 否 | zhihui 2018 工商(分红) 成长 15 否
#  tongxing 北京 2013 民非 成熟 10 是 | mumian 广州 2018 社服 成长 9 是 | shanyu 成都 2020 民非 成长 3 ? founder b.1989 full-time since 2020
#  yunling 昆明 2016 社服 成熟 6 是 | ailin 2021 社服 成长 2 否 | maomao 2019 未注册 ? 0 是(text: 年轻妈妈发起)
#  anping 2017 社团 成长 3 否 | qingxie 2012 未注册 成熟 0 ? | xinmiao: nothing known (city blank, works in 保定阜平)
#  jinguo 2022 民非 初创 2 是 | hengshuihu 2012 社团 成熟 2 否 | kangning 2025-06 民非 初创 3 是
#  shanxing 深圳 2019 工商(不分红,公益范围) 成长 11 是 | renxin 邢台 2010 社团 成熟 5 否
#  tongxin(text) 石家庄 2020 社服 ? 3 ? | lelin 北京 2016 社服 成熟 14 是 | qingshui 2026 民非 初创 2 否
NOTHING_KNOWN = SEEDS[2:3] + SEEDS[4:6]  # fenghuang, tongde, zhonghe: bare profiles

E = {}  # grant -> {"no": {org: reason}, "unknown": {org: reason}}

def elig(gid, no=None, unknown=None):
    E[gid] = {"no": dict(no or {}), "unknown": dict(unknown or {})}

def each(orgs_, reason):
    return {o: reason for o in orgs_}

# 桥畔 / 蓝驰桥畔: hard = 起步阶段. "较少获得基金会资助" and "教育公益组织" treated as soft.
_stage_nonstart = {o: "stage is not 起步/初创" for o in
    ["xinyu","xiyanghong","lvyuan","haiyan","bashang","xinyuan","zhihui","tongxing","mumian","shanyu",
     "yunling","ailin","anping","qingxie","hengshuihu","shanxing","renxin","lelin"]}
_stage_unknown = {**each(SEEDS, "stage not stated"), "maomao": "stage blank", "xinmiao": "stage not stated",
                  "tongxin": "stage not stated"}
elig("qiaopan", _stage_nonstart, _stage_unknown)
elig("lanchi-qiaopan", _stage_nonstart, _stage_unknown)
# U泉: no hard condition; a dividend-paying company is doubtfully a 民间公益组织.
elig("uquan", {}, {"zhihui": "for-profit company vs 民间公益组织"})
# 乡村儿童阅读: 有专职人员 + 机构注册成立1年以上.
elig("xiangcun-yuedu",
     {"chunlei": "unregistered, 0 full-time staff", "guchengfeiyi": "founded 2026 (<1 year)",
      "maomao": "unregistered, 0 staff", "qingxie": "unregistered, 0 staff", "qingshui": "founded 2026 (<1 year)"},
     {**each(SEEDS, "full-time staff and registration not stated"), "xinmiao": "nothing known"})
elig("dunhe-zhongzi", {}, {"zhihui": "for-profit company vs 公益组织/研究机构"})
# 银杏: for individuals (the org's leader would apply). Decided only when the profile gives the leader's age.
elig("yinxing", {"bashang": "founder born 1962 (64) > 40"},
     {o: "programme funds the leader as an individual; leader's age/commitment not stated"
      for o in OIDS if o not in ("bashang","shanyu")})
# 爱佑益+伙伴: non-profit forms, or 工商 with 公益-only scope + no dividends; 高速成长期 or 战略升级阶段.
elig("aiyou-yijia",
     {"chunlei": "unregistered; 初创期", "guchengfeiyi": "初创期", "zhihui": "company paying dividends",
      "maomao": "unregistered", "qingxie": "unregistered", "jinguo": "初创期", "kangning": "初创期",
      "qingshui": "初创期"},
     {**each(SEEDS, "legal form and stage not stated"),
      **each(["xiyanghong","lvyuan","bashang","tongxing","yunling","hengshuihu","renxin","lelin"],
             "成熟期: may or may not be at a 战略升级阶段"),
      "xinmiao": "nothing known", "tongxin": "stage not stated"})
elig("hao-gongyi", {}, {"zhihui": "for-profit company vs 公益产品 (doubtful)"})
# 超仁妈妈: 项目需为女性主导发起 OR 以女性为主要受益对象 -> women_led=否 is not a clear 'no'
# because the project could still mainly benefit women.
elig("chaoren-mama", {},
     {o: "not women-led / not stated, and the project could still target women"
      for o in SEEDS + ["xiyanghong","chunlei","lvyuan","bashang","xinyuan","guchengfeiyi","zhihui","shanyu",
                        "ailin","anping","qingxie","xinmiao","hengshuihu","renxin","tongxin","qingshui"]})
elig("weilanxia", {}, {})
# 迈向生态文明: independent legal person non-profit; unincorporated groups only via a partner (unknown);
# companies (营利法人) are not listed.
elig("maixiang-shengtai", {"zhihui": "for-profit company", "shanxing": "company, not a 非营利性组织"},
     {**each(SEEDS, "legal form not stated"),
      **each(["chunlei","maomao","qingxie"], "unregistered: may only apply via a partner with legal personality"),
      "xinmiao": "nothing known"})
# 暖阳: Hebei-registered social org, 注册满2年, >=3 full-time.
elig("nuanyang-yanglao",
     {"chunlei": "unregistered; 0 staff", "guchengfeiyi": "2026; 1 staff", "zhihui": "company, not 社会组织",
      "tongxing": "Beijing", "mumian": "Guangdong", "shanyu": "Sichuan", "yunling": "Yunnan",
      "ailin": "2 staff < 3", "maomao": "unregistered", "qingxie": "unregistered", "jinguo": "2 staff < 3",
      "hengshuihu": "2 staff < 3", "kangning": "founded 2025-06 (<2 years)", "shanxing": "Shenzhen; company",
      "lelin": "Beijing", "qingshui": "2026; 2 staff"},
     {**each(SEEDS, "legal form and staff not stated"), "xinmiao": "nothing known"})
# 星光残障: 依法登记的非营利组织, >=1 year, 有专职人员.
_np1 = {"chunlei": "unregistered", "guchengfeiyi": "founded 2026", "zhihui": "for-profit company",
        "maomao": "unregistered", "qingxie": "unregistered", "shanxing": "company, not 非营利组织",
        "qingshui": "founded 2026"}
elig("xingguang-canzhang", _np1, {**each(SEEDS, "legal form / staff not stated"), "xinmiao": "nothing known"})
# 护苗: Hebei-registered 民非/社会服务机构 only, >=2 years.
elig("humiao-liushou",
     {"chunlei": "unregistered", "lvyuan": "社会团体 excluded", "bashang": "社会团体 excluded",
      "guchengfeiyi": "2026", "zhihui": "company", "tongxing": "Beijing", "mumian": "Guangdong",
      "shanyu": "Sichuan", "yunling": "Yunnan", "maomao": "unregistered", "anping": "社会团体 excluded",
      "qingxie": "unregistered", "hengshuihu": "社会团体 excluded", "kangning": "2025 (<2 years)",
      "shanxing": "Shenzhen company", "renxin": "社会团体 excluded", "lelin": "Beijing", "qingshui": "2026"},
     {**each(SEEDS, "legal form not stated"), "xinmiao": "nothing known"})
# 石家庄微创投: registered/filed in 石家庄 (city taken as place of registration).
elig("sjz-weichuangtou",
     {o: "not based/registered in 石家庄" for o in OIDS
      if o not in ("xinyu","xinyuan","ailin","jinguo","tongxin","xinmiao")},
     {"xinmiao": "location and registration not stated"})
# 木兰: women-led + registered.
elig("mulan-nvxing",
     {"xiyanghong": "not women-led", "chunlei": "unregistered", "lvyuan": "not women-led", "bashang": "not women-led",
      "guchengfeiyi": "not women-led", "zhihui": "not women-led", "ailin": "not women-led",
      "maomao": "unregistered", "anping": "not women-led", "qingxie": "unregistered",
      "hengshuihu": "not women-led", "renxin": "not women-led", "qingshui": "not women-led"},
     {**each(SEEDS, "leadership and registration not stated"), "xinyuan": "leader's gender not stated",
      "shanyu": "women_led blank (a name is not evidence)", "xinmiao": "nothing known",
      "tongxin": "leader's gender not stated"})
# 绿色家园: main business must be environment + registered with 民政 >=1 year.
elig("lvse-jiayuan",
     {**{o: "main field is not environment" for o in
         ["yinghuo","yijiaqin","yangguang","xinyu","xiyanghong","chunlei","haiyan","bashang","xinyuan",
          "guchengfeiyi","zhihui","tongxing","mumian","yunling","ailin","maomao","anping","qingxie","xinmiao",
          "jinguo","kangning","shanxing","renxin","tongxin","lelin"]},
      "qingshui": "founded 2026 (<1 year)"},
     each(NOTHING_KNOWN, "field not stated"))
elig("hexiaoqing", {}, {})
# 燕赵薪火: independent legal person (companies and 社团 qualify), >=3 years, registered in Hebei.
elig("yanzhao-feiyi",
     {"chunlei": "unregistered", "guchengfeiyi": "2026", "tongxing": "Beijing", "mumian": "Guangdong",
      "shanyu": "Sichuan", "yunling": "Yunnan", "maomao": "unregistered", "qingxie": "unregistered",
      "kangning": "2025 (<3 years)", "shanxing": "Shenzhen", "lelin": "Beijing", "qingshui": "2026"},
     {**each(SEEDS, "legal form not stated"), "xinmiao": "nothing known"})
# 健康乡村: non-profit social org, 注册满2年 (财务制度健全 presumed).
elig("jiankang-xiangcun",
     {"chunlei": "unregistered", "guchengfeiyi": "2026", "zhihui": "for-profit company", "maomao": "unregistered",
      "qingxie": "unregistered", "kangning": "2025 (<2 years)", "shanxing": "company", "qingshui": "2026"},
     {**each(SEEDS, "legal form not stated"), "xinmiao": "nothing known"})
# 心桥: >=2 full-time staff, any form.
elig("xinqiao-xinli",
     {"chunlei": "0 staff", "guchengfeiyi": "1 staff", "maomao": "0 staff", "qingxie": "0 staff"},
     {**each(SEEDS, "staff not stated"), "xinmiao": "nothing known"})
# 安澜: registered social org, >=1 year; regional 优先 is not a restriction.
elig("anlan-jiuzai", _np1, {**each(SEEDS, "legal form not stated"), "xinmiao": "nothing known"})
# 青春同行: based in Hebei; any form.
elig("qingchun-zhiyuan",
     {"tongxing": "Beijing", "mumian": "Guangdong", "shanyu": "Sichuan", "yunling": "Yunnan",
      "shanxing": "Shenzhen", "lelin": "Beijing"},
     {"zhihui": "a for-profit company is doubtfully a 志愿服务组织", "xinmiao": "base not stated (works in 保定)"})
# 破土: founded 2023-01-01 or later, 初创期, registered.
elig("potu-chuchuang",
     {o: "founded before 2023" for o in OIDS
      if o not in ("guchengfeiyi","kangning","qingshui","xinmiao")},
     {"xinmiao": "nothing known"})
# 同城花开: registered social org in Beijing or Guangdong.
elig("tongcheng-liudong",
     {**{o: "not in Beijing/Guangdong" for o in OIDS
         if o not in ("tongxing","mumian","lelin","shanxing","xinmiao")},
      "shanxing": "company, not 社会组织"},
     {"xinmiao": "location not stated"})
# 沃土: registered social org, >=3 years, >=5 full-time staff.
elig("wotu-xiangcun",
     {"chunlei": "unregistered", "lvyuan": "4 staff", "guchengfeiyi": "2026; 1 staff", "zhihui": "company",
      "shanyu": "3 staff", "ailin": "2 staff", "maomao": "unregistered", "anping": "3 staff",
      "qingxie": "unregistered", "jinguo": "2 staff", "hengshuihu": "2 staff", "kangning": "2025; 3 staff",
      "shanxing": "company", "tongxin": "3 staff", "qingshui": "2026; 2 staff"},
     {**each(SEEDS, "legal form and staff not stated"), "xinmiao": "nothing known"})
elig("shuguang-jiaoshi", {}, {"zhihui": "for-profit company vs 教育公益组织"})
# 伴宠: registered social org; no individuals/unregistered.
elig("banchong-dongwu",
     {"chunlei": "unregistered", "zhihui": "company", "maomao": "unregistered", "qingxie": "unregistered",
      "shanxing": "company"},
     {**each(SEEDS, "legal form not stated"), "xinmiao": "nothing known"})
# 社工先锋: individuals only, explicitly no applications in an organization's name.
elig("shegong-xianfeng", {o: "individuals only; no organizational applications" for o in OIDS}, {})
# 家和: Guangdong-registered social org, >=1 year.
elig("jiahe-jiating",
     {**{o: "not registered in Guangdong" for o in OIDS if o not in ("mumian","shanxing","xinmiao")},
      "shanxing": "company, not 社会组织"},
     {"xinmiao": "location not stated"})
# 山区营养: social orgs registered in Sichuan/Yunnan/Guizhou.
elig("shanqu-yingyang",
     {o: "not registered in Sichuan/Yunnan/Guizhou" for o in OIDS if o not in ("shanyu","yunling","xinmiao")},
     {"xinmiao": "location not stated"})
# 首都驿站: Beijing-registered 民非/社会服务机构, >=2 years.
elig("jinghua-yizhan",
     {o: "not registered in Beijing" for o in OIDS if o not in ("tongxing","lelin","xinmiao")},
     {"xinmiao": "location not stated"})
# 融合就业: 成长期 + full-time staff; "社会企业、民非均可" is permissive, not exhaustive.
elig("ronghe-jiuye",
     {"xiyanghong": "成熟期", "chunlei": "初创期; 0 staff", "lvyuan": "成熟期", "bashang": "成熟期",
      "guchengfeiyi": "初创期", "tongxing": "成熟期", "yunling": "成熟期", "maomao": "0 staff",
      "qingxie": "成熟期; 0 staff", "jinguo": "初创期", "hengshuihu": "成熟期", "kangning": "初创期",
      "renxin": "成熟期", "lelin": "成熟期", "qingshui": "初创期"},
     {**each(SEEDS, "stage and staff not stated"), "xinmiao": "nothing known", "tongxin": "stage not stated",
      "zhihui": "dividend-paying company; list of admitted forms may be exhaustive"})
elig("qiaoshou-funv", {}, {"zhihui": "for-profit company vs 公益组织或社区团队"})
# 银龄: >=1 year, >=1 full-time staff, not a company, not unregistered.
elig("yinling-zhulao",
     {"chunlei": "unregistered; 0 staff", "guchengfeiyi": "2026", "zhihui": "company", "maomao": "unregistered",
      "qingxie": "unregistered", "shanxing": "company (企业)", "qingshui": "2026"},
     {**each(SEEDS, "staff and legal form not stated"), "xinmiao": "nothing known"})

# ---------------------------------------------------------------- relevance (topic fit only)
# 3 excellent: the programme's core theme is the org's core work
# 2 good: substantial overlap / clearly worth applying topically
# 1 partial: adjacent theme, or a field-neutral programme (capacity, fundraising,
#   scaling, social entrepreneurs) that any NGO could use
# 0 off-topic. Region/legal/age do NOT affect relevance.
GENERIC = {"uquan": 1, "aiyou-yijia": 1, "hao-gongyi": 1, "yinxing": 1}
R = {
 "yinghuo": {"qiaopan": 2, "lanchi-qiaopan": 2, "uquan": 2,  # ran a 腾讯公益 crowdfunding project
             "xiangcun-yuedu": 2, "humiao-liushou": 2, "shuguang-jiaoshi": 1, "shanqu-yingyang": 1,
             "tongcheng-liudong": 1, "jiahe-jiating": 1, "wotu-xiangcun": 1, "qingchun-zhiyuan": 1,
             "potu-chuchuang": 1, "shegong-xianfeng": 1, "sjz-weichuangtou": 1},
 "yijiaqin": {"sjz-weichuangtou": 2, "anlan-jiuzai": 1, "qingchun-zhiyuan": 1, "potu-chuchuang": 1,
              "shegong-xianfeng": 1},
 "fenghuang": {"potu-chuchuang": 1, "shegong-xianfeng": 1, "sjz-weichuangtou": 1},
 "yangguang": {"nuanyang-yanglao": 2, "jinghua-yizhan": 1, "yinling-zhulao": 1, "shegong-xianfeng": 2,
               "potu-chuchuang": 1, "sjz-weichuangtou": 2, "dunhe-zhongzi": 1},
 "tongde": {"potu-chuchuang": 1, "shegong-xianfeng": 1, "sjz-weichuangtou": 1},
 "zhonghe": {"potu-chuchuang": 1, "shegong-xianfeng": 1, "sjz-weichuangtou": 1},
 "xinyu": {"qiaopan": 2, "lanchi-qiaopan": 2, "xiangcun-yuedu": 3, "shuguang-jiaoshi": 3, "humiao-liushou": 2,
           "shanqu-yingyang": 1, "qingchun-zhiyuan": 1, "aiyou-yijia": 2, "hao-gongyi": 2, "chaoren-mama": 1,
           "mulan-nvxing": 1, "tongcheng-liudong": 1, "wotu-xiangcun": 1, "shegong-xianfeng": 1},
 "xiyanghong": {"nuanyang-yanglao": 3, "jinghua-yizhan": 3, "yinling-zhulao": 2, "xinqiao-xinli": 1,
                "jiankang-xiangcun": 1, "hao-gongyi": 2, "sjz-weichuangtou": 1},
 "chunlei": {"humiao-liushou": 3, "xiangcun-yuedu": 2, "qiaopan": 2, "lanchi-qiaopan": 2,
             "qingchun-zhiyuan": 2, "shuguang-jiaoshi": 1, "tongcheng-liudong": 1, "xinqiao-xinli": 1,
             "potu-chuchuang": 1, "shanqu-yingyang": 1},
 "lvyuan": {"weilanxia": 3, "maixiang-shengtai": 3, "lvse-jiayuan": 3, "hexiaoqing": 3, "qingchun-zhiyuan": 1},
 "haiyan": {"xingguang-canzhang": 3, "ronghe-jiuye": 1, "xinqiao-xinli": 1, "qiaopan": 1, "lanchi-qiaopan": 1,
            "chaoren-mama": 2, "mulan-nvxing": 1, "jiahe-jiating": 1, "aiyou-yijia": 2},
 "bashang": {"wotu-xiangcun": 3, "qiaoshou-funv": 2, "hao-gongyi": 1},
 "xinyuan": {"xinqiao-xinli": 3, "nuanyang-yanglao": 1, "anlan-jiuzai": 1, "humiao-liushou": 1,
             "sjz-weichuangtou": 1, "aiyou-yijia": 2, "shegong-xianfeng": 1},
 "guchengfeiyi": {"dunhe-zhongzi": 3, "yanzhao-feiyi": 3, "potu-chuchuang": 2, "qiaopan": 1, "lanchi-qiaopan": 1},
 "zhihui": {"sjz-weichuangtou": 2, "yinling-zhulao": 1, "shegong-xianfeng": 1},
 "tongxing": {"tongcheng-liudong": 3, "qiaopan": 2, "lanchi-qiaopan": 2, "xiangcun-yuedu": 1,
              "shuguang-jiaoshi": 1, "humiao-liushou": 1, "jiahe-jiating": 2, "chaoren-mama": 1,
              "mulan-nvxing": 1, "hao-gongyi": 2, "sjz-weichuangtou": 1},
 "mumian": {"jiahe-jiating": 3, "chaoren-mama": 3, "mulan-nvxing": 2, "qiaoshou-funv": 1, "xinqiao-xinli": 1,
            "tongcheng-liudong": 1, "aiyou-yijia": 2, "sjz-weichuangtou": 1, "shegong-xianfeng": 1},
 "shanyu": {"maixiang-shengtai": 2, "weilanxia": 1, "lvse-jiayuan": 1, "hexiaoqing": 2, "qingchun-zhiyuan": 1,
            "qiaopan": 1, "lanchi-qiaopan": 1, "aiyou-yijia": 2},
 "yunling": {"shanqu-yingyang": 3, "jiankang-xiangcun": 2, "xiangcun-yuedu": 1, "humiao-liushou": 1,
             "hao-gongyi": 2, "chaoren-mama": 1, "mulan-nvxing": 1, "wotu-xiangcun": 1},
 "ailin": {"sjz-weichuangtou": 3, "qingchun-zhiyuan": 1, "aiyou-yijia": 2},
 "maomao": {"banchong-dongwu": 3, "chaoren-mama": 1, "mulan-nvxing": 1, "qingchun-zhiyuan": 1},
 "anping": {"anlan-jiuzai": 3, "qingchun-zhiyuan": 1, "aiyou-yijia": 2},
 "qingxie": {"qingchun-zhiyuan": 3, "shuguang-jiaoshi": 1, "yinling-zhulao": 1, "nuanyang-yanglao": 1,
             "humiao-liushou": 1},
 "xinmiao": {"qiaopan": 3, "lanchi-qiaopan": 3, "xiangcun-yuedu": 2, "humiao-liushou": 2, "shuguang-jiaoshi": 1,
             "qingchun-zhiyuan": 2, "potu-chuchuang": 1, "shanqu-yingyang": 1},
 "jinguo": {"qiaoshou-funv": 3, "chaoren-mama": 3, "mulan-nvxing": 2, "wotu-xiangcun": 2, "yanzhao-feiyi": 1,
            "dunhe-zhongzi": 1, "potu-chuchuang": 1},
 "hengshuihu": {"hexiaoqing": 3, "maixiang-shengtai": 3, "weilanxia": 2, "lvse-jiayuan": 1, "banchong-dongwu": 1,
                "qingchun-zhiyuan": 1},
 "kangning": {"nuanyang-yanglao": 2, "jinghua-yizhan": 2, "xinqiao-xinli": 2, "yinling-zhulao": 1,
              "potu-chuchuang": 2, "chaoren-mama": 1, "mulan-nvxing": 1},
 "shanxing": {"ronghe-jiuye": 3, "xingguang-canzhang": 1, "hao-gongyi": 2, "aiyou-yijia": 2, "chaoren-mama": 1,
              "mulan-nvxing": 1},
 "renxin": {"jiankang-xiangcun": 3, "chaoren-mama": 1, "wotu-xiangcun": 1, "shanqu-yingyang": 1},
 "tongxin": {"tongcheng-liudong": 3, "sjz-weichuangtou": 2, "jiahe-jiating": 1, "humiao-liushou": 1,
             "qiaopan": 1, "lanchi-qiaopan": 1, "shegong-xianfeng": 1},
 "lelin": {"jinghua-yizhan": 3, "yinling-zhulao": 3, "nuanyang-yanglao": 3, "xinqiao-xinli": 1, "hao-gongyi": 2,
           "chaoren-mama": 1, "mulan-nvxing": 1, "sjz-weichuangtou": 1},
 "qingshui": {"hexiaoqing": 3, "maixiang-shengtai": 2, "weilanxia": 2, "lvse-jiayuan": 1, "potu-chuchuang": 2,
              "qingchun-zhiyuan": 1},
}

def rel(o, g):
    if g in R[o]:
        return R[o][g]
    return GENERIC.get(g, 0)

# ---------------------------------------------------------------- write + check
def write(path, cols, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=cols)
        w.writeheader()
        for r in rows:
            w.writerow(r)

def build(outdir, grants, orgs, E, rel):
    gids = [g["grant_id"] for g in grants]; oids = [o["org_id"] for o in orgs]
    assert len(set(gids)) == len(gids) and len(set(oids)) == len(oids)
    assert set(E) == set(gids), set(gids) ^ set(E)
    for g, d in E.items():
        bad = (set(d["no"]) | set(d["unknown"])) - set(oids)
        assert not bad, (g, bad)
        assert not set(d["no"]) & set(d["unknown"]), (g, set(d["no"]) & set(d["unknown"]))
    q = []
    for o in oids:
        for g in gids:
            e = "no" if o in E[g]["no"] else "unknown" if o in E[g]["unknown"] else "yes"
            q.append(dict(org_id=o, grant_id=g, relevance=rel(o, g), eligible=e))
    write(os.path.join(outdir, "grants.csv"), GRANT_COLS, grants)
    write(os.path.join(outdir, "orgs.csv"), ORG_COLS, orgs)
    write(os.path.join(outdir, "qrels.csv"), ["org_id","grant_id","relevance","eligible"], q)
    return q

if __name__ == "__main__":
    assert set(R) == set(OIDS), set(R) ^ set(OIDS)
    for o, d in R.items():
        assert set(d) <= set(GIDS), (o, set(d) - set(GIDS))
    build(HERE, grants, orgs, E, rel)
    print(len(grants), "grants", len(orgs), "orgs")
