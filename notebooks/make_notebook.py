"""Regenerate ``evaluation.ipynb`` from the cells below (kept in code for review).

    python notebooks/make_notebook.py
"""

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

CELLS = [
    new_markdown_cell(
        "# 资助匹配：排序结果与评测\n\n"
        "This notebook loads the bundled data, shows one ranking with its reasons, and plots how the "
        "matcher compares with the two naive baselines (BM25 and plain TF-IDF over default jieba tokens) "
        "on the judged development part of the real funding calls (`data/real/dev/`), with each feature's part "
        "of the score. CI executes it (`tests/test_notebook.py`)."
    ),
    new_code_cell(
        "%matplotlib inline\n"
        "import sys\n"
        "from datetime import date\n"
        "from pathlib import Path\n"
        "\n"
        "ROOT = Path.cwd() if (Path.cwd() / 'matcher').exists() else Path.cwd().parent\n"
        "sys.path.insert(0, str(ROOT))\n"
        "import matplotlib.pyplot as plt\n"
        "from matplotlib import font_manager\n"
        "import pandas as pd\n"
        "\n"
        "# A CJK font, or every Chinese label is an empty box. scripts/system-deps.sh installs it.\n"
        "CJK = next(f for f in ('Noto Sans CJK SC', 'Noto Sans CJK JP', 'WenQuanYi Zen Hei')\n"
        "           if font_manager.findfont(f, fallback_to_default=False))\n"
        "plt.rcParams['font.sans-serif'] = [CJK, 'DejaVu Sans']\n"
        "plt.rcParams['axes.unicode_minus'] = False\n"
        "AS_OF = date(2026, 11, 28)\n"
        "OUT = ROOT / 'test-output' / 'notebook'\n"
        "OUT.mkdir(parents=True, exist_ok=True)\n"
        "CJK"
    ),
    new_markdown_cell("## 自带数据：一个机构的推荐与理由"),
    new_code_cell(
        "from matcher.io import load_grants, load_orgs\n"
        "from matcher.model import MatchModel\n"
        "from matcher.rank import Matcher, recommend\n"
        "\n"
        "grants = load_grants(ROOT / 'data' / 'grants.csv')\n"
        "orgs = load_orgs(ROOT / 'data' / 'orgs.csv')\n"
        "matcher = Matcher(MatchModel().fit(grants), grants)\n"
        "org = next(o for o in orgs if o.org_id == 'yinghuo')\n"
        "rows = [{'排名': m.rank, '项目': m.grant.name, '得分': m.score, '资格': m.eligibility,\n"
        "         '理由': '、'.join(f'{r.term}({r.weight:.3f})' for r in m.reasons)}\n"
        "        for m in recommend(matcher, org, top=5, as_of=AS_OF)]\n"
        "print(org.name)\n"
        "pd.DataFrame(rows)"
    ),
    new_markdown_cell(
        "## 真实资助公告评测集：与基线对比\n\n"
        "`data/real/dev/`: real public funding calls (paraphrased, with their source URLs) × organization profiles, "
        "every pair judged by people who did not read the matcher, as of 2026-03-01. The blind part "
        "(`data/real/blind/`) is measured once, with `grant-matcher evaluate`, never here."
    ),
    new_code_cell(
        "from matcher.evaluate import (baseline_rankings, evaluate_rankings, load_qrels, matcher_rankings,\n"
        "                              score_rankings)\n"
        "\n"
        "DEV = ROOT / 'data' / 'real' / 'dev'\n"
        "REAL_AS_OF = date(2026, 3, 1)\n"
        "dgrants = load_grants(DEV / 'grants.csv', warn=lambda m: None)\n"
        "dorgs = load_orgs(DEV / 'orgs.csv', warn=lambda m: None)\n"
        "qrels = load_qrels(DEV / 'qrels.csv')\n"
        "ids = [g.grant_id for g in dgrants]\n"
        "dmatcher = Matcher(MatchModel().fit(dgrants), dgrants)\n"
        "base = baseline_rankings(dgrants, dorgs)\n"
        "listed = {'grant-matcher': matcher_rankings(dmatcher, dorgs, as_of=REAL_AS_OF)} | base\n"
        "alone = {'grant-matcher': score_rankings(dmatcher, dorgs)} | base\n"
        "scores = {n: evaluate_rankings(r, qrels, ids, at=5) for n, r in listed.items()}\n"
        "topical = {n: evaluate_rankings(r, qrels.topical(), ids, at=5) for n, r in alone.items()}\n"
        "summary = pd.DataFrame({n: {'nDCG@5（按列表，不可申请计0）': scores[n].ndcg,\n"
        "                           'nDCG@5（仅按得分）': topical[n].ndcg, 'P@3': scores[n].p3, 'MRR': scores[n].mrr}\n"
        "                        for n in scores}).T.round(3)\n"
        "summary"
    ),
    new_code_cell(
        "names = {o.org_id: o.name for o in dorgs}\n"
        "per_org = pd.DataFrame({n: s.per_org for n, s in scores.items()})\n"
        "per_org.index = [names[i] for i in per_org.index]\n"
        "per_org = per_org.sort_values('grant-matcher')\n"
        "ax = per_org.plot.barh(figsize=(9, 0.32 * len(per_org) + 1.5), width=0.8)\n"
        "ax.set_xlabel('nDCG@5（越高越好）')\n"
        "ax.set_title('每个机构的排序质量：本工具与基线')\n"
        "ax.legend(title='方法')\n"
        "plt.tight_layout()\n"
        "plt.savefig(OUT / 'per_org_ndcg.png', dpi=80)\n"
        "plt.show()"
    ),
    new_markdown_cell(
        "## 每个特征的贡献\n\n"
        "The score is `Σ weight × cosine` over named features (word TF-IDF, sector concepts, stage fit, open call), "
        "the weights fitted on the judged development pairs (`bench/train_ranker.py`). Below: each feature's mean part "
        "of the score, by the judges' relevance of the pair."
    ),
    new_code_cell(
        "from matcher.report import FEATURE_NAMES\n"
        "\n"
        "weights = dmatcher.model.ranker_weights()\n"
        "blocks = dmatcher.model.block_scores(dorgs, REAL_AS_OF)\n"
        "parts = pd.DataFrame([{'relevance': qrels.relevance.get((o.org_id, g), 0),\n"
        "                       **{FEATURE_NAMES[b]: weights[b] * blocks[b][i, j] for b in blocks}}\n"
        "                      for i, o in enumerate(dorgs) for j, g in enumerate(ids)])\n"
        "by_rel = parts.groupby('relevance').mean()\n"
        "by_rel = by_rel.loc[:, by_rel.sum() > 0]\n"
        "ax = by_rel.plot.bar(stacked=True, figsize=(8, 4), rot=0)\n"
        "ax.set_xlabel('人工判断的相关度（0 不相关 … 3 非常合适）')\n"
        "ax.set_ylabel('平均得分（各特征的部分相加）')\n"
        "ax.set_title('各特征对得分的贡献：按人工判断分组')\n"
        "ax.legend(title='特征')\n"
        "plt.tight_layout()\n"
        "plt.savefig(OUT / 'feature_contributions.png', dpi=80)\n"
        "plt.show()\n"
        "pd.Series({FEATURE_NAMES.get(k, k): v for k, v in weights.items()}, name='权重').to_frame()"
    ),
    new_code_cell(
        "pairs = pd.DataFrame([{'score': sum(weights[b] * blocks[b][i, j] for b in blocks),\n"
        "                       'gain': qrels.relevance.get((o.org_id, g), 0)}\n"
        "                      for i, o in enumerate(dorgs) for j, g in enumerate(ids)])\n"
        "fig, ax = plt.subplots(figsize=(8, 4))\n"
        "for gain, label in [(0, '不相关'), (1, '部分相关'), (2, '较合适'), (3, '非常合适')]:\n"
        "    ax.hist(pairs.loc[pairs.gain == gain, 'score'], bins=30, alpha=0.55, label=label, density=True)\n"
        "ax.set_xlabel('得分'); ax.set_ylabel('密度'); ax.set_title('得分分布：按人工判断的相关度分组')\n"
        "ax.legend()\n"
        "plt.tight_layout()\n"
        "plt.savefig(OUT / 'score_distribution.png', dpi=80)\n"
        "plt.show()\n"
        "pairs.groupby('gain')['score'].describe().round(3)"
    ),
]


def main() -> None:
    nb = new_notebook(cells=CELLS, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                            "language": "python"}})
    path = Path(__file__).with_name("evaluation.ipynb")
    nbformat.write(nb, path)
    print(path)


if __name__ == "__main__":
    main()
