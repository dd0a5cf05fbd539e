"""Command line: ``grant-matcher build | report | match | conditions | serve``.

A thin layer: parse arguments, call the library, print. Every
:class:`~matcher.errors.MatcherError` becomes one line on stderr and exit
status 2; a traceback means a bug in this program, not in the user's file.
"""

from __future__ import annotations

import argparse
import gc
import logging
import sys
from datetime import date
from pathlib import Path

from .errors import InputError, MatcherError

__all__ = ["main"]

log = logging.getLogger("matcher")

PROJECT_DIR = Path(__file__).resolve().parent.parent
BUNDLED_GRANTS = PROJECT_DIR / "data" / "grants.csv"
BUNDLED_ORGS = PROJECT_DIR / "data" / "orgs.csv"


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应为 YYYY-MM-DD：{value!r}") from None


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"应为正整数：{value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"应为正整数：{value!r}")
    return n


def _add_grants(p: argparse.ArgumentParser, required: bool = False) -> None:
    p.add_argument("--grants", default=None if required else str(BUNDLED_GRANTS), required=required,
                   metavar="F", help="资助项目文件 (CSV/XLSX)" + ("" if required else "，默认为自带数据"))
    p.add_argument("--encoding", default=None, help="强制输入文件编码，如 gbk（默认自动识别）")


def _add_model(p: argparse.ArgumentParser) -> None:
    p.add_argument("--model", default=None, metavar="PATH",
                   help="模型文件；缺失或与数据不符时自动重建（默认：按数据生成的缓存文件）")
    p.add_argument("--jobs", type=int, default=1, metavar="N",
                   help="分词使用的进程数（-1 为全部核心；结果相同）")


def _add_ranking(p: argparse.ArgumentParser, top: int) -> None:
    p.add_argument("--top", type=_positive, default=top, metavar="K", help=f"每个机构推荐几个项目（默认 {top}）")
    p.add_argument("--as-of", type=_date, default=None, metavar="YYYY-MM-DD",
                   help="判断注册年限与截止日期所用的日期（默认今天），使报告可复现")
    p.add_argument("--hide-ineligible", action="store_true", help="不列出不符合硬性条件的项目")
    p.add_argument("--hide-expired", action="store_true", help="不列出已过截止日期的项目")
    p.add_argument("--stale-after", type=_positive, default=365, metavar="DAYS",
                   help="资讯日期早于这么多天的项目标注“资讯可能已过期，请核实”（默认 365）")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="grant-matcher",
        description="资助匹配：为社会组织推荐合适的资助项目，并说明理由。",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="不显示警告")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("build", help="建立并保存模型")
    _add_grants(p)
    _add_model(p)

    p = sub.add_parser("report", help="批量报告：所有机构的推荐 (CSV/XLSX)")
    p.add_argument("--orgs", default=str(BUNDLED_ORGS), metavar="F", help="机构文件 (CSV/XLSX)")
    _add_grants(p)
    _add_model(p)
    _add_ranking(p, 5)
    p.add_argument("--out", default=None, metavar="F", help="输出文件（.csv 或 .xlsx；默认输出到屏幕）")
    p.add_argument("--lang", choices=("en", "zh"), default=None,
                   help="列名与取值：en 为程序读取的英文列（CSV 的默认），zh 为中文列名和取值（XLSX 的默认）")

    p = sub.add_parser("match", help="为一个机构或一段描述推荐项目")
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--org-id", metavar="ID", help="机构文件中的机构编号")
    who.add_argument("--text", metavar="TEXT", help="一段机构介绍文字")
    p.add_argument("--orgs", default=str(BUNDLED_ORGS), metavar="F", help="机构文件")
    _add_grants(p)
    _add_model(p)
    _add_ranking(p, 5)

    p = sub.add_parser("conditions", help="列出从每个项目文字中读出的硬性条件及其依据")
    _add_grants(p)

    p = sub.add_parser("evaluate", help="用人工判断评测排序质量（与 BM25、TF-IDF 基线对比）")
    p.add_argument("--orgs", required=True, metavar="F", help="机构文件")
    _add_grants(p, required=True)
    p.add_argument("--qrels", required=True, metavar="F", help="判断文件：org_id, grant_id, relevance, eligible")
    p.add_argument("--at", type=_positive, default=5, metavar="K", help="nDCG@K 的 K（默认 5）")
    p.add_argument("--as-of", type=_date, default=None, metavar="YYYY-MM-DD", help="判断条件所用日期（默认今天）")
    _add_model(p)

    p = sub.add_parser("serve", help="启动网页（生产用 WSGI 服务器）")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=5000)
    p.add_argument("--orgs", default=str(BUNDLED_ORGS), metavar="F")
    _add_grants(p)
    _add_model(p)
    p.add_argument("--instance", default=None, metavar="DIR", help="实例文件夹（数据库、密钥、上传的数据）")
    p.add_argument("--private", action="store_true", help="所有页面都需要登录")
    p.add_argument("--public-notes", action="store_true",
                   help="未登录的访客也能看到跟踪状态、备注和经办员工（默认仅员工可见）")
    p.add_argument("--threads", type=int, default=8, help="服务器线程数")
    p.add_argument("--secure-cookies", action="store_true", help="会话 Cookie 只经 HTTPS 发送（在 HTTPS 之后运行时使用）")
    p.add_argument("--stale-after", type=_positive, default=365, metavar="DAYS",
                   help="资讯日期早于这么多天的项目标注“资讯可能已过期，请核实”（默认 365）")
    p.add_argument("--public-url", default=None, metavar="URL",
                   help="对外的网址（如 https://match.example.org/），用于日历中的链接；默认取请求的地址")

    p = sub.add_parser("add-user", help="创建员工账号或修改其密码（密码在提示时输入两次）")
    p.add_argument("name", metavar="NAME", help="用户名")
    p.add_argument("--instance", default=None, metavar="DIR", help="实例文件夹（与 serve 的 --instance 相同）")
    return parser


