"""`plantrack serve`: the quarterly run as pages in the browser, and a small JSON API.

The routes only call the library the CLI calls (`plantrack.pipeline` through `runs`,
`store_view` and `review`); every refusal is the CLI's one-line `PlantrackError` message,
shown in the page or returned as `{"error": ...}` with a 4xx status. Templates are
autoescaped, and the stored report is served with a Content-Security-Policy that runs no
script, inside a sandboxed frame.
"""

from __future__ import annotations

import logging
import socket
import sys
from pathlib import Path
from typing import IO, Any

from flask import (
    Flask,
    abort,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from werkzeug.exceptions import RequestEntityTooLarge

import outputs
from plantrack import __version__, pipeline
from plantrack.errors import PlantrackError, UsageError
from plantrack.serve import review, store_view
from plantrack.serve.runs import Runner, stored_document
from plantrack.store import Store

DEFAULT_MAX_UPLOAD_MB = 50
#: exit code of a refusal -> HTTP status of the API's answer
HTTP_STATUS = {1: 500, 2: 400, 3: 404, 4: 422, 5: 422, 6: 409}

PAGE_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; frame-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'self'"
)
#: the stored report: inline CSS and SVG only, no script, and a sandbox of its own
REPORT_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'self'; sandbox"
)


LOCAL_NAMES = frozenset({"127.0.0.1", "localhost", "[::1]"})


