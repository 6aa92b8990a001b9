"""Uploads run as the CLI's `plantrack run` does, one at a time, in a background thread.

An upload waits in `documents/.incoming/<job>/` (where a save's clean-up of its own
staging never reaches it). Its run reads it from where it is kept, `documents/<period>/<name>`,
so the manifest and every action's provenance name a file that is still there afterwards,
and the overrides editor can re-compare the quarter without asking for it again. A refused
run puts back the period's earlier document: the store is left exactly as it was.
"""

from __future__ import annotations

import contextlib
import shutil
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import outputs
from plantrack import pipeline
from plantrack.errors import InputError, PlantrackError, StoreError
from plantrack.store import DOCUMENTS, Store, validate_period

INCOMING = ".incoming"


@dataclass
class Job:
    """One upload's progress, read by the status page while the worker thread updates it."""

    id: str
    period: str
    filename: str
    state: str = "waiting"  # waiting | reading | done | error
    pages_done: int = 0
    pages_total: int = 0
    error: str = ""
    notes: tuple[str, ...] = ()  # the run's warnings (as `--verbose` prints them)
    exit_code: int = 0  # the CLI's exit code for a refusal
    #: the refusal's kind, so the JSON API raises it again with the CLI's code
    error_kind: type[PlantrackError] = PlantrackError
    result: pipeline.RunResult | None = field(default=None, repr=False)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "period": self.period,
            "file": self.filename,
            "state": self.state,
            "pages_done": self.pages_done,
            "pages_total": self.pages_total,
            "error": self.error,
        }


class _JobFeedback(pipeline.Feedback):
    """The pipeline's progress callbacks, written into the job."""

    def __init__(self, job: Job) -> None:
        self.job = job

    def pages(self, done: int, total: int) -> None:
        self.job.pages_done, self.job.pages_total = done, total


def safe_name(filename: str) -> str:
    """The uploaded file's name without any folder part or control characters (pure)."""
    name = Path(str(filename or "").replace("\\", "/")).name
    name = "".join(ch for ch in name if ch.isprintable() and ch not in '<>:"|?*').strip(" .")
    return name[:120] or "upload"


