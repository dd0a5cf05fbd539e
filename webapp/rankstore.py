"""The rankings store: every organization's recommendations, computed once per data version.

What it holds: the :class:`~matcher.rankings.Rankings` of the served
:class:`~webapp.state.AppState` (a field of it, so a request reads data and
rankings of one version), and one update worker per app that makes the
next version:

* data loaded at start, or a new day (verdicts and deadlines depend on the
  date): all organizations are ranked (``rank_all``) and the same state is
  swapped in with its rankings;
* an upload or a restore confirmed (:func:`rebuild`): the new state is
  built — new programmes: model refitted, then ``rank_all``; new
  organizations: ``rerank`` of the added and changed ones only — and
  swapped in whole when ready.

Meanwhile requests keep reading the previous version; staff see the
progress (:func:`progress`). Tracker marks never re-rank: they filter the
stored lists when read. An edit of one organization is a :func:`rebuild`
whose change calls ``rerank`` with that one id (about a millisecond); an
edit of one programme ranks all again, refitting the model first only when
a text the model reads changed (:mod:`webapp.changes`).

Reading (:func:`ranked`, :func:`entries`, :func:`ranked_many`,
:func:`fits`): from the store when it answers exactly; otherwise (not
computed yet, another day, a filter deeper than K) that organization is
ranked on the fly, which gives the same list. With
``RANKINGS_BACKGROUND`` off (the default under ``TESTING``) updates run in
the request that asks for them.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from flask import Flask, current_app, g

from matcher.rank import orgs_for_grant, recommend, recommend_many
from matcher.rankings import Entry, Rankings, entries_of, rank_all
from matcher.records import Grant, Match, Org, OrgFit

from .state import AppState, as_of, current, swap_if, swap_state

log = logging.getLogger("webapp")

EXTENSION = "grant_matcher_updates"


@dataclass
class Progress:
    """One update as staff see it; written by the worker, read by requests."""

    label: str
    phase: str = ""  # 建立模型 / 计算推荐
    total: int = 0
    done: int = 0
    queued: float = field(default_factory=time.time)
    started: float | None = None  # None while it waits for an earlier update
    finished: float | None = None
    error: str = ""
    _done: threading.Event = field(default_factory=threading.Event, repr=False, compare=False)

    @property
    def running(self) -> bool:
        """True until the update has finished (or failed)."""
        return self.finished is None

    @property
    def seconds(self) -> float:
        """Time taken so far (since it started, or since it was queued)."""
        return (self.finished or time.time()) - (self.started or self.queued)

    def wait(self, timeout: float | None = None) -> bool:
        """Block until this update has finished (or failed); False if ``timeout`` passed first."""
        return self._done.wait(timeout)

    def finish(self) -> None:
        """Mark the update finished (called by the worker)."""
        self.finished = time.time()
        self._done.set()

    def step(self, done: int, total: int) -> None:
        """Progress callback for ``rank_all`` / ``rerank``."""
        self.phase, self.done, self.total = "计算推荐", done, total


Job = Callable[[Progress], None]


class Updater:
    """One worker thread per app: updates run one at a time, in the order asked."""

    def __init__(self, *, background: bool) -> None:
        self.background = background
        self._cond = threading.Condition()
        self._queue: deque[tuple[Progress, Job]] = deque()
        self._thread: threading.Thread | None = None
        self._running: Progress | None = None
        self._once: tuple | None = None  # key of the submit_once job queued or running
        self._failed: tuple | None = None  # key of a submit_once job that failed: not retried
        self.last: Progress | None = None

    def submit(self, label: str, job: Job) -> Progress:
        """Queue ``job`` (or run it now when not in the background)."""
        p = Progress(label)
        if not self.background:
            self._running = p
            p.started = time.time()
            try:
                job(p)
            except Exception as exc:
                p.error = str(exc) or type(exc).__name__
                raise
            finally:
                p.finish()
                self._running, self.last = None, p
            return p
        with self._cond:
            self._queue.append((p, job))
            if self._thread is None:
                self._thread = threading.Thread(target=self._work, name="grant-matcher-updates", daemon=True)
                self._thread.start()
        return p

    def submit_once(self, key: tuple[object, object], label: str, job: Job) -> bool:
        """Submit ``job`` unless one with ``key`` (an object, by identity, and a value) is
        queued or running, or failed: requests that all find the same rankings missing ask once,
        and a failure is shown to staff instead of being retried by every request."""

        def same(other: tuple | None) -> bool:
            return other is not None and other[0] is key[0] and other[1] == key[1]

        with self._cond:
            if same(self._once) or same(self._failed):
                return False
            self._once = key

        def once(p: Progress) -> None:
            try:
                job(p)
            except Exception:
                self._failed = key
                raise
            finally:
                with self._cond:
                    if self._once is key:
                        self._once = None

        self.submit(label, once)
        return True

    def _work(self) -> None:
        while True:
            with self._cond:
                if not self._queue:
                    self._thread = None
                    self._cond.notify_all()
                    return
                p, job = self._queue.popleft()
                self._running = p
                p.started = time.time()
            try:
                job(p)
            except Exception as exc:  # keep serving the previous version; staff see the error
                p.error = str(exc) or type(exc).__name__
                log.error("update failed: %s", p.label, exc_info=exc)
            finally:
                p.finish()
                with self._cond:
                    self._running, self.last = None, p

    def pending(self) -> list[Progress]:
        """The update running now, then the queued ones."""
        with self._cond:
            return ([self._running] if self._running else []) + [p for p, _ in self._queue]

    def wait(self, timeout: float | None = None) -> bool:
        """Block until no update is queued or running (tests, benchmarks); False on timeout."""
        with self._cond:
            return self._cond.wait_for(lambda: self._thread is None and not self._queue, timeout)


def updater(app: Flask) -> Updater:
    """The app's update worker."""
    return app.extensions[EXTENSION]


