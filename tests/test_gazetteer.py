"""Places from the national division table: names, addresses, containment."""

from __future__ import annotations

import pytest

from matcher.gazetteer import gazetteer, within


@pytest.mark.parametrize(
    ("text", "name", "province"),
    [
        ("湘西", "湘西土家族苗族自治州", "湖南省"),
        ("阿坝州", "阿坝藏族羌族自治州", "四川省"),
        ("黔南", "黔南布依族苗族自治州", "贵州省"),
        ("遵义", "遵义市", "贵州省"),
        ("大理州宾川县", "宾川县", "云南省"),
        ("湖南湘西州凤凰县", "凤凰县", "湖南省"),
        ("北京市海淀区", "海淀区", "北京市"),
        ("邯郸涉县", "涉县", "河北省"),
        ("广西", "广西壮族自治区", "广西壮族自治区"),
    ],
)
def test_names_and_addresses_resolve_to_their_division(text, name, province):
    gz = gazetteer()
    place = gz.resolve(text)
    assert place is not None and place.name == name
    assert gz.province(place).name == province


def test_an_ambiguous_name_is_settled_by_the_others_or_stays_unknown():
    gz = gazetteer()
    assert gz.resolve("朝阳区") is None  # Beijing's or Changchun's
    assert gz.province(gz.resolve("北京朝阳区")).name == "北京市"
    assert gz.resolve("吉林").level == 1  # the province, not the city
    assert gz.resolve("宾川") is None  # a county's bare two characters are too often a word


def test_within_follows_the_codes():
    gz = gazetteer()
    county, pref, prov = gz.resolve("宾川县"), gz.resolve("大理"), gz.resolve("云南")
    assert within(county, pref) and within(pref, prov) and within(county, prov)
    assert not within(prov, county)
    assert not within(county, gz.resolve("四川"))


def test_scan_takes_the_longest_name_and_leaves_words_alone():
    spans = [(m.surface) for m in gazetteer().scan("在黔南布依族苗族自治州都匀市开展服务")]
    assert spans == ["黔南布依族苗族自治州", "都匀市"]
    assert gazetteer().scan("关注社区发展") == []