def _load_matcher(args):
    from .io import load_grants
    from .pipeline import open_matcher

    grants = load_grants(args.grants, encoding=args.encoding)
    matcher, built = open_matcher(grants, args.model, n_jobs=args.jobs)
    return matcher, built


def _progress(total: int):
    from tqdm import tqdm

    return tqdm(total=total, file=sys.stderr, unit="机构", delay=2.0, disable=None, dynamic_ncols=True)


def cmd_build(args) -> int:
    from .io import load_grants
    from .pipeline import default_model_path, open_matcher

    grants = load_grants(args.grants, encoding=args.encoding)
    path = Path(args.model) if args.model else default_model_path(grants)
    matcher, _ = open_matcher(grants, path, n_jobs=args.jobs, rebuild=True)
    print(f"已建立模型：{path}（{len(grants)} 个项目，{len(matcher.model.terms_)} 个词）", file=sys.stderr)
    return 0


def cmd_report(args) -> int:
    from .io import load_orgs
    from .rank import recommend_many
    from .report import (
        REPORT_COLUMNS,
        ZH_PROGRAMME_SHEET,
        atomic_output,
        programmes_of,
        report_rows,
        write_csv,
        write_xlsx,
        zh_columns,
        zh_rows,
        zh_sheet,
        zh_values,
    )

    orgs = load_orgs(args.orgs, encoding=args.encoding)
    matcher, _ = _load_matcher(args)
    # the model, programmes and organizations live to the end: without this the
    # collector rescans them all, again and again, as results are made (≈ 15 %)
    gc.freeze()
    bar = _progress(len(orgs))

    def results():
        for org, matches in recommend_many(
            matcher, orgs, top=args.top, as_of=args.as_of,
            hide_ineligible=args.hide_ineligible, hide_expired=args.hide_expired,
        ):
            bar.update(1)
            yield org, matches

    protect = [args.orgs, args.grants]
    dated = {"as_of": args.as_of, "stale_after_days": args.stale_after}
    xlsx = bool(args.out and args.out.lower().endswith(".xlsx"))
    zh = (args.lang or ("zh" if xlsx else "en")) == "zh"
    programmes = programmes_of(matcher, **dated)
    try:
        if xlsx:
            out = Path(args.out)
            if any(Path(p).resolve() == out.resolve() for p in protect):
                raise InputError("输出文件与输入文件相同，拒绝覆盖输入数据", path=args.out)
            if not out.parent.exists():
                raise InputError("输出文件所在的文件夹不存在", path=args.out)
            if zh:  # the layout of matcher.xlsx, Chinese headers and values passed as data
                n = write_xlsx(zh_values(report_rows(results(), **dated)), out, zh_sheet(),
                               programmes=programmes, programme_sheet=ZH_PROGRAMME_SHEET)
            else:
                n = write_xlsx(report_rows(results(), **dated), out, programmes=programmes)
        else:
            with atomic_output(args.out, protect=protect) as fh:
                if zh:
                    n = write_csv(zh_rows(report_rows(results(), **dated)), fh, zh_columns())
                else:
                    n = write_csv(report_rows(results(), **dated), fh, REPORT_COLUMNS)
    finally:
        bar.close()
    if args.out:
        print(f"已写入 {n} 行：{args.out}", file=sys.stderr)
    return 0


