"""Who may apply: the kinds of body a call names, read as one condition.

Real calls rarely say "须为非营利组织"; they say who applies — "申报主体须为
在民政部门登记的社会团体、社会服务机构或基金会", "参加者为本校学生",
"只收团队申报，个人申报一律不受理", "行业协会、商会…暂不受理". This module
reads those sentences with a small vocabulary of the bodies Chinese calls name
(the legal forms of the 社会组织 regulations, 备案 community groups, teams,
individuals, students, companies, public bodies), and the checker compares
them with what an organization plainly is (:func:`.profile._org_bodies`).

A body kind is one of :data:`BODIES`. A sentence names applicants when it has a
role word (申报主体, 参赛者, 面向, 只收 …) and kind words that are not the
people served (服务对象, 受助 …) nor a team the applicant must *have*
(有专业团队). Sentences with a strict word (须, 只, 仅, 限 …) are each a
group that must be met; the others (…均可申报) are alternatives and form one
group together; kinds in a refusing clause (不受理, 不能申请 …) are excluded,
unless the call offers a way in through a partner (合作, 以…名义, 推荐).
The condition's param::

    {"groups": [[accepted, maybe], ...], "exclude": [...], "partner": bool}

where ``accepted`` kinds are met, ``maybe`` kinds are unknown (a registered
body may well run a "团队"), and any other kind is unmet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["BODIES", "BODY_LABELS", "read_applicants"]

#: What an applicant can be.
BODIES = ("person", "student", "group", "filed", "assoc", "mutual", "service", "foundation", "company", "public")
BODY_LABELS = {
    "person": "个人", "student": "学生或学生团队", "group": "未登记的团队", "filed": "备案的社区社会组织",
    "assoc": "社会团体", "mutual": "行业协会、商会等互益性团体", "service": "社会服务机构（民办非企业单位）",
    "foundation": "基金会", "company": "企业", "public": "机关、事业单位、学校或村（居）委会",
}
_SOCIAL = ("assoc", "mutual", "service", "foundation")


@dataclass(frozen=True)
class _Kind:
    pattern: str
    accept: tuple[str, ...]
    maybe: tuple[str, ...] = ()
    #: what refusing this word refuses (default: what it accepts)
    refuse: tuple[str, ...] | None = None


#: Kind words of calls, most specific first (one alternation; the leftmost,
#: then the first listed, wins).
_KINDS = (
    _Kind(r"社区社会组织(?:联合会)?", ("filed", "assoc", "service")),
    _Kind(r"(?:大学生|高校|学生|青少年|校内|中小学|大专院校)(?:的)?(?:社团|创业团队|团队|志愿服务队|兴趣小组)"
          r"|(?:在校|在读|全日制)?(?:大学生|本科生|研究生|专科生|硕士生|博士生|中小学生)|在校学生|高校学生|本校学生",
          ("student",), ("person",)),
    _Kind(r"(?:未经?|尚未|还未|没有)(?:在[^，,、。；;]{0,8}?)?(?:登记|注册)(?:注册|登记)?的?[^，,、。；;]{0,8}?(?:社会组织|组织|团队|团体|小组)",
          ("group",), ("filed",)),
    _Kind(r"(?:行业协会|商会|职业团体|工会|同乡会|校友会)", ("mutual",)),
    # a volunteer organization or association may be registered or not
    _Kind(r"(?:青年)?志愿(?:者|服务)?(?:组织|协会|联合会)", ("group", "assoc", "service"), ("student", "filed", "person")),
    # in common use a grassroots team is a 公益组织 too; a 非营利单位 reads as a registered body
    _Kind(r"公益慈善组织|公益慈善机构|公益组织|公益机构|民间组织|草根组织|NGO|公益伙伴", (*_SOCIAL, "group", "filed")),
    _Kind(r"非营利性?[^，,、。；;和及或]{0,4}?(?:组织|单位|机构)", _SOCIAL, ("group", "filed")),
    _Kind(r"慈善组织", _SOCIAL),
    _Kind(r"社会组织", _SOCIAL),
    _Kind(r"社会团体|(?<![学校生居民年])社团", ("assoc", "mutual")),
    _Kind(r"社会服务机构|民办非企业(?:单位)?|民非", ("service",)),
    _Kind(r"基金会(?!资助|支持|合作|发起|的资助)", ("foundation",)),
    _Kind(r"研究机构|研究院|研究所|研究中心", ("public", "service"), ("company",)),
    _Kind(r"社会企业", ("company",), ("service",)),
    _Kind(r"机关企事业单位|企事业单位", ("company", "public")),
    _Kind(r"企业|公司(?!章程)|工商注册", ("company",)),
    _Kind(r"事业单位|(?<!管理)(?<!登记)(?<!党政)机关|村（居）民委员会|村\(居\)民委员会|村委会|居委会|党组织|团组织|群团组织"
          r"|科研(?:机构|单位|院所)|农村集体经济组织", ("public",)),
    _Kind(r"(?<!项目)(?<!实施)(?<!工作)(?<!专家)(?<!管理)(?<!执行)(?<!核心)(?<!专业)(?<!领导)(?<!评审)"
          r"(?:青年|志愿者?|志愿服务|民间|公益|社区|居民|创业|救援|应急救援)?(?:团队|团体|服务队|小组(?!办公室)|队伍|义工团)"
          r"|临时组织", ("group",), ("assoc", "mutual", "service", "foundation", "filed", "student", "person",
                                                   "company", "public")),
    _Kind(r"公民个人|个人(?!项目|救助|信息|账户|求助|捐|所得|简历)|自然人|社区能人|达人|专业人才|乡村教师|(?<!指导)教师"
          r"|(?<!的)志愿者(?!团队|服务|资源|组织|队)|公民|(?<!基层)居民(?!楼|区|委员会|社团|群众|小区)",
          ("person", "student"), refuse=("person",)),  # "个人申报不受理" leaves student teams in
)
_KIND_RE = re.compile("|".join(f"(?P<k{i}>{k.pattern})" for i, k in enumerate(_KINDS)))
#: Kinds that name people or teams: "有专业团队", "有指导教师" say what an applicant has, not what it is.
_MEMBER_KINDS = frozenset({"group", "person", "student"})

_SENTENCE = re.compile(r"[^。！!？?\n]+")
_CLAUSE = re.compile(r"[^，,：:（）()；;]+")
#: A clause that says who applies.
_ROLE = re.compile(
    r"(?:申报|申请|参赛|参与|承接|参评|参加|报名|征集|培育|支持|招募|资助|扶持|受理)(?:主体|单位|机构|方(?![向式面])|者|人|对象)"
    r"|(?:申请|申报|参赛|参与|参加)的|可申请者|被推荐人|面向|只收|只接受|仅接受|仅限|只限|限于|可以申报的有|可申报的"
    r"|(?:都|均|即|也|皆)可(?:以)?(?:申请|申报|报名|参赛|参加)|可以(?:申请|申报|报名|参赛)|都能报名|对象(?:为|是)"
    r"|以[^，,。；;]{0,20}为对象|由[^，,。；;]{0,20}(?:申报|参加|报名|提交)|向[^，,。；;]{0,20}征集"
    r"|只扶持|仅扶持|只资助|仅资助|(?:资助|表彰|奖励|扶持|支持|培育)[^，,。；;]{0,16}(?:公民|个人|团队|组织|机构)"
    r"|^\s*(?:[一二三四五六七八九十\d]+[、.．]\s*)?(?:须|必须|应|应当)(?:为|是)"
)
#: "活动面向全国城市、农村…": where the activity reaches, not who applies.
_NOT_ROLE = re.compile(r"(?:活动|宣传|服务|项目|课程|大赛|比赛|评选)(?:范围)?面向")
_STRICT = re.compile(r"须|必须|只|仅|限|一律|应为|应当是")
#: A sentence that opens everyone's door: the call has no rule on who applies.
_OPEN = re.compile(r"主体不限|对象不限|任何(?:单位|组织|机构|个人|人)|不限(?:申报|申请)?(?:主体|身份|类型|注册形式|登记形式|组织形式)"
                   r"|均可申报参评")
#: "其中…只收…", "A类板块…": a rule of one track, an alternative to the others.
_TRACK = re.compile(r"(?:^|[：:])\s*(?:其中|另外|此外|另设|[A-Za-z一二三四]类|[一二三四]是)"
                    r"|^\s*[^，,。；;：:]{1,12}(?:赛|赛道|类|组|板块|专项|子项目)[：:]")
#: Clauses whose subject is the people served, not the applicant.
_BENEFICIARY = re.compile(
    r"(?:服务对象|受助方|受助对象|受益对象|受益人|受益群体|受助人|帮扶对象|服务人群|受益地|受助学校)"
)
#: "为…提供…服务": the people a clause names after 为 are served by the applicant.
_SERVES = re.compile(r"为[^，,。；;]{1,30}?(?:提供|开展)")
_HAVING = re.compile(r"具有|具备|拥有|配备|组建|带领|指导|(?<![所没])有(?![志意效关])")
_REFUSE = re.compile(
    r"不受理|不予受理|不能(?:单独|直接)?(?:申请|申报|报名|报|参评|参加|参赛|作为)|不得(?:申请|申报|参加|参评)|不可(?:申请|申报)"
    r"|谢绝|不接受|一律不|暂不|请勿|不在(?:本次|本项目)?(?:支持|资助|申报|受理)(?:之列|范围)|不属于[^，,。]{0,6}(?:范围|对象)"
)
#: A refusal whose own subject is a thing or a time, not an applicant: "其他方式不受理", "逾期不予受理".
_OWN_SUBJECT = re.compile(r"方式|途径|渠道|材料|资料|文件|申报书|申请书|纸质|邮寄|逾期|过期|迟交|超时|延期|重复|不全|不符|其他")
_PARTNER = re.compile(r"合作|名义|推荐|依托|挂靠|托管")
_APPLY = re.compile(r"申报|申请|报名|参赛|参加")
#: A qualifier that narrows a refused kind to a subset ("有项目被清算的社会组织"): not a rule on the kind.
_QUALIFIED = re.compile(r"的$")
_REGISTERED_Q = re.compile(r"(?:登记|注册|备案|成立)(?:注册|登记)?的?$")


def _kinds_in(clause: str) -> list[tuple[int, _Kind]]:
    out = []
    for m in _KIND_RE.finditer(clause):
        i = next(int(name[1:]) for name, v in m.groupdict().items() if v is not None)
        out.append((m.start(), _KINDS[i]))
    return out


#: Kinds whose modifier can name the applicant's own field ("环保社会组织").
_FIELDED = frozenset(_SOCIAL)
#: A relative clause that says what an applicant's main work is ("从事环境公益工作的社会组织").
_MAIN_WORK = re.compile(r"从事|开展|致力于|专注|聚焦|专门|主要|以[^，,。；;]{0,12}为主")
#: Concepts that name a kind of organization rather than a field ("枢纽型社会组织", "社工机构").
_ORG_TYPE_CONCEPTS = frozenset({"sector_support", "social_work", "volunteering", "philanthropy_culture"})
_MODIFIER_START = re.compile(r".*(?:面向|对象(?:为|是)|主体(?:为|是|须为|须是)|须为|须是|只收|仅限|限于|为|是)")


def _field_of(modifier: str) -> list[str]:
    """Field concepts a modifier names ("开展国学传承的各类", "环保"), most named first."""
    from ..concepts import concept_table

    counts = concept_table().counts(_PLACE_NAMED.sub("", modifier), ("field",))
    return [cid for cid, _ in counts.most_common() if cid not in _ORG_TYPE_CONCEPTS]


#: A field word that names a kind of place ("乡村振兴重点帮扶地区", "生态保护示范区"): where, not what.
_PLACE_NAMED = re.compile(r"[^，,、。；;和及与或的]{1,8}?(?:重点|示范|试点|帮扶|工作)*(?:地区|区域|省份|片区|示范区)")


def _sentence_rule(sentence: str) -> tuple | None:
    """``(accepted, maybe, refused, partner, fields)`` of one sentence, or None when it names no
    applicants; ``fields`` are ``(concept_id, start, end)`` of a field the applicant itself must
    work in ("开展环保公益项目的环保社会组织"), with the span of its words in the sentence.

    A kind counts when its clause, or an earlier clause of the sentence, says
    who applies; kinds before any such clause wait for the next one: a clause
    that refuses them ("…，不能作为承接主体") or one that accepts them
    ("…，都可以参赛").
    """
    if not (_ROLE.search(_NOT_ROLE.sub("", sentence)) or _REFUSE.search(sentence)
            or (_PARTNER.search(sentence) and _APPLY.search(sentence))):
        return None
    accept: set[str] = set()
    maybe: set[str] = set()
    refused: set[str] = set()
    pending: list[tuple[_Kind, bool]] = []  # kinds waiting for their clause's verb, and whether qualified
    in_scope = False
    routed = False
    fields: list[tuple[str, int, int]] = []
    listing = False
    for pm in re.finditer(r"[^；;]+", sentence):
        part, offset = pm.group(0), pm.start()
        if not listing:
            in_scope = False  # a new "；" part opens a new scope, unless a list goes on
        listing = listing or re.search(r"包括[：:]?|[：:]\s*$", part) is not None
        for cm in _CLAUSE.finditer(part):
            clause = cm.group(0)
            if _BENEFICIARY.search(clause):
                continue
            served = _SERVES.search(clause)
            if served and not _KIND_RE.search(clause, served.end()):
                continue  # "须为附近社区的居民提供慈善服务": the people served, not who applies
            if _NOT_ROLE.search(clause):
                in_scope = False
                pending = []
                continue
            refusing = _REFUSE.search(clause) is not None
            via = not refusing and _PARTNER.search(part) is not None and _APPLY.search(part) is not None
            rm = _ROLE.search(clause)
            role = rm is not None
            kinds: list[tuple[_Kind, bool]] = []
            first_kind = None
            prev_end = 0
            for a, kind in _kinds_in(clause):
                first_kind = a if first_kind is None else first_kind
                if not refusing and set(kind.accept) & _FIELDED and (role or in_scope):
                    head = _MODIFIER_START.match(clause[:a])
                    # "大学生创业团队、外地社会组织": the modifier starts after the previous kind
                    start = max(head.end() if head else 0, prev_end)
                    if "的" not in clause[start:a]:
                        # no relative clause: only the words joined to the kind ("…和公益机构" → none)
                        sep = re.match(r".*(?:[、和及与或等]|以及)", clause[start:a])
                        start += sep.end() if sep else 0
                    modifier = clause[start:a]
                    # "弘扬传统文化的公益组织" says what it may do, not its main work: no field rule
                    main_work = "的" not in modifier or _MAIN_WORK.search(modifier) is not None
                    for cid in _field_of(modifier) if main_work else ():
                        fields.append((cid, offset + cm.start() + start,
                                       offset + cm.start() + a + len(_KIND_RE.match(clause, a).group(0))))
                before = clause[:a]
                if set(kind.accept) & _MEMBER_KINDS and _HAVING.search(before):
                    continue  # "有较专业的工作团队": what the applicant has, not what it is
                qualified = _QUALIFIED.search(before.rstrip()) is not None and not _REGISTERED_Q.search(before)
                if refusing and qualified:
                    continue  # "有项目被清算的社会组织不得申报": a subset, not the kind
                kinds.append((kind, qualified))
                prev_end = a + len(_KIND_RE.match(clause, a).group(0))
            if refusing and not kinds and _OWN_SUBJECT.search(clause[:_REFUSE.search(clause).start()]):
                pending = []  # "申报须通过…平台提交，其他方式不受理": the refusal is of something else
            elif refusing:
                for kind, qualified in pending + kinds:
                    if not qualified:
                        refused.update(kind.refuse or kind.accept)
                pending = []
            elif via and kinds:
                # "未登记的团队须经街道推荐后申报": a way in, to be confirmed
                for kind, _ in pending + kinds:
                    maybe.update(kind.accept)
                pending = []
                routed = True
            elif role or in_scope:
                # "…社会组织，以及个人都能报名": earlier kinds are the subject of the
                # predicate; a clause that opens with its role ("参与者是居民") leaves them out
                opens = role and kinds and first_kind is not None and rm.start() < first_kind
                for kind, _ in (kinds if opens else pending + kinds):
                    accept.update(kind.accept)
                    maybe.update(kind.maybe)
                pending = []
                in_scope = in_scope or role
            else:
                pending += kinds
    if "备案" in sentence and accept & set(_SOCIAL) and not re.search(r"备案[^，,。]{0,12}(?:不能|不得|不可)", sentence):
        accept.add("filed")
    if not accept and not refused:
        return None
    return (accept, maybe - accept, refused, routed or (bool(refused) and _PARTNER.search(sentence) is not None),
            fields)


def read_applicants(text: str) -> tuple[int, int, dict] | None:
    """``(start, end, param)`` of the applicant rule of ``text``, or ``None``.

    ``start:end`` spans the sentences it was read from (the evidence).
    """
    strict_groups: list[tuple[set[str], set[str]]] = []
    field_ids: list[str] = []
    field_span: list[int] = []
    loose: tuple[set[str], set[str]] = (set(), set())
    exclude: set[str] = set()
    partner = False
    span: list[int] = []
    for sm in _SENTENCE.finditer(text):
        rule = _sentence_rule(sm.group(0))
        if rule is None:
            continue
        if _OPEN.search(sm.group(0)):
            return None  # "申报主体不限，任何单位或个人都能报名"
        accept, maybe, refused, via_partner, fields = rule
        span += [sm.start(), sm.end()]
        for cid, a, b in fields:
            if cid not in field_ids:
                field_ids.append(cid)
                field_span += [sm.start() + a, sm.start() + b]
        exclude |= refused
        partner = partner or via_partner
        if accept and _STRICT.search(sm.group(0)) and not _TRACK.search(sm.group(0)):
            strict_groups.append((accept, maybe))
        elif accept:
            loose[0].update(accept)
            loose[1].update(maybe)
    groups = [*strict_groups]
    if loose[0]:
        groups.append((loose[0], loose[1] - loose[0]))
    if not groups and not exclude:
        return None
    # a kind the call refuses by name is out, even where a broader word let it in
    # ("社会组织…；行业协会、商会…暂不受理")
    param = {
        "groups": [[sorted(a - exclude, key=BODIES.index), sorted(m - a - exclude, key=BODIES.index)]
                   for a, m in groups if a - exclude],
        "exclude": sorted(exclude, key=BODIES.index),
        "partner": partner,
    }
    if field_ids:
        param["fields"] = field_ids
        param["field_span"] = [min(field_span), max(field_span)]
    if not param["groups"] and not param["exclude"]:
        return None
    # evidence: from the first sentence read to the last, trimmed of edge spaces
    a, b = min(span), max(span)
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b, param
