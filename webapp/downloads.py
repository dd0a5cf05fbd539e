"""Report downloads: the CLI's CSV/XLSX report, for one organization or for all (read from the rankings store)."""

from __future__ import annotations

import io
from collections.abc import Iterable

from flask import Blueprint, request, send_file

from matcher.errors import InputError, NotFoundError
from matcher.records import Org
from matcher.report import REPORT_COLUMNS, report_rows, write_csv, write_xlsx, zh_columns, zh_rows

from . import present, rankstore
from .db import get_db
from .state import as_of, get_state
from .tracker import entries_of_orgs, notes_visible

bp = Blueprint("downloads", __name__)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _results(orgs: Iterable[Org]):
    try:
        top = present.parse_top(request.args.get("top"), 5)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    opts = present.Options.from_args(request.args)
    return rankstore.ranked_many(get_state(), orgs, top=top, hide_ineligible=opts.hide_ineligible,
                                 hide_expired=opts.hide_expired)


def send_table(rows, columns, stem: str, fmt: str):
    """Rows (dicts) as a CSV (UTF-8 with BOM) or XLSX attachment named ``stem-….fmt``."""
    name = f"{stem}.{fmt}"
    if fmt == "xlsx":
        buf = io.BytesIO()
        write_xlsx(rows, buf, columns)
        buf.seek(0)
        return send_file(buf, mimetype=XLSX, as_attachment=True, download_name=name, max_age=0)
    text = io.StringIO()
    write_csv(rows, text, columns)
    data = io.BytesIO(("\ufeff" + text.getvalue()).encode("utf-8"))  # BOM: Excel on Chinese Windows
    return send_file(data, mimetype="text/csv", as_attachment=True, download_name=name, max_age=0)


def _send(orgs: list[Org], stem: str, fmt: str):
    """The report: XLSX in Chinese for people (with the tracker's columns for those who may see marks),
    CSV with the machine columns unless ``?lang=zh``."""
    rows = report_rows(_results(orgs))
    if fmt == "xlsx" or request.args.get("lang") == "zh":
        marks = None
        if notes_visible():
            found = entries_of_orgs(get_db(), [o.org_id for o in orgs])
            marks = {k: (e.status, e.note) for k, e in found.items()}
        return send_table(zh_rows(rows, tracker=marks), zh_columns(tracker=marks is not None),
                          f"{stem}-{as_of().isoformat()}", fmt)
    return send_table(rows, REPORT_COLUMNS, f"{stem}-{as_of().isoformat()}", fmt)


def _org(org_id: str) -> Org:
    o = get_state().org(org_id)
    if o is None:
        raise NotFoundError(f"没有编号为“{org_id}”的机构")
    return o


@bp.get("/report.<any(csv, xlsx):fmt>")
def report_all(fmt: str):
    """All organizations' recommendations (``?top=K``, default 5)."""
    return _send(list(get_state().orgs), "grant-matcher-report", fmt)


@bp.get("/orgs/<org_id>/report.<any(csv, xlsx):fmt>")
def report_org(org_id: str, fmt: str):
    """One organization's recommendations."""
    return _send([_org(org_id)], f"report-{org_id}", fmt)
