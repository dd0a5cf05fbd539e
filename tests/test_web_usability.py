"""What staff see and do (issue 16): labels people read, thin profiles, tracker board, advice, uploads, API docs."""

from __future__ import annotations

import re

from conftest import text

from matcher.labels import score_labels

# -- 1. scores people understand -------------------------------------------------------


def _section(html: str, start: str, end: str) -> str:
    return html.split(start, 1)[1].split(end, 1)[0]


def test_a_score_has_a_label_and_the_page_states_the_thresholds(client):
    html = text(client.get("/orgs/yinghuo"))
    lab = score_labels()
    assert f"高度契合：匹配度 ≥ {lab.high:.2f}" in html and f"较契合：{lab.mid:.2f}–{lab.high:.2f}" in html
    assert "匹配度是机构介绍与项目文字的相似度" in html
    card = _section(html, 'id="g-xiangcun-yuedu"', "</article>")
    assert '0.439</span> <span class="fit fit-high">高度契合</span>' in card


def test_programmes_sharing_nothing_are_not_recommended_but_listed_apart(client):
    html = text(client.get("/orgs/yinghuo", query_string={"top": 50}))
    recommended = _section(html, 'id="ranked-h"', "</section>")
    others = _section(html, '<details class="others"', "</details>")
    assert "其他项目" in others
    assert "没有共同关键词" not in recommended
    for card in re.findall(r'<article class="match.*?</article>', recommended, re.S):
        assert "理由：<mark>" in card
    for card in re.findall(r'<article class="match.*?</article>', others, re.S):
        assert "没有共同关键词" in card


def test_a_programme_page_lists_unrelated_organizations_apart(client):
    html = text(client.get("/grants/xiangcun-yuedu"))
    fits = _section(html, '<ol class="fits">', "</ol>")
    assert "秦皇岛市萤火社会工作服务中心" in fits and "唐山同德社会工作服务中心" not in fits
    others = _section(html, '<details class="others">', "</details>")
    assert "其他机构（5 家" in others and "唐山同德社会工作服务中心" in others


# -- 2. thin profiles ---------------------------------------------------------------------


def test_a_thin_profile_is_said_to_be_thin_with_what_to_add(client):
    html = text(client.get("/orgs/tongde"))
    assert "介绍太单薄" in html and "做什么、为谁" in html
    assert "按现有介绍排出的项目（仅供参考）" in html
    assert "介绍太单薄" not in text(client.get("/orgs/yinghuo"))


def test_the_home_card_of_a_thin_profile_hides_its_generic_top_three(client):
    html = text(client.get("/"))
    cards = html.split('<li class="card org-card')[1:]
    thin = [c for c in cards if "唐山同德社会工作服务中心" in c][0]
    assert "介绍太单薄" in thin and '<details class="thin-top">' in thin
    rich = [c for c in cards if "秦皇岛市萤火社会工作服务中心" in c][0]
    assert "介绍太单薄" not in rich and "<details" not in rich