class Runner:
    """Runs uploads into one store, one at a time (the store's lock would refuse a second)."""

    def __init__(self, store_dir: Path) -> None:
        self.store_dir = Path(store_dir)
        self._lock = threading.Lock()
        self._jobs: dict[str, Job] = {}

    # ---- uploads
    def start(self, stream: BinaryIO, filename: str, period: str) -> Job:
        """Stage the upload and read it in a background thread; returns at once."""
        period = validate_period(period)
        job = Job(uuid.uuid4().hex, period, safe_name(filename))
        staged = self._stage(stream, job.filename)
        self._jobs[job.id] = job
        thread = threading.Thread(
            target=self._work, args=(job, staged), name=f"plantrack-run-{period}", daemon=True
        )
        thread.start()
        return job

    def run_now(self, stream: BinaryIO, filename: str, period: str) -> pipeline.RunResult:
        """The same run, in the caller's thread (the JSON API answers when it is done)."""
        period = validate_period(period)
        job = Job(uuid.uuid4().hex, period, safe_name(filename))
        self._work(job, self._stage(stream, job.filename))
        if job.result is None:
            raise job.error_kind(job.error)
        return job.result

    def job(self, job_id: str) -> Job | None:
        return self._jobs.get(job_id)

    def _stage(self, stream: BinaryIO, name: str) -> tuple[Path, Path, bool]:
        """Write the upload into its own waiting folder in the store: (folder, file, made root)."""
        root = self.store_dir
        made_root = not root.exists()
        Store(root).manifest()  # refuse a folder that is not a store before writing into it
        folder = root / DOCUMENTS / INCOMING / uuid.uuid4().hex
        folder.mkdir(parents=True)
        path = folder / name
        with path.open("wb") as fh:
            shutil.copyfileobj(stream, fh, 1 << 20)
        return folder, path, made_root

    def _work(self, job: Job, staged: tuple[Path, Path, bool]) -> None:
        folder, path, made_root = staged
        kept = self.store_dir / DOCUMENTS / outputs.period_slug(job.period)
        aside = folder.with_name(folder.name + "-previous")
        try:
            with self._lock:
                job.state = "reading"
                if kept.exists():
                    kept.rename(aside)
                kept.mkdir()
                path = path.rename(kept / path.name)
                try:
                    result = pipeline.run_period(
                        path, job.period, store_dir=self.store_dir, feedback=_JobFeedback(job)
                    )
                except BaseException:
                    shutil.rmtree(kept, ignore_errors=True)
                    if aside.exists():
                        aside.rename(kept)
                    raise
            job.notes = tuple(n.replace(str(path), job.filename) for n in result.notes)
            job.result = result
            job.state = "done"
        except PlantrackError as exc:
            job.error = str(exc).replace(str(path), job.filename)
            job.exit_code = exc.exit_code
            job.error_kind = type(exc)
            job.state = "error"
        except Exception as exc:  # the page must say something, as the CLI would
            job.error = (
                f"unexpected failure ({type(exc).__name__}: {exc}); "
                "run it with 'plantrack run --debug' and report it"
            ).replace(str(path), job.filename)
            job.exit_code = 1
            job.state = "error"
        finally:
            shutil.rmtree(folder, ignore_errors=True)
            shutil.rmtree(aside, ignore_errors=True)
            self._tidy_documents(made_root)

    def _tidy_documents(self, made_root: bool) -> None:
        """Remove the waiting folders once empty; a refused first upload leaves no store."""
        documents = self.store_dir / DOCUMENTS
        for folder in (documents / INCOMING, documents):
            with contextlib.suppress(OSError):
                folder.rmdir()  # only when empty
        if made_root and not Store(self.store_dir).exists():
            with contextlib.suppress(OSError):
                self.store_dir.rmdir()

    # ---- re-comparison
    def recompare(
        self, period: str | None = None, edit: Callable[[], None] | None = None
    ) -> pipeline.RunResult:
        """Apply `edit` (an overrides change), then re-run `period` (default: the latest).

        The re-run is `plantrack run DOCUMENT --period P --force` on the period's own
        document, so the actions come from its stored snapshot and only the comparison and
        the reports change; if it is refused, the overrides file is put back as it was.
        """
        store = Store(self.store_dir)
        with self._lock:
            periods = store.periods() if store.exists() else []
            if period is None:
                if len(periods) < 2:
                    raise StoreError("the overrides need two quarters in the store to compare")
                period = periods[-1]
            document = stored_document(self.store_dir, period)
            before = store.overrides_path.read_bytes() if store.overrides_path.is_file() else None
            try:
                if edit is not None:
                    edit()
                return pipeline.run_period(document, period, store_dir=self.store_dir, force=True)
            except BaseException:
                if before is None:
                    store.overrides_path.unlink(missing_ok=True)
                else:
                    outputs.write_bytes_atomic(store.overrides_path, before)
                raise


def stored_document(store_dir: Path, period: str) -> Path:
    """The document a period was read from: where the manifest says, or the kept upload."""
    store = Store(store_dir)
    entry = store.manifest().get(period)
    if entry is None:
        raise InputError(f"period {period} is not in the store {store.root}")
    candidates = [Path(entry.source_file)]
    kept = store.root / DOCUMENTS / outputs.period_slug(period)
    if kept.is_dir():
        candidates += sorted(p for p in kept.iterdir() if p.is_file())
    for path in candidates:
        if path.is_file() and pipeline.file_sha256(path) == entry.sha256:
            return path
    raise InputError(
        f"the document {period} was read from is no longer at {entry.source_file}; run "
        f"'plantrack run FILE --period {period} --store {store.root} --force' with it"
    )
