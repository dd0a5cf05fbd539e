"""Pages that stay small: organizations, the overview and programmes a page at a time, with search, filters and sort."""

from __future__ import annotations

import re
import sys
from datetime import date

import pytest
from conftest import ROOT, text

sys.path.insert(0, str(ROOT))

from bench import synth  # noqa: E402

AS_OF = date(2026, 6, 1)
N_ORGS, N_GRANTS = 47, 120


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    from matcher.io import load_grants, load_orgs
    from matcher.model import MatchModel
    from matcher.rank import Matcher

    d = tmp_path_factory.mktemp("lists")
    gpath, opath = synth.write_grants(d / "g.csv", N_GRANTS), synth.write_orgs(d / "o.csv", N_ORGS)
    grants = load_grants(gpath)
    return gpath, opath, Matcher(MatchModel().fit(grants), grants), load_orgs(opath)


@pytest.fixture()
def client(tmp_path, corpus):
    from webapp import create_app

    gpath, opath, matcher, _ = corpus
    app = create_app({"TESTING": True, "MATCHER": matcher, "GRANTS_PATH": str(gpath), "ORGS_PATH": str(opath),
                      "AS_OF": AS_OF.isoformat(), "SECRET_KEY": "t"}, instance_path=str(tmp_path / "inst"))
    return app.test_client()


def _cards(html: str) -> list[str]:
    """Organization ids of the home page's cards, in order."""
    return [re.search(r'href="/orgs/([^"]+)"', c).group(1) for c in html.split('class="card org-card"')[1:]]


def test_home_lists_organizations_twenty_at_a_time(client, corpus):
    orgs = corpus[3]
    first = text(client.get("/"))
    assert _cards(first) == [o.org_id for o in orgs[:20]]
    assert "第 1–20 家，共 47 家" in first and 'rel="next"' in first and 'rel="prev"' not in first
    last = text(client.get("/", query_string={"page": "3"}))
    assert _cards(last) == [o.org_id for o in orgs[40:]] and 'rel="next"' not in last
    assert _cards(text(client.get("/", query_string={"page": "99"}))) == _cards(last)  # clamped
    assert _cards(text(client.get("/", query_string={"page": "x"}))) == _cards(first)
    seen = [i for p in (1, 2, 3) for i in _cards(text(client.get("/", query_string={"page": str(p)})))]
    assert seen == [o.org_id for o in orgs]


def test_home_search_by_name_city_and_field(client, corpus):
    orgs = corpus[3]
    city = orgs[0].city
    html = text(client.get("/", query_string={"city": city}))
    assert _cards(html) == [o.org_id for o in orgs if o.city == city][:20] and "家，共 47 家" in html
    field = orgs[1].fields[0]
    assert _cards(text(client.get("/", query_string={"field": field}))) == \
        [o.org_id for o in orgs if field in o.fields][:20]
    name_part = orgs[5].name[3:6]
    want = [o.org_id for o in orgs if name_part in o.name]
    assert orgs[5].org_id in want and _cards(text(client.get("/", query_string={"q": name_part}))) == want[:20]
    assert "没有符合条件的机构" in text(client.get("/", query_string={"q": "不存在的名字"}))


def test_home_sorts_and_its_page_links_keep_the_search(client, corpus):
    orgs = corpus[3]
    by_name = _cards(text(client.get("/", query_string={"sort": "name"})))
    assert by_name == [o.org_id for o in sorted(orgs, key=lambda o: o.name)][:20]
    html = text(client.get("/", query_string={"sort": "score"}))
    scores = [float(x) for x in re.findall(r'<ol class="top3">\s*<li class="[a-z]+">.*?<span class="num"[^>]*>([\d.]+)<',
                                          html, re.S)]
    assert len(scores) == 20 and scores == sorted(scores, reverse=True)
    nxt = re.search(r'<a href="([^"]+)" rel="next">', html).group(1)
    assert "sort=score" in nxt and "page=2" in nxt
    assert _cards(text(client.get("/", query_string={"sort": "nonsense"})))[:3] == [o.org_id for o in orgs[:3]]


