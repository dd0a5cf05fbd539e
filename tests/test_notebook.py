"""CI executes the evaluation notebook so it never rots."""

from pathlib import Path

import pytest

from tests.conftest import ROOT

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")


def test_notebook_runs_and_renders_chinese(tmp_path):
    nb = nbformat.read(ROOT / "notebooks" / "evaluation.ipynb", as_version=4)
    nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    # the font cell's value: a real CJK font was found, not DejaVu's empty boxes
    assert "CJK" in str(nb.cells[1].outputs[-1]["data"]["text/plain"]) or "WenQuanYi" in str(
        nb.cells[1].outputs[-1]["data"]["text/plain"])
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) >= 2
    assert Path(ROOT / "test-output" / "notebook" / "per_org_ndcg.png").stat().st_size > 10_000
