"""Requirement clauses the reader did not read: what keeps a ✓ honest.

A funder's eligibility text states requirements in words the reader may not
know ("开展心理援助公益项目不少于3年", "须为参加2021年99公益日的项目"). Saying
"eligible" because nothing *was read* would be the most expensive mistake the
product can make. So every clause of the eligibility text that states a
requirement (须, 应, 必须, 仅限, 不得, 要求, 以上, 满 …) and that the reader
did not turn into a condition becomes a condition of its own, kind
``unread``, always *unknown*: the verdict can then be "eligible" only when
every requirement was read and met.

A clause counts as read when a condition's evidence overlaps it, and as not
about the applicant when it speaks of the project (its design, budget, place,
beneficiaries), the application process (materials, deadlines, review), a
cap on applications, or generic good standing (健全的财务制度, 无违法违规记录,
年检合格) — those are presumed met, as a careful reader presumes them. Wishes
(优先, 鼓励, 原则上) are not requirements. What remains is shown to people as
"未能自动核对的条件", to confirm by hand or to mark as checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .patterns import NOT_REQUIRED

__all__ = ["unread_clauses"]

#: Words that make a clause a requirement.
_REQUIREMENT = re.compile(
    r"须(?!知)|必须|(?<![相适响对反供效])应(?!急|用|对|届|邀|聘|征)|需(?!求|要时)|仅限|限于|只接受|不接受|不得|不能"
    r"|不符合|不予|要求|以上|(?<![圆充自])满(?!意|怀|分)|不超过|不足|以个人名义|只收|只面向|仅面向|方可|才能|一律"
    r"|具备|具有|持有|取得"
)
#: Wishes, not requirements.
_WISH = re.compile(r"优先|鼓励|原则上|欢迎|倾向|尤其|最好|建议|可适当|酌情|不限|均可|皆可|都可|可以"
                   r"|无[^，,。；;]{0,8}要求|不要求|不作要求|不做要求|无需|无须|不需")
#: Words that only frame other clauses ("须同时满足：", "以下情形不得申报"): no requirement of their own.
_FRAME = re.compile(
    r"须|必须|应当?|需|要求|同时|均|都|还|并|且|满足|符合|具备|以下|下列|如下|任何|一种|任一|情形|情况|条件|之一|其一"
    r"|三者|两者|两项|即可|一律|不得|不能|不予|申报|申请|参加|参评|报名|受理|今年|本年度|当年|再|的|者|可|[\d一二三四五六七八九十]"
)
#: Notes on what a page did not say, or a requirement said not to exist: no requirement of the funder's.
_META = re.compile(r"未说明|没有说明|没有提到|未提到|未展开|不详|截断|所读|报道|页面|原文|为准|详见|另行|" + NOT_REQUIRED)
#: A clause that only announces the list of requirements after it: "参赛组织须同时满足", "申报单位应符合以下条件".
_ANNOUNCES = re.compile(r"(?:须|需|应当?|必须)?(?:同时)?(?:满足|符合|具备)(?:以下|下列|如下)?(?:全部|所有|各项)?(?:条件|要求|资格)?$")
#: A clause about the project, the process, a cap or generic good standing: presumed, not checked.
_NOT_APPLICANT = re.compile(
    # the project (but not the applicant's record of projects: "开展…项目不少于3年")
    r"项目(?:须|应|需|要|必须|应当|需要)?(?:符合|围绕|面向|在|落地|立足|具有|体现|为|是|实施|执行|周期|预算|经费|资金|内容"
    r"|设计|方案)|项目(?:不得|不能|不可|不应)|活动(?:须|应)|服务对象|受益|受助|覆盖|落地|实施地|执行期|周期|预算|经费|资金|配套|自筹|费用"
    r"|管理费|用途|用于|成效|评估|可持续|创新|可行|原创|方案|计划书|选题|设计|内容|主题|方向|领域|目标"
    # the process
    r"|提交|报送|递交|申报书|申请书|申请表|材料|附件|截止|日期|时间|邮箱|网址|下载|填写|盖章|签订|协议|合同|评审|答辩|路演"
    r"|公示|初审|复审|考察|联系|电话|报名系统|平台|登录|账号|推荐表|承诺|如实|真实|诚信|了解|咨询|\d{1,2}月\d{1,2}日(?:前|之前|以前)"
    # caps on applications
    r"|每个|每家|每位|每人|最多|至多|限报|只能报|只能申报|一个项目|不重复|重复申报|重复申请|同一|同时(?:担任|申报|承担|申请)"
    # generic good standing
    r"|财务|会计|核算|账户|账号|票据|发票|税|社保|治理|制度|章程|规范|健全|良好|信誉|信用|违法|违规|失信|异常|处罚"
    r"|纠纷|黑名单|不良记录|年检|年度检查|年报|审计|办公场所|场地|独立承担|民事责任|遵守|法律法规|政治|党建|党组织|意识形态|宗教"
    # earlier winners are out: presumed not to be one, as good standing is presumed
    r"|(?:已获|获得过|曾获|往届|历届|上届|上年度|已有|已经获得|入选过)[^，,。；;]{0,30}(?:不能|不得|不再|不予|不可)"
    # the way in and the team's make-up
    r"|合作|名义|同意|批准|审核|推荐|指导教师|指导老师|每队|每组|团队人数|筹|开展服务|提供服务"
)
_CLAUSES = re.compile(r"[^，,。；;！!？?\n：:]+")
_ENUMERATOR = re.compile(r"^\s*(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]|[①-⑩])\s*")


def _covered(text: str, evidence: Iterable[str]) -> bytearray:
    """1 for every character of ``text`` some evidence string covers (each
    distinct string once: a long text may repeat one phrase thousands of times)."""
    covered = bytearray(len(text))
    for ev in {e.strip() for e in evidence if e and e.strip()}:
        i = text.find(ev)
        while i >= 0:
            covered[i:i + len(ev)] = b"\x01" * len(ev)
            i = text.find(ev, i + len(ev))
    return covered


def unread_clauses(text: str, read_evidence: Sequence[str]) -> list[tuple[int, int]]:
    """``(start, end)`` of each requirement clause of ``text`` no condition was read from.

    Parameters
    ----------
    text : str
        The eligibility text.
    read_evidence : sequence of str
        Evidence of the conditions read from it (exact substrings).
    """
    covered = _covered(text, read_evidence)
    in_wish = bytearray(len(text))  # characters of sentences that are wishes ("…，同等条件下优先")
    for m in re.finditer(r"[^。；;！!？?\n]+", text):
        if _WISH.search(m.group(0)):
            in_wish[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    out: list[tuple[int, int]] = []
    for m in _CLAUSES.finditer(text):
        a, b = m.start(), m.end()
        clause = m.group(0)
        head = _ENUMERATOR.match(clause)
        if head:
            a += head.end()
            clause = clause[head.end():]
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        clause = text[a:b]
        if len(clause) < 4 or not _REQUIREMENT.search(clause):
            continue
        if _WISH.search(clause) or _META.search(clause) or _NOT_APPLICANT.search(clause):
            continue
        if in_wish[a] and not re.search(r"须|必须|不得|不能", clause):
            continue  # "…，或受委托并有突出贡献的，同等条件下优先": the sentence is a wish
        if len(re.sub(r"[^\u4e00-\u9fff]", "", _FRAME.sub("", clause))) < 3 or _ANNOUNCES.search(clause):
            continue  # "须同时满足", "以下情形不得申报": a frame for other clauses
        if b"\x01" in covered[a:b]:
            continue
        out.append((a, b))
    return out
