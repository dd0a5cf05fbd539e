"""Build the independent check set (data/check/).

Written by hand without reading or running any code under matcher/.  All
judgments are explicit below: per programme, the orgs that are "no" and
"unknown" with a reason each (every other org is "yes"); per org, the
programmes with relevance > 0 and a reason (every other pair is 0).
Reference date: 2026-11-28.  Deadlines are ignored for eligibility.

Run:  python3 data/check/_build_check.py
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = "核对集虚构"

GRANT_COLS = ["grant_id", "name", "funder", "category", "eligibility", "description",
              "region", "deadline", "url", "source", "conditions"]
ORG_COLS = ["org_id", "name", "profile", "city", "founded_year", "legal_form", "stage",
            "fields", "fulltime_staff", "women_led"]

# --------------------------------------------------------------------------------------
# Programmes: (grant_id, name, funder, category, eligibility, description, region, deadline)
# --------------------------------------------------------------------------------------
GRANTS = [
    ("yinfa-anyang", "银发安养·社区居家养老服务项目", "河北颐和养老公益基金会", "养老",
     "申报条件：（一）注册地在河北省的社会团体或社会服务机构；（二）注册时间不少于两年；（三）专职人员不少于3人；（四）财务管理规范，近两年年检合格。",
     "面向城乡社区高龄、独居、失能半失能老年人，资助上门探访、助餐配餐、家庭照护者培训和适老化改造评估等服务。单个项目资助额度不超过12万元，执行周期12个月。",
     "河北省", "2027-04-30"),
    ("jinmen-chuangtou", "津门邻里·社区公益创投", "天津市社区公益创投活动组委会", "社区治理",
     "申报主体须为天津市各级民政部门登记在册的社会组织，且成立满18个月（以登记证书颁发日期计算）；工商注册的企业和未登记的志愿团队不在申报范围。",
     "围绕老旧小区治理、楼门邻里互助、居民议事协商、社区志愿服务等主题，资助社会组织在天津市街道社区开展公益服务项目，每个项目资助2万至8万元，由第三方机构全程督导评估。",
     "天津市", "2025-06-20"),
    ("yuanluo-weizhili", "院落微治理·社区自组织培育小额资助", "成都市锦官社区发展基金会", "社区治理",
     "本计划仅面向在成都市行政区域内活动、尚未在民政部门登记的社区社会组织（居民自组织、兴趣团队、楼栋志愿队等）；已登记的社会组织、企业及个人不在资助范围。",
     "支持居民自组织围绕院落环境美化、邻里互助、楼栋公约制定、社区花园营建等开展小微行动，每个团队资助3000至10000元，并提供议事规则、活动策划和财务公开方面的陪伴培训。",
     "成都市", ""),
    ("qingluan-huanbao", "青峦计划·环保公益组织发展资助", "青峦生态保护基金会", "环保",
     "资助对象：具备法人资格的民间环保组织。申报机构的主营业务须为生态环境保护，登记注册满3年（含），近三年持续开展环保项目。",
     "为民间环保组织提供为期两年的非限定性资助，每年10万至20万元，可用于人员薪酬、团队建设和战略规划，覆盖河流保护、海洋保护、垃圾减量、自然教育等议题，并配套导师陪伴。",
     "", "2025-10-15"),
    ("xiaoshu-peiban", "小树苗·城市困境儿童陪伴计划", "杭城青少年成长基金会", "儿童",
     "申报机构须注册地在浙江省杭州市，成立三周年以上，且至少配备1名持有社会工作者职业水平证书的专职人员。",
     "面向杭州市困境儿童、流动儿童和特殊需要儿童，资助课后托管、成长陪伴、家庭支持和个案管理服务，单个项目资助5万至10万元，项目周期一年，鼓励社工与志愿者协同服务。",
     "杭州市", "2027-03-20"),
    ("rongguang-zhucan", "融光助残伙伴资助计划", "华夏融光助残公益基金会", "残障",
     "申报机构须为非营利组织，且以助残服务为主要业务（近两年助残项目支出占机构总支出一半以上）；须有全职项目负责人。个人不可申报。",
     "支持为残障人士及其家庭提供康复训练、辅助就业、社区融合、喘息服务等项目，尤其关注心智障碍者和重度残疾人，每个项目资助3万至15万元。",
     "", ""),
    ("changsanjiao-nvxing", "巾帼领航·长三角女性公益领导力计划", "申江妇女发展基金会", "妇女",
     "面向长三角地区（上海、江苏、浙江、安徽）在民政部门登记注册的社会组织，机构负责人须为女性。",
     "为女性公益领导者提供为期一年的领导力研修、导师结对和机构发展小额资助（每家机构3万元），议题不限，特别关注在反家暴、女性就业和妇女健康领域工作的机构。",
     "上海市、江苏省、浙江省、安徽省", ""),
    ("dongliang-rencai", "栋梁计划·青年公益人才资助", "致远公益人才基金会", "人才培养",
     "资助对象为个人：申请人须为35周岁以下（1991年1月1日以后出生）、全职从事公益工作满2年的青年，以个人名义申报，不接受机构申报。",
     "为入选者提供每年6万元的个人生活津贴和学习发展经费，连续资助两年，配套行业导师、游学交流和同伴社群，帮助青年公益人在职业早期坚持下来并获得成长。",
     "", "2025-08-31"),
    ("jingjinji-yingji", "京津冀社会应急力量能力提升项目", "京畿应急减灾公益基金会", "应急救灾",
     "限京津冀三地登记注册的社会应急力量申报，须为民政部门登记的社会团体或民办非企业单位，成立满2年；基金会不在申报范围。",
     "资助社会应急救援队伍购置救援装备、开展专业技能培训、参与联合演练，提升水域救援、山地搜救和城市搜救能力，单个队伍资助5万至20万元。",
     "北京市、天津市、河北省", "2027-05-31"),
    ("fengnian-xiangcun", "丰年乡村·县域公益伙伴支持计划", "丰年乡村发展基金会", "乡村振兴",
     "不限机构注册类型和注册地。优先支持扎根县域、在乡镇和村一线开展服务的机构；鼓励女性领导的机构和返乡青年创办的团队申报。",
     "支持社会力量参与乡村振兴，资助方向包括乡村产业帮扶、农村老人与儿童服务、乡村人才培养和村庄公共空间营造，每个项目资助5万至30万元。",
     "", ""),
    ("moyun-wenhua", "墨韵·传统文化公益项目资助", "墨韵文化公益基金会", "文化",
     "申报机构须为2022年12月31日前在民政部门登记成立的社会组织，非营利性质；企业、个人及未登记团体不予受理。",
     "资助传统文化传承与普及项目，包括非物质文化遗产保护、地方戏曲进社区、古籍与口述史整理、传统节日文化活动等，单项资助3万至10万元，鼓励与学校和社区合作。",
     "", "2025-09-15"),
    ("anxin-xinli", "安心·社区心理健康服务资助", "安心公益基金会", "心理健康",
     "申报单位应是在民政部门合法登记的社会组织，成立不少于12个月，有全职项目负责人；服务团队具备心理咨询或社会工作专业背景者优先。",
     "支持在社区为青少年、老人和残障家庭照顾者提供心理关爱，如心理知识讲座、减压小组、心理危机早期识别和转介，单个项目2万至8万元。",
     "", ""),
    ("mingfa-falv", "明法·公益法律服务资助计划", "明法公益基金会", "法律援助",
     "申报主体须具备法人资格且为非营利组织，注册时间不少于两年；个人和未登记团队不能申报。",
     "资助为农民工、残障人士、家暴受害妇女、未成年人等群体提供法律咨询、代理诉讼、普法宣传和法律赋能培训的公益项目，每个项目资助5万至20万元。",
     "", ""),
    ("xiangguang-sheqi", "向光社企加速计划", "安和集团企业社会责任部", "就业",
     "申报主体须为工商注册的社会企业，成立满1年，公司章程明确利润主要用于社会目标、股东分红不超过可分配利润的三分之一；民办非企业单位、社会团体请申报本集团其他公益项目。",
     "支持为残障人士、困难青年、刑满释放人员等就业困难群体创造岗位和提供职业培训的社会企业，提供最高30万元无息借款、商业导师辅导和集团采购渠道。",
     "", "2027-02-28"),
    ("mengzhua-dongwu", "萌爪守护·流浪动物救助小额资助", "萌爪宠物用品有限公司公益项目", "动物保护",
     "各类动物保护组织、志愿救助团队均可申报，不限注册形式和地区。",
     "资助流浪猫狗绝育（TNR）、救助医疗、领养推广和文明养宠宣传活动，每个项目资助5000至30000元，另提供猫粮狗粮物资支持，资助结束后须提交救助记录和票据。",
     "", ""),
    ("chunhui-funv", "春晖·妇女健康守护项目", "春晖妇女健康基金会", "妇女健康",
     "申报机构须为负责人为女性的社会组织，或以妇女为主要服务对象的社会组织；机构成立满1年。",
     "在城乡社区开展妇女“两癌”筛查动员、生殖健康知识普及、更年期健康讲座和产后抑郁关怀，重点覆盖农村妇女和低收入女性，每个项目资助3万至8万元。",
     "", ""),
    ("jingcheng-chuangtou", "京城街巷·社区公益创投项目", "京城社区公益创投组委会", "社区治理",
     "申报主体须注册地在北京市、成立满一年，具有独立法人资格，至少有2名专职工作人员。",
     "聚焦背街小巷环境整治、老旧小区自治、社区文化活动和为老为小服务，资助社会组织与街道社区合作开展项目，单个项目资助3万至15万元，执行期10个月。",
     "北京市", "2025-03-31"),
    ("yangcheng-yiyang", "羊城颐养·长者服务项目资助", "羊城慈善养老基金会", "养老",
     "仅限在广州市登记的非营利性社会组织申报；成立满2年；专职人员5人以上。",
     "支持在广州市各区开展长者饭堂运营、认知症友好社区建设、长者数字技能培训和临终关怀服务，单个项目支持额度10万至30万元，优先支持服务老城区独居长者的项目。",
     "广州市", "2027-01-31"),
    ("yuanshan-chuchuang", "远山·初创教育公益组织孵化计划", "远山教育公益基金会", "教育",
     "仅支持处于初创期、2024年1月1日以后登记成立的教育类公益组织；须已完成民政登记。",
     "为乡村和城市边缘地区的初创教育公益组织提供三年期递增资助（首年8万元）、创始人陪伴和组织管理培训，议题包括乡村教师发展、课后服务和阅读推广。",
     "", ""),
    ("shuxiang-tongnian", "书香童年·社区儿童阅读空间支持", "文心出版集团社会责任项目", "儿童阅读",
     "仅限非营利性质的社会组织或中小学校申报，企业和个人不得申报。",
     "为社区、村庄和学校建设儿童阅读角，每个点位配送价值2万元的图书和书架，并培训阅读推广志愿者，资助周期内须每月至少开展2次亲子阅读或故事会活动。",
     "", ""),
    ("qingchun-lvdong", "青春绿动·四川青年环保行动", "四川省青年环保行动组委会", "环保",
     "面向四川省内的青年社会组织、高校环保社团和青年志愿服务队（未登记团队可以申报）；申报团队负责人须为35周岁以下青年。",
     "支持青年围绕长江、岷江流域保护、垃圾分类、低碳生活和自然教育开展环保行动，每个项目资助5000至2万元，优秀项目推荐参加全国青年志愿服务项目大赛。",
     "四川省", "2025-05-31"),
    ("antai-fangzai", "安居社区·防灾减灾共建行动", "安泰财产保险公司社会责任部", "应急救灾",
     "不设注册类型限制。鼓励具备应急救援经验的社会组织与社区居委会联合申报，优先支持老旧小区和农村地区的项目。",
     "资助社区开展防灾减灾宣传、应急疏散演练、家庭应急包配置和社区应急志愿者队伍建设，每个社区项目资助1万至5万元，并为参与志愿者提供意外保险。",
     "", "2027-09-30"),
    ("langfang-shegong", "廊坊市社会工作服务项目公益创投", "廊坊市社会工作服务项目评审委员会", "社会工作",
     "申报主体须为在廊坊市民政部门登记的社会工作服务机构（民办非企业单位），成立满1年，至少配备2名持证社工。",
     "通过政府购买服务方式，资助社会工作服务机构在廊坊市开展困境儿童关爱、社区养老、社区矫正和低保家庭帮扶等专业社工服务，每个项目资助8万至20万元。",
     "廊坊市", "2025-07-31"),
    ("zhihe-chengzhang", "致和伙伴·成长期社会组织能力建设计划", "致和公益基金会", "能力建设",
     "申报机构须为处于成长期的社会团体或社会服务机构，具有独立法人资格，全职员工不少于3人；处于初创期或成熟期的机构请关注本基金会其他项目。",
     "为成长期社会组织提供两年期非限定性资助（每年15万元）及战略规划、筹款、人力资源和财务管理方面的能力建设支持，领域不限，帮助机构走向专业化和可持续发展。",
     "", ""),
]

# --------------------------------------------------------------------------------------
# Organizations: (org_id, name, profile, city, founded_year, legal_form, stage, fields,
#                 fulltime_staff, women_led)
# --------------------------------------------------------------------------------------
ORGS = [
    ("hexi-yinling", "天津市河西区银龄互助服务中心",
     "2019年在天津市河西区民政局登记的民办非企业单位，现有全职员工4人。在越秀路、友谊路街道组织低龄老人结对帮扶高龄独居长者，开展电话问安、代购送药、上门陪伴，培育了12支楼门互助队。",
     "天津", "", "", "", "养老;社区;互助", "", ""),
    ("mingde", "廊坊市安次区明德社会工作服务中心",
     "廊坊本土社工机构，现有持证社工6名。承接民政、司法部门购买服务，为困境儿童提供个案管理和学业陪伴，为社区老人开展探访和小组活动，也协助司法所做社区矫正对象的心理疏导和帮教。",
     "廊坊", "2016", "民办非企业单位", "成熟期", "社会工作;困境儿童;社区养老;社区矫正", "9", "否"),
    ("shanliwa", "涉县山里娃助学志愿队",
     "邯郸市区几位老师和大学生自发组成的志愿小队，没有在民政部门登记。每月去涉县山区的两所村小，给娃们带去绘本、文具，辅导功课，寒暑假办夏令营。队员都是兼职，经费靠身边朋友捐款。",
     "邯郸", "2021", "未注册团体", "初创期", "乡村儿童;助学;志愿服务", "0", ""),
    ("yulin-huayuan", "玉林七巷邻里花园自组织",
     "成都市武侯区玉林街道的居民自组织，2022年由几位退休阿姨发起，把院落里的闲置角落改造成邻里花园，轮流浇水养护，每月组织一次院坝议事会和换物集市。还没有登记，也没有专职人员。",
     "成都", "", "未注册团体", "", "社区营造;邻里互助;社区花园", "0", ""),
    ("xinqing", "西安市碑林区心晴青少年心理服务中心",
     "由两位国家二级心理咨询师创办，进入西安中小学开展心理健康课、团体辅导和危机干预培训，为厌学、网络成瘾的少年及其父母提供家庭咨询，开通了公益心理热线。",
     "西安", "2020", "社会服务机构", "", "心理健康;青少年;家庭教育", "5", "是"),
    ("huaxin", "上海市静安区花信女性发展中心",
     "关注城市女性的发展与安全，为遭受家庭暴力的妇女提供热线咨询、陪同报警和庇护转介，为全职妈妈重返职场开设技能培训，并与律师志愿者合作开展妇女权益普法讲座。",
     "上海", "2015", "社会服务机构", "成熟期", "妇女;反家暴;女性就业;心理支持", "7", "是"),
    ("xingyu-texu", "杭州市拱墅区星语特需儿童家庭支持中心",
     "由三位孤独症孩子的妈妈发起，2021年3月在拱墅区民政局登记。为特需儿童提供社交融合小组、入校融合陪读和家长喘息服务，6名全职员工中有2名持证社工和3名特教老师。",
     "杭州", "2021", "民办非企业单位", "成长期", "残障;孤独症;特需儿童;家长支持", "6", ""),
    ("yikang", "广州市越秀区颐康长者服务中心",
     "在越秀区两个街道运营长者饭堂，为老城区独居、高龄长者提供助餐送餐，每天供应午餐300余份，开展认知症筛查和家属照护培训，链接社区医生上门随访。",
     "广州", "2023", "社会服务机构", "成长期", "养老;长者饭堂;认知症", "4", "否"),
    ("mingli", "北京市丰台区明理法律援助服务中心",
     "2012年在丰台区民政局登记的民办非企业单位，由执业律师和法学院师生组成，长期为农民工提供讨薪咨询、劳动仲裁代理和工伤维权服务，每年代理案件300余件，并在建筑工地开展普法夜校。",
     "北京", "", "", "成熟期", "法律援助;农民工;劳动权益", "12", "否"),
    ("yunhe", "沧州市大运河生态保护志愿者协会",
     "沧州市民政局登记的社会团体，组织市民沿大运河沧州段定期巡河、清理岸边垃圾、监测水质，走进中小学开展运河生态课堂，现有注册志愿者800余人，专职人员仅2名。",
     "沧州", "2018", "", "成长期", "环保;河流保护;环境教育", "", "否"),
    ("shanlihong", "承德山里红农业科技有限公司",
     "扎根承德兴隆县山区的农业企业，和村集体合作社合作收购山楂、板栗，做深加工和直播带货，雇用留守妇女在车间分拣包装。公司每年按股东持股比例分配利润，大部分利润用于分红。",
     "承德", "2017", "工商注册", "成长期", "乡村振兴;农产品电商;妇女就业", "20", "否"),
    ("maitian", "上海麦田烘焙社会企业有限公司",
     "社区烘焙工坊，为心智障碍青年提供烘焙技能培训和支持性就业岗位，目前有9名心智障碍员工在岗。公司章程约定利润不向股东分红，全部用于扩大培训和岗位。",
     "上海", "2020", "工商注册", "成长期", "就业;心智障碍;社会企业", "14", ""),
    ("nuanxin", "保定市竞秀区暖心残疾人康复服务中心",
     "2026年5月在竞秀区民政局登记，创始人是一位肢体残疾人家属，目前由她全职负责项目，另有8名兼职康复师志愿者。为社区里的残疾人提供居家康复指导、辅具借用和结伴出行活动。",
     "保定", "2026", "民办非企业单位", "初创期", "残障;康复;社区融合", "1", "是"),
    ("weilan-haian", "天津市滨海新区蔚蓝海岸守护中心",
     "2025年12月在滨海新区民政局登记成立的社会服务机构，组织志愿者在渤海湾沿岸净滩、记录海漂垃圾数据，给社区居民和学生讲海洋塑料污染。",
     "天津", "2025", "社会服务机构", "初创期", "环保;海洋保护;净滩", "2", "否"),
    ("minjiang", "成都岷江青年环保服务中心",
     "由几位川大毕业生创办，负责人1995年出生。招募大学生和青年白领做“河小护”，在岷江、锦江沿线巡河、开展水质监测和垃圾分类进社区，每年举办青年环保训练营。",
     "成都", "2019", "社会服务机构", "成长期", "环保;河流保护;青年志愿服务", "3", "否"),
    ("weiguang", "微光公益",
     "我们是一群热心公益的人，致力于让社会变得更美好。关注弱势群体，开展过一些探访和助学活动，也参与过社区活动。希望通过大家的力量传递温暖，欢迎更多爱心人士加入我们。",
     "", "", "", "", "", "", ""),
    ("chongli", "张家口市崇礼区山地救援协会",
     "由滑雪教练、户外领队和退役消防员组成的救援队，在崇礼雪场和周边山区开展迷途搜救、伤员转运，冬奥会期间参与赛区保障。队员全部为兼职志愿者，没有专职人员。",
     "张家口", "2016", "社会团体", "成熟期", "应急救援;山地搜救;雪场安全", "0", "否"),
    ("hutong", "北京市东城区胡同记忆文化服务中心",
     "带着社区居民和中学生采访胡同里的老街坊，整理口述史和老照片，办社区小展览，组织京剧、兔儿爷等老北京手艺进社区，让新老居民一起参与胡同公共空间的讨论。",
     "北京", "2023", "民办非企业单位", "成长期", "文化;口述史;社区营造", "3", ""),
    ("aizhua", "西安市伴侣动物保护协会",
     "西安市民政局登记的社会团体，运营一处流浪动物救助基地，目前收容猫狗200余只，在社区推广TNR和科学喂养，每月举办领养日，会长和大部分骨干是女性。",
     "西安", "", "", "成熟期", "动物保护;流浪动物;TNR", "3", "是"),
    ("shanhua", "阜平县山花乡村教育发展中心",
     "2024年3月在阜平县民政局登记，扎根保定阜平县山区，为村小的青年教师组织教研共同体和线上读书会，在乡镇中心校建设了3个儿童阅读角，服务乡村学生1500余名。",
     "保定", "2024", "民办非企业单位", "初创期", "乡村教育;教师培训;阅读", "2", "是"),
]

GIDS = [g[0] for g in GRANTS]
OIDS = [o[0] for o in ORGS]

# --------------------------------------------------------------------------------------
# Eligibility: per programme, explicit "no" and "unknown" lists with reasons.
# Orgs not listed are "yes".
# --------------------------------------------------------------------------------------
OUT_HEBEI = "注册地不在河北省"
WG = "weiguang: 所有结构字段空白、简介未说明注册地/形式/年限/人员"

ELIG: dict[str, dict[str, dict[str, str]]] = {
    # 河北省；社会团体或社会服务机构；注册≥2年；专职≥3
    "yinfa-anyang": {
        "no": {
            "hexi-yinling": "天津，" + OUT_HEBEI,
            "shanliwa": "未注册团体，非社团/社会服务机构；专职0",
            "yulin-huayuan": "成都；未注册",
            "xinqing": "西安",
            "huaxin": "上海",
            "xingyu-texu": "杭州",
            "yikang": "广州",
            "mingli": "北京",
            "yunhe": "专职2人<3",
            "shanlihong": "工商注册企业，不是社团/社会服务机构",
            "maitian": "上海；工商注册",
            "nuanxin": "2026年5月登记，不满两年；专职1人",
            "weilan-haian": "天津；2025年12月成立",
            "minjiang": "成都",
            "chongli": "专职0人<3",
            "hutong": "北京",
            "aizhua": "西安",
            "shanhua": "专职2人<3",
        },
        "unknown": {"weiguang": WG},
    },
    # 天津市民政登记的社会组织；成立满18个月
    "jinmen-chuangtou": {
        "no": {
            "mingde": "廊坊", "shanliwa": "邯郸；未登记", "yulin-huayuan": "成都；未登记",
            "xinqing": "西安", "huaxin": "上海", "xingyu-texu": "杭州", "yikang": "广州",
            "mingli": "北京", "yunhe": "沧州", "shanlihong": "承德；企业", "maitian": "上海；企业",
            "nuanxin": "保定；2026年成立",
            "weilan-haian": "天津但2025年12月登记，至2026-11-28不满12个月，更不满18个月",
            "minjiang": "成都", "chongli": "张家口", "hutong": "北京", "aizhua": "西安",
            "shanhua": "保定",
        },
        "unknown": {"weiguang": WG},
    },
    # 仅未登记社区社会组织，在成都市活动
    "yuanluo-weizhili": {
        "no": {
            "hexi-yinling": "已登记民非；天津", "mingde": "已登记；廊坊",
            "shanliwa": "未登记但在邯郸活动，不在成都",
            "xinqing": "已登记；西安", "huaxin": "已登记；上海", "xingyu-texu": "已登记；杭州",
            "yikang": "已登记；广州", "mingli": "已登记；北京", "yunhe": "已登记；沧州",
            "shanlihong": "企业", "maitian": "企业", "nuanxin": "已登记；保定",
            "weilan-haian": "已登记；天津", "minjiang": "成都但已登记为社会服务机构",
            "chongli": "已登记；张家口", "hutong": "已登记；北京", "aizhua": "已登记；西安",
            "shanhua": "已登记；保定",
        },
        "unknown": {"weiguang": WG + "（可能是未登记团队，地点不明）"},
    },
    # 法人资格的民间环保组织；主要业务环保（申报机构领域限制）；注册满3年
    "qingluan-huanbao": {
        "no": {
            "hexi-yinling": "主要业务养老，非环保", "mingde": "综合社工，非环保",
            "shanliwa": "未登记无法人资格；助学", "yulin-huayuan": "未登记；社区营造为主",
            "xinqing": "心理", "huaxin": "妇女", "xingyu-texu": "助残", "yikang": "养老",
            "mingli": "法律援助", "shanlihong": "农业企业，非环保组织", "maitian": "企业；就业",
            "nuanxin": "助残；2026年成立",
            "weilan-haian": "环保但2025年12月登记，不满3年",
            "chongli": "应急救援", "hutong": "文化", "aizhua": "动物保护，非生态环境保护主业",
            "shanhua": "教育",
        },
        "unknown": {"weiguang": WG + "；简介过于笼统，不能确定主业"},
    },
    # 注册地杭州；成立三周年以上；至少1名持证社工专职
    "xiaoshu-peiban": {
        "no": {
            "hexi-yinling": "天津", "mingde": "廊坊", "shanliwa": "邯郸；未注册",
            "yulin-huayuan": "成都", "xinqing": "西安", "huaxin": "上海", "yikang": "广州",
            "mingli": "北京", "yunhe": "沧州", "shanlihong": "承德", "maitian": "上海",
            "nuanxin": "保定", "weilan-haian": "天津", "minjiang": "成都", "chongli": "张家口",
            "hutong": "北京", "aizhua": "西安", "shanhua": "保定",
        },
        "unknown": {"weiguang": WG},
    },
    # 非营利组织；以助残为主要业务；有全职项目负责人
    "rongguang-zhucan": {
        "no": {
            "hexi-yinling": "主业养老", "mingde": "综合社工，主业非助残",
            "shanliwa": "助学，无全职人员", "yulin-huayuan": "社区营造；无专职",
            "xinqing": "心理", "huaxin": "妇女", "yikang": "养老", "mingli": "法律援助",
            "yunhe": "环保", "shanlihong": "营利企业；农业",
            "maitian": "工商注册企业，不是非营利组织（虽章程不分红）",
            "weilan-haian": "环保", "minjiang": "环保", "chongli": "应急救援；无专职",
            "hutong": "文化", "aizhua": "动物保护", "shanhua": "教育",
        },
        "unknown": {"weiguang": WG + "；“弱势群体”可能含残障，主业不能确定"},
    },
    # 长三角民政登记社会组织；负责人女性
    "changsanjiao-nvxing": {
        "no": {
            "hexi-yinling": "天津", "mingde": "廊坊", "shanliwa": "邯郸；未登记",
            "yulin-huayuan": "成都；未登记", "xinqing": "西安", "yikang": "广州",
            "mingli": "北京", "yunhe": "沧州", "shanlihong": "承德；企业",
            "maitian": "上海但为工商注册企业，非民政登记社会组织",
            "nuanxin": "保定", "weilan-haian": "天津", "minjiang": "成都",
            "chongli": "张家口", "hutong": "北京", "aizhua": "西安", "shanhua": "保定",
        },
        "unknown": {"weiguang": WG},
    },
    # 仅资助个人 -> 所有机构 no
    "dongliang-rencai": {
        "no": {o: "仅资助个人，不接受机构申报" for o in OIDS},
        "unknown": {},
    },
    # 京津冀；民政登记社团或民非；满2年；基金会除外
    "jingjinji-yingji": {
        "no": {
            "shanliwa": "未登记", "yulin-huayuan": "成都；未登记", "xinqing": "西安",
            "huaxin": "上海", "xingyu-texu": "杭州", "yikang": "广州",
            "shanlihong": "企业", "maitian": "上海；企业",
            "nuanxin": "2026年5月登记，不满2年",
            "weilan-haian": "2025年12月登记，不满2年",
            "minjiang": "成都", "aizhua": "西安",
        },
        "unknown": {"weiguang": WG},
    },
    # 无硬性条件（仅“优先”“鼓励”）
    "fengnian-xiangcun": {"no": {}, "unknown": {}},
    # 2022-12-31前民政登记的非营利社会组织
    "moyun-wenhua": {
        "no": {
            "shanliwa": "未登记团体", "yulin-huayuan": "未登记团体",
            "yikang": "2023年成立，晚于2022年12月31日",
            "shanlihong": "企业", "maitian": "企业",
            "nuanxin": "2026年登记", "weilan-haian": "2025年登记",
            "hutong": "2023年成立", "shanhua": "2024年登记",
        },
        "unknown": {"weiguang": WG, "aizhua": "民政登记社团，但成立/登记年份未说明"},
    },
    # 依法登记社会组织；成立≥12个月；全职项目负责人
    "anxin-xinli": {
        "no": {
            "shanliwa": "未登记", "yulin-huayuan": "未登记",
            "shanlihong": "企业，非社会组织", "maitian": "企业，非社会组织",
            "nuanxin": "2026年5月登记，不满12个月",
            "weilan-haian": "2025年12月登记，至2026-11-28不满12个月",
            "chongli": "无专职人员，没有全职项目负责人",
        },
        "unknown": {"weiguang": WG, "aizhua": "成立时间未说明，无法判断是否满12个月"},
    },
    # 法人资格且非营利；注册≥2年
    "mingfa-falv": {
        "no": {
            "shanliwa": "未登记团队", "yulin-huayuan": "未登记团队",
            "shanlihong": "营利企业", "maitian": "工商注册企业，不属于非营利组织",
            "nuanxin": "2026年登记，不满两年", "weilan-haian": "2025年12月登记，不满两年",
        },
        "unknown": {"weiguang": WG, "aizhua": "成立时间未说明，无法判断是否满两年"},
    },
    # 工商注册社会企业；满1年；分红≤1/3
    "xiangguang-sheqi": {
        "no": {
            "hexi-yinling": "民非", "mingde": "民非", "shanliwa": "未登记团体，非企业",
            "yulin-huayuan": "未登记团体", "xinqing": "社会服务机构", "huaxin": "社会服务机构",
            "xingyu-texu": "民非", "yikang": "社会服务机构", "mingli": "民非", "yunhe": "社会团体",
            "shanlihong": "大部分利润用于股东分红，超过三分之一",
            "nuanxin": "民非", "weilan-haian": "社会服务机构", "minjiang": "社会服务机构",
            "chongli": "社会团体", "hutong": "民非", "aizhua": "社会团体", "shanhua": "民非",
        },
        "unknown": {"weiguang": WG},
    },
    # 无硬性条件
    "mengzhua-dongwu": {"no": {}, "unknown": {}},
    # 社会组织；（负责人女性 或 主要服务妇女）；成立满1年
    "chunhui-funv": {
        "no": {
            "mingde": "负责人非女性（women_led=否），服务对象为儿童/老人/矫正对象",
            "shanliwa": "未登记团体，非社会组织", "yulin-huayuan": "未登记团体，非社会组织",
            "yikang": "women_led=否，服务长者", "mingli": "women_led=否，服务农民工",
            "yunhe": "women_led=否，环保", "shanlihong": "企业",
            "maitian": "企业",
            "nuanxin": "女性负责但2026年5月登记，不满1年",
            "weilan-haian": "2025年12月登记不满1年；women_led=否",
            "minjiang": "women_led=否，环保", "chongli": "women_led=否，应急救援",
        },
        "unknown": {
            "hexi-yinling": "负责人性别未说明，服务对象为长者而非妇女",
            "hutong": "负责人性别未说明，服务社区居民而非以妇女为主",
            "aizhua": "会长为女性，但成立时间未说明，满1年无法确认",
            "weiguang": WG,
        },
    },
    # 注册地北京；满一年；独立法人；专职≥2
    "jingcheng-chuangtou": {
        "no": {
            "hexi-yinling": "天津", "mingde": "廊坊", "shanliwa": "邯郸；未登记",
            "yulin-huayuan": "成都；未登记", "xinqing": "西安", "huaxin": "上海",
            "xingyu-texu": "杭州", "yikang": "广州", "yunhe": "沧州", "shanlihong": "承德",
            "maitian": "上海", "nuanxin": "保定", "weilan-haian": "天津", "minjiang": "成都",
            "chongli": "张家口", "aizhua": "西安", "shanhua": "保定",
        },
        "unknown": {"weiguang": WG},
    },
    # 广州登记非营利社会组织；满2年；专职≥5
    "yangcheng-yiyang": {
        "no": {o: "注册地不在广州" for o in OIDS if o not in ("yikang", "weiguang")}
        | {"yikang": "广州、2023年成立满2年，但专职4人<5"},
        "unknown": {"weiguang": WG},
    },
    # 初创期；2024-01-01后登记；教育类；已民政登记
    "yuanshan-chuchuang": {
        "no": {
            "hexi-yinling": "2019年登记", "mingde": "2016年；成熟期",
            "shanliwa": "未登记；2021年成立", "yulin-huayuan": "未登记；2022年",
            "xinqing": "2020年；成长期", "huaxin": "2015年；成熟期", "xingyu-texu": "2021年；成长期",
            "yikang": "2023年成立；成长期", "mingli": "2012年", "yunhe": "2018年",
            "shanlihong": "企业；2017年", "maitian": "企业；2020年",
            "nuanxin": "2026年登记、初创期，但主业助残，不是教育类组织",
            "weilan-haian": "2025年12月登记、初创期，但主业海洋环保，不是教育类组织",
            "minjiang": "2019年", "chongli": "2016年", "hutong": "2023年成立",
            "aizhua": "2014年",
        },
        "unknown": {"weiguang": WG},
    },
    # 非营利社会组织或学校；企业个人不得
    "shuxiang-tongnian": {
        "no": {
            "shanliwa": "未登记志愿队，不是社会组织或学校",
            "yulin-huayuan": "未登记居民自组织，不是社会组织或学校",
            "shanlihong": "企业", "maitian": "企业",
        },
        "unknown": {"weiguang": WG},
    },
    # 四川省内青年组织（未登记可）；负责人≤35岁
    "qingchun-lvdong": {
        "no": {
            "hexi-yinling": "天津", "mingde": "廊坊", "shanliwa": "河北邯郸",
            "yulin-huayuan": "成都，未登记可申报，但负责人是退休阿姨，明显超过35周岁",
            "xinqing": "陕西", "huaxin": "上海", "xingyu-texu": "浙江", "yikang": "广东",
            "mingli": "北京", "yunhe": "河北", "shanlihong": "河北", "maitian": "上海",
            "nuanxin": "河北", "weilan-haian": "天津", "chongli": "河北", "hutong": "北京",
            "aizhua": "陕西", "shanhua": "河北",
        },
        "unknown": {"weiguang": WG},
    },
    # 无硬性条件（仅鼓励/优先）
    "antai-fangzai": {"no": {}, "unknown": {}},
    # 廊坊民政登记的社工机构（民非）；满1年；持证社工≥2
    "langfang-shegong": {
        "no": {o: "注册地不在廊坊市" for o in OIDS if o not in ("mingde", "weiguang")},
        "unknown": {"weiguang": WG},
    },
    # 成长期的社团或社会服务机构；独立法人；全职≥3
    "zhihe-chengzhang": {
        "no": {
            "mingde": "成熟期", "shanliwa": "未登记；初创期；专职0",
            "yulin-huayuan": "未登记；专职0", "huaxin": "成熟期", "mingli": "成熟期",
            "yunhe": "成长期但全职2人<3", "shanlihong": "工商注册企业，非社团/社会服务机构",
            "maitian": "工商注册企业", "nuanxin": "初创期；全职1人",
            "weilan-haian": "初创期；全职2人", "chongli": "成熟期；专职0",
            "aizhua": "成熟期", "shanhua": "初创期；全职2人",
        },
        "unknown": {
            "hexi-yinling": "民非、全职4人满足，但发展阶段未说明",
            "xinqing": "社会服务机构、全职5人满足，但发展阶段未填写、简介未说明",
            "weiguang": WG,
        },
    },
}

# --------------------------------------------------------------------------------------
# Relevance: per org, programmes with relevance > 0 (others 0).
# Field-neutral programmes: dongliang-rencai (talent) 1 for all;
# zhihe-chengzhang (capacity building) 1 for all, 2 for 成长期 orgs.
# Women-leadership (changsanjiao-nvxing): 1 for women-led orgs, 3 for women's-issue org.
# --------------------------------------------------------------------------------------
REL: dict[str, dict[str, tuple[int, str]]] = {
    "hexi-yinling": {
        "yinfa-anyang": (3, "居家高龄独居老人上门探访是核心工作"),
        "yangcheng-yiyang": (2, "长者服务，具体服务形式不同"),
        "jinmen-chuangtou": (2, "楼门互助队与邻里互助、社区志愿服务高度重合"),
        "jingcheng-chuangtou": (2, "为老服务、社区自治"),
        "yuanluo-weizhili": (2, "培育楼门居民互助队即居民自组织"),
        "anxin-xinli": (1, "老人陪伴与老年心理相邻"),
        "langfang-shegong": (1, "社区养老是其中一项"),
    },
    "mingde": {
        "langfang-shegong": (3, "廊坊社工机构，服务内容完全吻合"),
        "xiaoshu-peiban": (2, "困境儿童个案管理和陪伴"),
        "yinfa-anyang": (2, "社区老人探访"),
        "yangcheng-yiyang": (1, "养老相邻"),
        "mingfa-falv": (1, "社区矫正与法律相邻"),
        "anxin-xinli": (1, "心理疏导"),
        "jinmen-chuangtou": (1, "社区服务相邻"),
        "jingcheng-chuangtou": (1, "为老为小服务相邻"),
        "shuxiang-tongnian": (1, "学业陪伴相邻"),
    },
    "shanliwa": {
        "shuxiang-tongnian": (2, "给村小孩子送绘本"),
        "yuanshan-chuchuang": (2, "乡村课后辅导"),
        "fengnian-xiangcun": (2, "农村儿童服务属资助方向"),
        "xiaoshu-peiban": (1, "儿童陪伴，但是城市困境儿童"),
    },
    "yulin-huayuan": {
        "yuanluo-weizhili": (3, "院落居民自组织、社区花园、院坝议事，完全对应"),
        "jinmen-chuangtou": (2, "邻里互助、居民议事"),
        "jingcheng-chuangtou": (2, "老旧小区自治、公共空间"),
        "changsanjiao-nvxing": (1, "女性发起的团队"),
    },
    "xinqing": {
        "anxin-xinli": (3, "青少年心理健康服务是核心"),
        "xiaoshu-peiban": (1, "儿童成长陪伴相邻"),
        "changsanjiao-nvxing": (1, "女性领导机构"),
    },
    "huaxin": {
        "changsanjiao-nvxing": (3, "妇女议题机构，反家暴与女性就业是资助方关注领域"),
        "chunhui-funv": (2, "妇女议题，健康方向部分重合（心理支持）"),
        "mingfa-falv": (2, "家暴受害妇女法律支持、普法"),
        "anxin-xinli": (1, "心理支持相邻"),
        "xiangguang-sheqi": (1, "女性重返职场就业相邻"),
    },
    "xingyu-texu": {
        "rongguang-zhucan": (3, "特需儿童及家庭支持、喘息服务"),
        "xiaoshu-peiban": (2, "特殊需要儿童家庭支持"),
        "anxin-xinli": (1, "家长照顾者心理支持相邻"),
        "changsanjiao-nvxing": (1, "妈妈发起的女性领导机构"),
    },
    "yikang": {
        "yangcheng-yiyang": (3, "长者饭堂、认知症，完全对应"),
        "yinfa-anyang": (3, "助餐配餐、照护者培训"),
        "jingcheng-chuangtou": (1, "为老服务相邻"),
        "langfang-shegong": (1, "社区养老相邻"),
    },
    "mingli": {
        "mingfa-falv": (3, "农民工法律援助，完全对应"),
        "xiangguang-sheqi": (1, "劳动就业相邻"),
    },
    "yunhe": {
        "qingluan-huanbao": (3, "河流保护民间环保组织"),
        "qingchun-lvdong": (2, "河流保护、环保行动"),
    },
    "shanlihong": {
        "fengnian-xiangcun": (3, "乡村产业帮扶"),
        "xiangguang-sheqi": (1, "雇用留守妇女，就业相邻"),
    },
    "maitian": {
        "xiangguang-sheqi": (3, "为心智障碍青年创造岗位的社会企业"),
        "rongguang-zhucan": (2, "心智障碍者辅助就业"),
    },
    "nuanxin": {
        "rongguang-zhucan": (3, "残疾人康复、社区融合"),
        "changsanjiao-nvxing": (1, "女性领导机构"),
    },
    "weilan-haian": {
        "qingluan-huanbao": (3, "海洋保护、垃圾减量"),
        "qingchun-lvdong": (2, "环保行动、环境宣教"),
    },
    "minjiang": {
        "qingchun-lvdong": (3, "四川青年河流环保行动"),
        "qingluan-huanbao": (3, "河流保护环保组织"),
    },
    "weiguang": {
        "xiaoshu-peiban": (1, "关注弱势群体，可能相关"),
        "shuxiang-tongnian": (1, "助学相邻"),
        "yuanshan-chuchuang": (1, "助学相邻"),
    },
    "chongli": {
        "jingjinji-yingji": (3, "山地搜救社会应急力量"),
        "antai-fangzai": (2, "应急救援经验、防灾减灾"),
    },
    "hutong": {
        "moyun-wenhua": (3, "口述史、老北京手艺进社区"),
        "jingcheng-chuangtou": (2, "社区文化活动、胡同公共空间"),
        "jinmen-chuangtou": (1, "社区议事相邻"),
        "yuanluo-weizhili": (1, "社区营造相邻"),
    },
    "aizhua": {
        "mengzhua-dongwu": (3, "流浪动物救助、TNR、领养"),
        "changsanjiao-nvxing": (1, "女性领导机构"),
    },
    "shanhua": {
        "yuanshan-chuchuang": (3, "初创乡村教育组织，乡村教师发展"),
        "shuxiang-tongnian": (2, "建设儿童阅读角"),
        "fengnian-xiangcun": (2, "乡村人才培养、扎根县域"),
        "changsanjiao-nvxing": (1, "女性领导机构"),
    },
}

GROWTH = {"xingyu-texu", "yikang", "yunhe", "shanlihong", "maitian", "minjiang", "hutong"}


def relevance(org: str, grant: str) -> int:
    if grant == "dongliang-rencai":
        return 1
    if grant == "zhihe-chengzhang":
        return 2 if org in GROWTH else 1
    return REL[org].get(grant, (0, ""))[0]


def eligible(org: str, grant: str) -> str:
    e = ELIG[grant]
    assert not (set(e["no"]) & set(e["unknown"])), grant
    if org in e["no"]:
        return "no"
    if org in e["unknown"]:
        return "unknown"
    return "yes"


def main() -> None:
    assert len(GRANTS) == 24 and len(ORGS) == 20
    assert len(set(GIDS)) == 24 and len(set(OIDS)) == 20
    assert set(ELIG) == set(GIDS)
    assert set(REL) == set(OIDS)
    for g, e in ELIG.items():
        assert set(e["no"]) | set(e["unknown"]) <= set(OIDS), g
    for o, r in REL.items():
        assert set(r) <= set(GIDS), o
        assert all(v[0] in (1, 2, 3) for v in r.values()), o

    with open(HERE / "grants.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(GRANT_COLS)
        for gid, name, funder, cat, elig, desc, region, deadline in GRANTS:
            w.writerow([gid, name, funder, cat, elig, desc, region, deadline, "", SRC, ""])
    with open(HERE / "orgs.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(ORG_COLS)
        for row in ORGS:
            w.writerow(row)
    rel_c, el_c = Counter(), Counter()
    with open(HERE / "qrels.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["org_id", "grant_id", "relevance", "eligible"])
        for o in OIDS:
            for g in GIDS:
                r, e = relevance(o, g), eligible(o, g)
                rel_c[r] += 1
                el_c[e] += 1
                w.writerow([o, g, r, e])
    print("relevance", dict(sorted(rel_c.items())))
    print("eligible", dict(el_c))
    validate()


def validate() -> None:
    """Read the written files back with csv and check ids, pairs and domains."""
    g = list(csv.DictReader(open(HERE / "grants.csv", encoding="utf-8")))
    o = list(csv.DictReader(open(HERE / "orgs.csv", encoding="utf-8")))
    q = list(csv.DictReader(open(HERE / "qrels.csv", encoding="utf-8")))
    gi = [r["grant_id"] for r in g]
    oi = [r["org_id"] for r in o]
    assert len(set(gi)) == len(gi) == 24 and len(set(oi)) == len(oi) == 20
    pairs = Counter((r["org_id"], r["grant_id"]) for r in q)
    assert len(q) == 480 and set(pairs) == {(a, b) for a in oi for b in gi}
    assert max(pairs.values()) == 1
    assert all(r["relevance"] in "0123" and r["eligible"] in ("yes", "no", "unknown") for r in q)
    forms = ("民办非企业单位", "社会服务机构", "社会团体", "基金会", "未注册团体", "工商注册", "")
    for r in o:
        assert r["legal_form"] in forms and r["stage"] in ("初创期", "成长期", "成熟期", "")
        assert r["women_led"] in ("是", "否", "")
        assert r["fulltime_staff"] == "" or r["fulltime_staff"].isdigit()
        assert r["founded_year"] == "" or r["founded_year"].isdigit()
        assert 60 <= len(r["profile"]) <= 250, r["org_id"]
    for r in g:
        assert 80 <= len(r["eligibility"]) + len(r["description"]) <= 300, r["grant_id"]
        assert r["deadline"] == "" or len(r["deadline"]) == 10
    print("validated: 24 grants, 20 orgs, 480 qrels")


if __name__ == "__main__":
    main()