def test_every_home_card_has_its_top_three_from_the_ranking(client, corpus):
    from matcher.rank import recommend

    matcher, orgs = corpus[2], corpus[3]
    html = text(client.get("/", query_string={"page": "2"}))
    for card, org in zip(html.split('class="card org-card"')[1:], orgs[20:40], strict=True):
        ids = re.findall(r'href="/grants/([^"]+)"', card)
        assert ids == [m.grant.grant_id for m in recommend(matcher, org, top=3, as_of=AS_OF)]


def test_overview_pages_fifty_organizations(tmp_path, corpus):
    from webapp import create_app

    gpath, opath, matcher, orgs = corpus
    many = tmp_path / "orgs.csv"
    synth.write_orgs(many, 120)
    app = create_app({"TESTING": True, "MATCHER": matcher, "GRANTS_PATH": str(gpath), "ORGS_PATH": str(many),
                      "AS_OF": AS_OF.isoformat(), "SECRET_KEY": "t"}, instance_path=str(tmp_path / "inst"))
    client = app.test_client()
    html = text(client.get("/overview", query_string={"k": "10"}))
    assert html.count("<tr>") == 51 and html.count('<td class="cell') == 500
    assert "第 1–50 家机构，共 120 家" in html
    nxt = re.search(r'<a href="([^"]+)" rel="next">', html).group(1)
    assert "k=10" in nxt and "page=2" in nxt
    assert text(client.get("/overview", query_string={"page": "3"})).count("<tr>") == 21


def test_programmes_fifty_at_a_time_and_search_results_too(client, corpus):
    matcher = corpus[2]
    first = text(client.get("/grants"))
    ids = re.findall(r'<h2 class="h3"><a href="/grants/([^"]+)"', first)
    assert ids == [g.grant_id for g in matcher.grants[:50]] and "共 120 个项目" in first
    third = re.findall(r'<h2 class="h3"><a href="/grants/([^"]+)"', text(client.get("/grants?page=3")))
    assert third == [g.grant_id for g in matcher.grants[100:]]
    found = text(client.get("/grants", query_string={"q": "儿童"}))
    total = int(re.search(r"搜索结果：(\d+) 个项目", found).group(1))
    assert total > 50 and found.count('<h2 class="h3">') == 50
    assert "q=%E5%84%BF%E7%AB%A5" in re.search(r'<a href="([^"]+)" rel="next">', found).group(1)


def test_programme_page_lists_organizations_for_it(client, corpus):
    from matcher.rank import orgs_for_grant

    matcher, orgs = corpus[2], corpus[3]
    gid = matcher.grants[7].grant_id
    html = text(client.get(f"/grants/{gid}", query_string={"top": "20"}))
    shown = re.findall(r'<li class="[a-z]+">\s*<a href="/orgs/([^"#]+)#g-', html)
    assert shown == [f.org.org_id for f in orgs_for_grant(matcher, gid, orgs, top=20, as_of=AS_OF)]
    assert re.search(r"本项目在 \d+ 家机构的前 3 个推荐中", html)
    assert len(re.findall(r'<li class="[a-z]+">\s*<a href="/orgs/', text(client.get(f"/grants/{gid}")))) == 10


def test_page_arithmetic():
    from webapp.listing import page_links, paginate

    p = paginate(list(range(95)), 4, 20)
    assert (p.number, p.pages, p.total, p.first, list(p.items)) == (4, 5, 95, 61, list(range(60, 80)))
    links = page_links(p, {"q": "x", "page": "4", "city": ""})
    assert links.prev == {"q": "x", "page": "3"} and links.next == {"q": "x", "page": "5"}
    assert [n for n, _ in links.numbers] == [1, 2, 3, 4, 5]
    far = page_links(paginate(list(range(1000)), 25, 20), {})
    assert [n for n, _ in far.numbers] == [1, None, 23, 24, 25, 26, 27, None, 50]
    assert far.numbers[0][1] == {} and paginate([], 3, 20).pages == 1
