"""Load the model that fits the grants at hand, or build and save it.

One function used by the CLI, the web app and the benchmarks, so that all
three agree on when a saved model may be trusted.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from .errors import ModelError
from .io import grants_fingerprint
from .model import MatchModel, expected_meta, load_model, save_model
from .rank import Matcher
from .records import Grant
from .tokenize import Tokenizer, default_cache_dir

__all__ = ["default_model_path", "open_matcher"]

log = logging.getLogger("matcher")


def default_model_path(grants: Sequence[Grant]) -> Path:
    """A cache file keyed by the grants' content: other data, other file."""
    return default_cache_dir() / f"model-{grants_fingerprint(grants)[:16]}.joblib"


def open_matcher(
    grants: Sequence[Grant],
    model_path: str | Path | None = None,
    *,
    n_jobs: int = 1,
    warn: Callable[[str], None] | None = None,
    rebuild: bool = False,
) -> tuple[Matcher, bool]:
    """Return ``(matcher, built)``: the saved model if it fits, else a new one.

    A saved model built from other grants data, other settings or other
    library versions, or a corrupt file, is rebuilt (with a warning), never
    silently used. The new model is written atomically.
    """
    warn = warn or log.warning
    path = Path(model_path) if model_path else default_model_path(grants)
    template = MatchModel(tokenizer=Tokenizer(), n_jobs=n_jobs)
    expect = expected_meta(grants_fingerprint(grants), template)
    if path.exists() and not rebuild:
        try:
            model = load_model(path, expect=expect)
            model.n_jobs = n_jobs
            return Matcher(model, grants), False
        except ModelError as exc:
            warn(f"{exc}；正在重新建立模型")
    model = template.fit(grants)
    try:
        save_model(model, path)
    except OSError as exc:
        warn(f"{path}：无法保存模型（{exc.strerror}），本次仍可使用")
    return Matcher(model, grants), True
