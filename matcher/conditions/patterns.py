"""The compiled regexes the reader applies to programme text.

Clause and sentence edges, the words that make a clause a wish or a refusal,
and one pattern (or tuple of patterns) per kind of condition: years, dates,
staff, stage, women, legal person, nonprofit, legal form, applicant, age,
region, registration level and field. Kept apart from the reading logic in
:mod:`.reader` so the phrasing rules can be read, and reviewed, on their own.
"""

from __future__ import annotations

import re

from .lexicon import _FW, _NUM, _REGION_LIST

# -- reader patterns ------------------------------------------------------------

_CLAUSE_END = re.compile(r"[，,。；;！!？?\n]")
_SENTENCE_END = re.compile(r"[。；;！!？?\n]")
#: A match inside a comma clause with one of these is a wish, not a rule.
#: A requirement said not to exist: "没有写明必须在本区登记", "未限定组织形式".
NOT_REQUIRED = r"(?:没有|没|未|并未|并没有)(?:写明|注明|明确|要求|规定|限定|限制|列出|提及)"
_SOFT = re.compile(r"优先|鼓励|原则上|一般应|最好|倾向|不限|不要求|无需|不需|均可|皆可|不做要求|不作要求|欢迎|无[^，,。；;\n]{0,8}要求|"
                   + NOT_REQUIRED)
#: ... and with one of these it names who may NOT apply ("成立超过3年的机构请勿申报").
_OR_NEXT = re.compile(r"[，,]\s*(?:或|或者|或是)")
_OUT_OF_SCOPE = r"不在(?:本次|本项目|本计划)?(?:资助|申报|支持|申请|受理)(?:范围|对象|之列)|不属于(?:本次)?(?:资助|申报|支持)(?:范围|对象)"
#: "…满2年或…" / "…或有3名专职": one side of an "or" inside a clause.
_OR_AFTER = re.compile(r"(?:（含）|\(含\)|及?以上|的)?\s*(?:或者|或是|或)")
_OR_BEFORE = re.compile(r"(?:或者|或是|或)\s*(?:须|需|应|已)?$")
_NEGATIVE = re.compile(r"请勿|不得|不予|不接受|不能申|不可申|谢绝|" + _OUT_OF_SCOPE)

_YEARS_HEAD = r"(?<!项目)(?:注册|成立|登记|创立|创办|运营|运作)(?:成立|注册|设立)?(?:时间|年限)?(?:已|须|需|应|要|必须)?(?:在|达)?"
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
_AGE_APPLICANT = re.compile(r"申请人|负责人|创始人|发起人|主创|带头人|年龄|个人|公益人|从业者|创业者|(?:资助|申请|支持)对象[：:]\s*$")
#: "负责人年龄…", "团队平均年龄…": an age rule on the people of an org, not an individual applicant.
_AGE_OF_LEADER = re.compile(r"负责人|创始人|发起人|带头人|领衔人|团队|成员|骨干|主创|核心|平均")
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
    # "岳阳本地社区和社会组织": the applicants are of that place
    re.compile(_REGION_LIST + r"(?:本地|当地|本土)的?[^，,。；;\n]{0,8}?(?:社会组织|公益组织|机构|组织|单位|团体|团队)"),
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

# -- the facts calls gate on: 评估等级, 年检, 慈善组织, 公募 -------------------------------------

_RATING_N = r"(?P<n>[1-5一二三四五])\s*[AＡ](?:级)?"
#: "评估等级3A以上", "获评2A及以上等级", "3A级（含）以上社会组织": a minimum rating.
_RATING = re.compile(
    r"(?:评估等级|等级评估|社会组织评估|评估|等级)?(?:须|需|应)?(?:为|达到|获评|获得|取得|在|是)?\s*" + _RATING_N
    + r"\s*(?:（含）|\(含\))?\s*(?:及|或)?以上"
)
#: "年检合格", "近三年年度检查均合格", "2015年度年检合格", "年报通过".
_INSPECTION = re.compile(
    r"(?:近(?P<span>[一二两三四五\d])年(?:来)?(?:的)?)?(?:(?P<y>(?:19|20)\d\d)\s*年度?)?"
    r"(?:年检|年度检查|年度报告|年报)(?:结论|结果)?(?:均|须|需|应|为)?(?:合格|通过)"
)
#: "已取得慈善组织身份", "须为依法认定的慈善组织", "只限全省性慈善组织".
_CHARITY = re.compile(
    r"(?:取得|具有|具备|获得)[^，,。；;\n]{0,4}慈善组织(?:身份|资格|认定)"
    r"|(?:认定|登记)(?:为)?的?慈善组织"
    r"|(?:须为|必须为|只限|仅限|限于?|应为)[^，,。；;\n]{0,8}?慈善组织"
)
#: "具有公开募捐资格", "须为公募基金会": the applicant raises funds from the public itself.
_PUBLIC_FUNDRAISING = re.compile(
    r"(?:具有|具备|取得|拥有)(?:公开募捐资格|公募资格)(?!的)|(?:须为|必须为|只限|仅限|限于?)[^，,。；;\n]{0,6}?公募基金会"
)
#: "挂靠…公募基金会", "须有公募机构支持": a host with 公募 status is the way in.
_PUBLIC_HOST = re.compile(
    r"挂靠[^，,。；;\n]{0,8}?公募|(?:通过|经由|依托|借助)[^，,。；;\n]{0,6}?(?:公募(?:基金会|机构|组织)|具有公开募捐资格的)"
    r"|公募(?:机构|基金会|组织)[^，,。；;\n]{0,10}?(?:支持|合作|认领|发起|承担)"
)
