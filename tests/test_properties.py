"""Property tests: arbitrary bytes and text never crash the loader or the tokenizer."""

import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matcher.errors import InputError
from matcher.io import load_grants, load_orgs

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(st.binary(max_size=2000))
def test_any_bytes_load_or_fail_cleanly(data):
    for loader in (load_grants, load_orgs):
        try:
            loader("upload.csv", data=data, warn=lambda m: None)
        except InputError as exc:
            assert "upload.csv" in str(exc)


cell = st.text(max_size=60)


@SETTINGS
@given(st.lists(st.lists(cell, min_size=3, max_size=5), min_size=1, max_size=6))
def test_any_org_table_loads_or_names_the_problem(rows):
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["org_id", "name", "profile", "founded_year", "fields"])
    w.writerows(rows)
    data = buf.getvalue().encode("utf-8")
    try:
        orgs = load_orgs("orgs.csv", data=data, warn=lambda m: None)
    except InputError as exc:
        assert "orgs.csv" in str(exc)
    else:
        assert len({o.org_id for o in orgs}) == len(orgs)
        assert all(o.org_id and o.name and o.profile for o in orgs)


@SETTINGS
@given(st.text(max_size=400))
def test_tokenizer_never_crashes_and_drops_nothing_meaningful(tokenizer, text):
    toks = tokenizer(text)
    assert all(isinstance(t, str) and len(t) >= 2 and t.strip() == t for t in toks)
    assert not set(toks) & tokenizer.stopwords


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=50),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=12,
)
profile_like = st.fixed_dictionaries(
    {},
    optional={
        "name": json_values, "profile": json_values | st.text(max_size=300), "founded_year": json_values,
        "legal_form": json_values, "fields": json_values, "women_led": json_values, "fulltime_staff": json_values,
    },
)


@SETTINGS
@given(json_values | profile_like)
def test_json_api_never_crashes_on_any_json(client, body):
    r = client.post("/api/match", json=body)
    assert r.status_code in (200, 400), r.get_data(as_text=True)[:300]
    assert r.is_json
    data = r.get_json()
    assert ("matches" in data) if r.status_code == 200 else ("error" in data)


@SETTINGS
@given(st.binary(max_size=300))
def test_json_api_rejects_any_bytes_cleanly(client, raw):
    r = client.post("/api/match", data=raw, content_type="application/json")
    assert r.status_code in (200, 400) and r.is_json