def _print_matches(matches, org, *, as_of: date | None = None, stale_after: int = 365) -> None:
    from .advice import next_step
    from .freshness import info_note

    marks = {"eligible": "✓ 符合条件", "ineligible": "✗ 不符合条件", "unknown": "? 条件待确认"}
    for m in matches:
        deadline = f"  截止 {m.grant.deadline}" + ("（已过期）" if m.expired else "") if m.grant.deadline else ""
        print(f"{m.rank:>2}. {m.grant.name}  [{m.grant.grant_id}]  得分 {m.score:.3f}  {marks[m.eligibility]}{deadline}")
        note = info_note(m.grant, as_of or date.today(), stale_after)
        if note:
            print(f"    ⚠ {note}")
        if m.reasons:
            print("    理由：" + "、".join(f"{r.term}({r.weight:.3f})" for r in m.reasons))
        else:
            print("    理由：无共同关键词")
        for c in m.checks:
            sym = {"met": "✓", "unmet": "✗", "unknown": "?"}[c.status]
            ev = f"  «{c.evidence}»" if c.evidence else ""
            print(f"    {sym} {c.explanation}{ev}")
        step = next_step(m, org, as_of or date.today())
        if step is not None:
            print(f"    → 下一步：{step.text}")


def cmd_match(args) -> int:
    from .io import load_orgs
    from .rank import recommend
    from .records import Org

    if args.text is not None:
        text = args.text.strip()
        if not text:
            raise InputError("--text 不能为空")
        org = Org(org_id="adhoc", name="", profile=text)
    else:
        orgs = {o.org_id: o for o in load_orgs(args.orgs, encoding=args.encoding)}
        if args.org_id not in orgs:
            raise InputError(f"没有编号为“{args.org_id}”的机构", path=args.orgs, column="org_id")
        org = orgs[args.org_id]
    matcher, _ = _load_matcher(args)
    matches = recommend(matcher, org, top=args.top, as_of=args.as_of,
                        hide_ineligible=args.hide_ineligible, hide_expired=args.hide_expired)
    if org.name:
        print(f"{org.name}（{org.org_id}）的推荐：")
    _print_matches(matches, org, as_of=args.as_of, stale_after=args.stale_after)
    return 0


def cmd_conditions(args) -> int:
    from .conditions import read_conditions
    from .io import load_grants

    for g in load_grants(args.grants, encoding=args.encoding):
        conds = read_conditions(g)
        print(f"{g.grant_id}  {g.name}")
        if not conds:
            print("    （未读出硬性条件）")
        for c in conds:
            src = {"manual": "手工", "column": "地区栏"}.get(c.source, "读出")
            raw = "" if c.kind in ("applicant_type", "unread") else f"={c.param}"  # their label says it all
            print(f"    - {c.describe()}  [{c.kind}{raw}]  {src}依据：«{c.evidence}»")
    return 0


