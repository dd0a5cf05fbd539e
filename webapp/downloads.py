"""Report downloads: the CLI's CSV/XLSX report, for one organization or for all (read from the rankings store)."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence

from flask import Blueprint, current_app, request, send_file

from matcher.errors import InputError, NotFoundError
from matcher.records import Org
from matcher.report import (
    PROGRAMME_SHEET,
    REPORT_SHEET,
    ZH_PROGRAMME_SHEET,
    programmes_of,
    report_rows,
    write_csv,
    write_xlsx,
    zh_sheet,
    zh_values,
)
from matcher.xlsx import Sheet

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


def send_table(rows: Iterable[dict], sheet: Sheet, stem: str, fmt: str, *,
               programmes: Callable[[Sequence[str]], Iterable[dict]] | None = None,
               programme_sheet: Sheet = PROGRAMME_SHEET):
    """Rows (dicts keyed by ``sheet.columns``) as a CSV (UTF-8 with BOM) or XLSX attachment ``stem.fmt``.

    Both carry the sheet's header labels; the XLSX is laid out by
    :mod:`matcher.xlsx` (with ``programmes`` as a second sheet when given).
    """
    name = f"{stem}.{fmt}"
    if fmt == "xlsx":
        buf = io.BytesIO()
        write_xlsx(rows, buf, sheet, programmes=programmes, programme_sheet=programme_sheet)
        buf.seek(0)
        return send_file(buf, mimetype=XLSX, as_attachment=True, download_name=name, max_age=0)
    text = io.StringIO()
    labels = [sheet.label(c) for c in sheet.columns]
    write_csv(({sheet.label(c): r.get(c, "") for c in sheet.columns} for r in rows), text, labels)
    data = io.BytesIO(("\ufeff" + text.getvalue()).encode("utf-8"))  # BOM: Excel on Chinese Windows
    return send_file(data, mimetype="text/csv", as_attachment=True, download_name=name, max_age=0)


def _send(orgs: list[Org], stem: str, fmt: str):
    """The report: in Chinese for people (the XLSX's default, or ``?lang=zh``; with the tracker's columns
    for those who may see marks), the machine columns for the CSV (default) or ``?lang=en``."""
    dated = {"as_of": as_of(), "stale_after_days": int(current_app.config["STALE_AFTER_DAYS"])}
    rows = report_rows(_results(orgs), **dated)
    programmes = programmes_of(get_state().matcher, **dated)
    name = f"{stem}-{as_of().isoformat()}"
    lang = request.args.get("lang") or ("zh" if fmt == "xlsx" else "en")
    if lang == "zh":
        marks = None
        if notes_visible():
            found = entries_of_orgs(get_db(), [o.org_id for o in orgs])
            marks = {k: (e.status, e.note) for k, e in found.items()}
        return send_table(zh_values(rows, tracker=marks), zh_sheet(tracker=marks is not None), name, fmt,
                          programmes=programmes, programme_sheet=ZH_PROGRAMME_SHEET)
    return send_table(rows, REPORT_SHEET, name, fmt, programmes=programmes)


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