def create_app(
    store_dir: Path, *, max_upload_mb: float = DEFAULT_MAX_UPLOAD_MB, local_only: bool = True
) -> Flask:
    """The web app over one store folder (created by the first upload if absent).

    `local_only` (listening on this computer only): a request must name this computer as
    its host, so a web page elsewhere cannot reach the store by DNS rebinding.
    """
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = int(max_upload_mb * 1024 * 1024)
    app.config["PLANTRACK_STORE"] = Path(store_dir)
    store = Path(store_dir)
    runner = Runner(store)

    @app.before_request
    def _same_origin() -> Any:
        """Refuse a request another web site makes the browser send (no login to stop it)."""
        host = request.host
        hostname = host if host.endswith("]") else host.rsplit(":", 1)[0]
        if local_only and hostname not in LOCAL_NAMES:
            return api_error(
                f"unknown host {host!r}: this plantrack serve answers only at 127.0.0.1", 400
            )
        if request.method not in ("GET", "HEAD"):
            own = (f"http://{host}", f"https://{host}")
            site = request.headers.get("Sec-Fetch-Site", "same-origin")
            origin = request.headers.get("Origin")
            if site not in ("same-origin", "none") or (origin and origin not in own):
                return api_error("refused: the request came from another web site", 403)
        return None

    @app.after_request
    def _headers(response: Any) -> Any:
        response.headers.setdefault("Content-Security-Policy", PAGE_CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"  # "no-referrer" sends Origin: null
        return response

    @app.context_processor
    def _globals() -> dict[str, Any]:
        return {"store": store, "version": __version__}

    def page_error(exc: PlantrackError, template: str = "error.html", **context: Any) -> Any:
        status = HTTP_STATUS.get(exc.exit_code, 400)
        return render_template(template, error=str(exc), **context), status

    def api_error(message: str, status: int) -> Any:
        return jsonify({"error": message}), status

    @app.errorhandler(RequestEntityTooLarge)
    def _too_large(exc: RequestEntityTooLarge) -> Any:
        message = (
            f"the upload is larger than the limit of {max_upload_mb:g} MB; start plantrack "
            "serve with a larger --max-upload-mb to allow it"
        )
        if request.path.startswith("/api/"):
            return api_error(message, 413)
        return render_template("add.html", error=message, **_add_context(store, "")), 413

    @app.errorhandler(PlantrackError)
    def _refused(exc: PlantrackError) -> Any:
        if request.path.startswith("/api/"):
            return api_error(str(exc), HTTP_STATUS.get(exc.exit_code, 400))
        return page_error(exc)

    # ------------------------------------------------------------------ pages

    @app.get("/")
    def index() -> Any:
        return render_template("index.html", rows=store_view.period_rows(store))

    @app.get("/add")
    def add_form() -> Any:
        return render_template("add.html", error="", **_add_context(store, ""))

    @app.post("/add")
    def add_submit() -> Any:
        period = request.form.get("period", "")
        try:
            upload = _upload()
            job = runner.start(upload.stream, upload.filename or "", period)
        except PlantrackError as exc:
            return page_error(exc, "add.html", **_add_context(store, period))
        return redirect(url_for("run_status", job_id=job.id), code=303)

    @app.get("/runs/<job_id>")
    def run_status(job_id: str) -> Any:
        job = runner.job(job_id)
        if job is None:
            abort(404)
        if job.state == "done":
            slug = outputs.period_slug(job.period)
            return redirect(url_for("period_page", slug=slug, run=job.id), 303)
        status = 200 if job.state != "error" else HTTP_STATUS.get(job.exit_code, 400)
        context = _add_context(store, job.period) if job.state == "error" else {}
        return render_template("run.html", job=job, **context), status

    @app.get("/periods/<slug>")
    def period_page(slug: str) -> Any:
        entry = store_view.find_entry(store, slug)
        job = runner.job(request.args.get("run", ""))
        stale = pipeline.stale_successor(Store(store).manifest(), entry.period)
        return render_template(
            "period.html",
            row=store_view.period_row(entry),
            describe=outputs.parse_period(entry.period).describe,
            files=store_view.available_downloads(store, entry.period),
            slug=slug,
            notes=job.notes if job is not None and job.period == entry.period else (),
            stale=stale.period if stale is not None else "",
            recompared=request.args.get("recompared", ""),
        )

    @app.post("/periods/<slug>/recompare")
    def recompare(slug: str) -> Any:
        """Bring a later quarter's report up to date after an earlier one was added."""
        entry = store_view.find_entry(store, slug)
        result = runner.recompare(entry.period)
        back = request.form.get("back", "")
        target = (
            back
            if back in {outputs.period_slug(p) for p in Store(store).periods()}
            else outputs.period_slug(result.period)
        )
        return redirect(url_for("period_page", slug=target, recompared=result.period), 303)

    @app.get("/periods/<slug>/files/<name>")
    def period_file(slug: str, name: str) -> Any:
        entry = store_view.find_entry(store, slug)
        found = store_view.download_path(store, entry.period, name)
        if found is None:
            abort(404)
        download, path = found
        inline = name == "report.html" and request.args.get("download") is None
        response = send_file(
            path,
            as_attachment=not inline,
            download_name=download.download_name,
            max_age=0,
        )
        if name == "report.html":
            response.headers["Content-Security-Policy"] = REPORT_CSP
        return response

    @app.get("/actions")
    def actions_page() -> Any:
        action_id = request.args.get("id", "").strip()
        if action_id:
            return redirect(url_for("action_page", action_id=action_id), 303)
        latest, actions = store_view.latest_actions(store)
        return render_template("actions.html", latest=latest, actions=actions)

    @app.get("/actions/<action_id>")
    def action_page(action_id: str) -> Any:
        quarters = store_view.action_history(store, action_id)
        status = 200 if quarters else 404
        return render_template("action.html", action_id=action_id, quarters=quarters), status

    @app.get("/overrides")
    def overrides_page() -> Any:
        return _overrides(store, error="", done=request.args.get("done", ""))

    @app.post("/overrides")
    def overrides_submit() -> Any:
        form = request.form
        rules = review.read_rules(store)
        try:
            if form.get("remove", "") != "":
                index = _index(form.get("remove", ""), len(rules))
                rules = rules[:index] + rules[index + 1 :]
            else:
                rules = [
                    *rules,
                    review.checked_rule(
                        form.get("rule", ""),
                        form.get("old", ""),
                        form.get("new", ""),
                        form.get("note", ""),
                    ),
                ]
            result = runner.recompare(edit=lambda: review.write_rules(store, rules))
        except PlantrackError as exc:
            return _overrides(store, error=str(exc), done=""), HTTP_STATUS.get(exc.exit_code, 400)
        return redirect(url_for("overrides_page", done=result.period), 303)

    # ------------------------------------------------------------------ API

    @app.get("/api/periods")
    def api_periods() -> Any:
        return jsonify({"periods": [_period_json(store, r) for r in store_view.period_rows(store)]})

    @app.get("/api/periods/<path:period>")
    def api_period(period: str) -> Any:
        entry = store_view.find_entry(store, period)
        return jsonify(_period_json(store, store_view.period_row(entry)))

    @app.post("/api/runs")
    def api_run() -> Any:
        upload = _upload()
        result = runner.run_now(
            upload.stream, upload.filename or "", request.form.get("period", "")
        )
        body = _period_json(
            store, store_view.period_row(store_view.find_entry(store, result.period))
        )
        body["changes"] = result.changes
        body["cached"] = result.cached
        return jsonify(body), 201

    @app.get("/api/runs/<job_id>")
    def api_job(job_id: str) -> Any:
        job = runner.job(job_id)
        if job is None:
            return api_error(f"no upload {job_id} on this server", 404)
        return jsonify(job.to_json())

    return app


def _upload() -> Any:
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise UsageError("choose the appendix to upload (PDF, DOCX or XLSX)")
    return upload


def _index(text: str, n: int) -> int:
    if not text.isdigit() or int(text) >= n:
        raise UsageError(f"no override rule number {text!r} to remove")
    return int(text)


def _overrides(store: Path, *, error: str, done: str) -> Any:
    latest = review.latest_review(store)
    document = ""
    if latest is not None:
        try:
            document = str(stored_document(store, latest.period).name)
        except PlantrackError as exc:
            error = error or str(exc)
    return render_template(
        "overrides.html",
        review=latest,
        rules=review.read_rules(store),
        error=error,
        done=done,
        document=document,
    )


def _add_context(store: Path, period: str) -> dict[str, Any]:
    try:
        rows = store_view.period_rows(store)
    except PlantrackError:  # the page shows that refusal itself
        rows = []
    latest = rows[-1].period if rows else ""
    suggestions = next_periods(latest)
    return {"period": period or (suggestions[0] if suggestions else ""), "suggestions": suggestions}


def next_periods(latest: str) -> list[str]:
    """The quarter after `latest` in its own naming first, then the other naming (pure)."""
    if not latest:
        return []
    p = outputs.parse_period(latest)
    year, quarter = (p.year, p.quarter + 1) if p.quarter < 4 else (p.year + 1, 1)
    calendar = f"{year}-Q{quarter}"
    financial = f"{year}/{(year + 1) % 100:02d}-Q{quarter}"
    if p.kind == "financial":
        nxt = outputs.parse_period(financial)
        other_year = nxt.start.year
        other = f"{other_year}-Q{(nxt.start.month - 1) // 3 + 1}"
        return [financial, other]
    nxt = outputs.parse_period(calendar)
    fy = nxt.start.year if nxt.start.month >= 4 else nxt.start.year - 1
    fq = ((nxt.start.month - 4) % 12) // 3 + 1
    return [calendar, f"{fy}/{(fy + 1) % 100:02d}-Q{fq}"]


def _period_json(store: Path, row: store_view.PeriodRow) -> dict[str, Any]:
    files = {
        d.name: url_for("period_file", slug=row.slug, name=d.name)
        for d in store_view.available_downloads(store, row.period)
    }
    return {
        "period": row.period,
        "previous_period": row.previous_period,
        "actions": row.actions,
        "counts": dict(zip(store_view.STATUSES, row.counts, strict=True)) | {"other": row.other},
        "warnings": row.warnings,
        "source": row.source,
        "created": row.created,
        "links": {"page": url_for("period_page", slug=row.slug), "files": files},
    }


# --------------------------------------------------------------------------- server


def is_loopback(host: str) -> bool:
    return host in ("localhost", "::1") or host.startswith("127.")


def serve(
    store_dir: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    max_upload_mb: float = DEFAULT_MAX_UPLOAD_MB,
    verbose: bool = False,
    out: IO[str] = sys.stdout,
) -> None:
    """Serve the app until interrupted; says where, and how (and whether) others may connect."""
    from werkzeug.serving import make_server

    if not verbose:
        logging.getLogger("werkzeug").setLevel(logging.WARNING)
    app = create_app(store_dir, max_upload_mb=max_upload_mb, local_only=is_loopback(host))
    try:  # werkzeug exits on a port in use: find out first, to say it in one line
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        socket.create_server((host, port), family=family).close()
        server = make_server(host, port, app, threaded=True)
    except OSError as exc:
        raise UsageError(
            f"cannot listen on {host}:{port} ({getattr(exc, 'strerror', None) or exc}); "
            "choose another --port, or stop the program using it"
        ) from None
    shown = host if ":" not in host else f"[{host}]"
    print(
        f"plantrack serve: store {store_dir}, open http://{shown}:{port}/ in your browser", file=out
    )
    if is_loopback(host):
        print(
            "Only this computer can open it. To let others on the network open it, start it "
            "with --host 0.0.0.0 (it has no login: anyone who can reach this machine could "
            "read and change the store).",
            file=out,
        )
    else:
        print(
            f"Warning: listening on {host}: there is no login, so anyone who can reach this "
            f"machine on port {port} can read and change the store. Put it behind a reverse "
            "proxy with login, or run one per officer on 127.0.0.1.",
            file=out,
        )
    print("Stop it with Ctrl+C.", file=out, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("plantrack serve: stopped", file=out)
    finally:
        server.server_close()