def _k(app: Flask) -> int:
    return int(app.config["RANKINGS_K"])


def fresh(st: AppState) -> Rankings | None:
    """The state's rankings if they are for today, else None."""
    r = st.rankings
    return r if r is not None and r.as_of == as_of() else None


def ensure(app: Flask, st: AppState) -> AppState:
    """``st``; when its rankings are missing or of another day, ask for them.

    In the background the request goes on with ``st`` (pages rank what
    they show on the fly); otherwise they are made now and the new state is
    returned.
    """
    day = as_of(app)
    if st.rankings is not None and st.rankings.as_of == day:
        return st

    def job(p: Progress) -> None:
        if current(app) is not st:
            return  # replaced meanwhile; the new state gets its own
        r = rank_all(st.matcher, st.orgs, k=_k(app), as_of=day, progress=p.step)
        swap_if(app, st, dataclasses.replace(st, rankings=r))

    updater(app).submit_once((st, day), "计算推荐", job)
    return current(app)


def rebuild(app: Flask, label: str, change: Callable[[AppState, Progress], AppState]) -> Progress:
    """Make the next version from the one served when the update runs, rank it, swap it in.

    ``change(state, progress)`` returns the new state (it may carry
    rankings already, e.g. from ``rerank``); the requests before the swap
    read the previous version.
    """

    def job(p: Progress) -> None:
        p.phase = "准备数据"
        new = change(current(app), p)
        day = as_of(app)
        if new.rankings is None or new.rankings.as_of != day or len(new.rankings.org_ids) != len(new.orgs):
            new = dataclasses.replace(new, rankings=rank_all(new.matcher, new.orgs, k=_k(app), as_of=day,
                                                             progress=p.step))
        swap_state(app, new)

    return updater(app).submit(label, job)


def progress(app: Flask | None = None) -> list[Progress]:
    """Updates running or queued now."""
    return updater(app or current_app).pending()