def cmd_evaluate(args) -> int:
    from .evaluate import (
        baseline_rankings,
        evaluate_rankings,
        format_table,
        load_qrels,
        matcher_rankings,
        score_rankings,
    )
    from .io import load_orgs

    orgs = load_orgs(args.orgs, encoding=args.encoding)
    judgments = load_qrels(args.qrels, encoding=args.encoding)
    matcher, _ = _load_matcher(args)
    ids = [g.grant_id for g in matcher.grants]
    base = baseline_rankings(matcher.grants, orgs)
    ours = matcher_rankings(matcher, orgs, as_of=args.as_of or date.today())
    runs = {"grant-matcher": ours} | base
    results = {name: evaluate_rankings(r, judgments, ids, at=args.at) for name, r in runs.items()}
    print("排序（可否申请计入：不可申请的增益为 0）")
    print(format_table(results, args.at))
    topical = judgments.topical()
    alone = {"grant-matcher score alone": score_rankings(matcher, orgs)} | {f"{k} score alone": v for k, v in base.items()}
    print("\n仅按得分排序（不看可否申请，增益 = 相关度）")
    print(format_table({k: evaluate_rankings(r, topical, ids, at=args.at) for k, r in alone.items()}, args.at))
    weights = matcher.model.ranker_weights() if hasattr(matcher.model, "ranker_weights") else None
    if weights:
        print("\n排序模型的特征权重（得分 = Σ 权重 × 特征）")
        for name, w in weights.items():
            print(f"  {name:24} {w:.4f}")
    return 0


def cmd_serve(args) -> int:
    from webapp import create_app
    from webapp.server import serve

    app = create_app({
        "GRANTS_PATH": args.grants,
        "ORGS_PATH": args.orgs,
        "MODEL_PATH": args.model,
        "ENCODING": args.encoding,
        "PRIVATE": args.private,
        "PUBLIC_NOTES": args.public_notes,
        "N_JOBS": args.jobs,
        "SECURE_COOKIES": args.secure_cookies,
        "STALE_AFTER_DAYS": args.stale_after,
        "PUBLIC_URL": args.public_url,
    }, instance_path=args.instance)
    return serve(app, host=args.host, port=args.port, threads=args.threads)


def _read_password() -> str:
    """Asked twice at a terminal; read from the first line of stdin otherwise (scripts, tests)."""
    import getpass

    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("密码：")
    if getpass.getpass("再输入一次：") != first:
        raise InputError("两次输入的密码不一致")
    return first


def cmd_add_user(args) -> int:
    from webapp import create_app
    from webapp.auth import set_user
    from webapp.db import connect, db_path

    app = create_app(instance_path=args.instance)
    password = _read_password()
    conn = connect(db_path(app))
    try:
        new = set_user(conn, args.name, password)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    finally:
        conn.close()
    print(f"{'已创建员工账号' if new else '已修改密码'}：{args.name}（{db_path(app)}）", file=sys.stderr)
    return 0


COMMANDS = {
    "build": cmd_build,
    "report": cmd_report,
    "match": cmd_match,
    "conditions": cmd_conditions,
    "evaluate": cmd_evaluate,
    "serve": cmd_serve,
    "add-user": cmd_add_user,
}


class _Handler(logging.StreamHandler):
    def format(self, record: logging.LogRecord) -> str:
        return f"警告：{record.getMessage()}"


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``grant-matcher`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = _Handler(sys.stderr)
    log.addHandler(handler)
    log.setLevel(logging.ERROR if args.quiet else logging.WARNING)
    log.propagate = False
    try:
        return COMMANDS[args.command](args)
    except MatcherError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("已中断", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    finally:
        log.removeHandler(handler)


if __name__ == "__main__":
    sys.exit(main())
