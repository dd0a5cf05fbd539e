"""Read the hard eligibility conditions of a programme and check an org.

A funder's "资助对象" paragraph mixes hard conditions (注册满1年, 20-40岁的
个人) with wishes (有详细可行的项目计划). This package reads only the hard
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

``applicant_type``
    who may apply, as kinds of body (:data:`.applicants.BODIES`: person,
    student, group, filed, assoc, mutual, service, foundation, company,
    public): ``{"groups": [[accepted, maybe], ...], "exclude": [...],
    "partner": bool}``. Every group must be met (a strict sentence each; the
    permissive sentences together form one); a body in ``maybe`` is unknown,
    one in ``exclude`` unmet unless ``partner`` (a way in through a partner
    or a recommendation). Read from the sentences that name applicants
    (:mod:`.applicants`).
``rating``
    the minimum 评估等级 (``3`` for 3A以上); the org's ``rating`` or "评上3A".
``inspection``
    年检 / 年报合格: ``True``, ``{"year": 2024}`` or ``{"years": 3}``. Generic
    good standing: met unless the record says it failed (an old last pass is
    asked).
``charity``, ``public_fundraising``
    ``True`` (a recognized 慈善组织; 公开募捐资格); ``public_fundraising`` may
    be ``"host"``: without 公募 status, through a 公募 host.
``unread``
    a requirement clause of the eligibility text no condition was read from
    (param and evidence: the clause); always unknown, so "eligible" means
    every requirement was read and met (:mod:`.unread`).

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
  ``has_staff``, ``women``, ``inspection``, ``charity``,
  ``public_fundraising``);
* ``applicant_type=assoc|service|foundation|?group & student & -company|partner``:
  groups joined by ``&``, kinds by ``|`` (keys or Chinese names); ``?kind``
  to confirm, ``-kind`` refused, ``partner`` a way in through a partner;
  ``rating=3``; ``inspection=2024`` or ``inspection=近3年``;
  ``public_fundraising=host``; ``-unread`` drops every unread clause;
* ``checked=<clause>`` is not a condition: it records that staff read a
  requirement clause the reader left unread and checked it by hand
  (:func:`checked_clauses` lists them; clauses are compared by
  :func:`clause_key`, without spaces or punctuation).

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

from .checker import assess, check, condition_key, is_expired
from .manual import checked_clauses, checked_rule, clause_key, parse_manual
from .reader import read_conditions, unread_requirements
from .record import KINDS, Condition
from .record import NONPROFIT_FORMS as NONPROFIT_FORMS

__all__ = [
    "KINDS",
    "Condition",
    "assess",
    "checked_clauses",
    "checked_rule",
    "clause_key",
    "condition_key",
    "check",
    "is_expired",
    "parse_manual",
    "read_conditions",
    "unread_requirements",
]