# -- reading ------------------------------------------------------------------------------


def _stored_for(st: AppState, org: Org) -> Rankings | None:
    r = fresh(st)
    return r if r is not None and st.org(org.org_id) is org else None  # ad-hoc profiles are never stored


def ranked(st: AppState, org: Org, *, top: int, hide_ineligible: bool = False, hide_expired: bool = False,
           keep: Callable[[Grant], bool] | None = None, n_reasons: int = 5) -> list[Match]:
    """What :func:`~matcher.rank.recommend` gives for ``org`` today, from the store when it can tell."""
    day = as_of()
    r = _stored_for(st, org)
    if r is not None:
        chosen = r.select(org.org_id, st.grants, top=top, as_of=day, hide_ineligible=hide_ineligible,
                          hide_expired=hide_expired, keep=keep)
        if chosen is not None:
            return r.matches(st.matcher, org, chosen, n_reasons=n_reasons)
    return recommend(st.matcher, org, top=top, as_of=day, hide_ineligible=hide_ineligible,
                     hide_expired=hide_expired, keep=keep, n_reasons=n_reasons)


def entries(st: AppState, org: Org, *, top: int, hide_ineligible: bool = False, hide_expired: bool = False,
            keep: Callable[[Grant], bool] | None = None) -> list[Entry]:
    """Like :func:`ranked` without reasons or checks (the overview shows neither)."""
    r = _stored_for(st, org)
    kw = dict(top=top, hide_ineligible=hide_ineligible, hide_expired=hide_expired, keep=keep)
    if r is not None:
        chosen = r.select(org.org_id, st.grants, as_of=as_of(), **kw)
        if chosen is not None:
            return chosen
    return entries_of(recommend(st.matcher, org, as_of=as_of(), **kw), st.matcher)


def ranked_many(st: AppState, orgs: Iterable[Org], *, top: int, hide_ineligible: bool = False,
                hide_expired: bool = False) -> Iterator[tuple[Org, list[Match]]]:
    """:func:`ranked` for many organizations (downloads); all on the fly while the store is not ready."""
    if fresh(st) is None:
        yield from recommend_many(st.matcher, orgs, top=top, as_of=as_of(), hide_ineligible=hide_ineligible,
                                  hide_expired=hide_expired)
        return
    for o in orgs:
        yield o, ranked(st, o, top=top, hide_ineligible=hide_ineligible, hide_expired=hide_expired)


def fits(st: AppState, grant_id: str, *, top: int) -> list[OrgFit]:
    """The organizations that fit a programme best; their stored rows spare tokenizing them again."""
    rows = st.rankings.org_rows if st.rankings is not None else None  # rows do not depend on the date
    return orgs_for_grant(st.matcher, grant_id, st.orgs, top=top, as_of=as_of(), org_rows=rows)


def best_scores(st: AppState) -> dict[str, float] | None:
    """Each organization's best score (for sorting the list), or None until the store is ready."""
    r = fresh(st)
    if r is None:
        return None
    return dict(zip(r.org_ids, r.best_scores().tolist(), strict=True))


def holders(st: AppState, grant_id: str, within: int) -> int | None:
    """How many organizations have this programme among their first ``within``; None until ready."""
    r = fresh(st)
    if r is None or within > r.width:
        return None
    return r.holders(st.matcher.index[grant_id], within)


def _for_staff() -> dict:
    """Template globals: the running updates, for staff only."""
    if g.get("user") is None:
        return {"updates": []}
    return {"updates": progress()}


def init_app(app: Flask) -> None:
    """One update worker per app; staff pages show its progress."""
    if app.config.get("RANKINGS_BACKGROUND") is None:
        app.config["RANKINGS_BACKGROUND"] = not app.config.get("TESTING")
    app.extensions[EXTENSION] = Updater(background=bool(app.config["RANKINGS_BACKGROUND"]))
    app.context_processor(_for_staff)
