"""The HTTP side of the fake: a stdlib ThreadingHTTPServer on loopback that routes Google API
paths to the models, checks auth and the discovery contract, injects faults, logs requests,
and answers errors in Google's envelope. Test-control endpoints live under ``/__fake__/``."""
from __future__ import annotations

import json
import random
import threading
import time
from dataclasses import asdict, dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from . import auth, discovery, errors, multipart, scopes
from .fields import apply_fields, parse_fields
from .routes import Call, Reply, all_routes
from .state import State

ROUTES = all_routes()
PLANNED = ("lost", "drop", "slow")


@dataclass
class Faults:
    """Seeded fault injection; never applied to ``/__fake__/*`` or ``/token``."""

    rate: float = 0.0
    statuses: list[int] = field(default_factory=lambda: [429, 500, 503])
    delay_seconds: float = 0.0
    delay_rate: float = 0.0
    drop_rate: float = 0.0
    seed: int = 0
    retry_after: float | None = None
    lost_rate: float = 0.0  # applied, then the connection closed: the work done, the answer lost
    methods: list[str] | None = None  # only these discovery ids meet faults (None: every call)
    #: faults at chosen calls, whatever the rates: ``{"method": discovery id, "call": n (1-based,
    #: counted per method), "fault": "lost" | "drop" | "slow"}``; "slow" holds the request
    #: `slow_seconds` before doing it (the client gives up first; the work lands later)
    plan: list[dict[str, Any]] | None = None
    slow_seconds: float = 1.5

    def __post_init__(self) -> None:
        self._random = random.Random(self.seed)
        self._lock = threading.Lock()
        self._calls: dict[str, int] = {}
        for step in self.plan or []:
            if step.get("fault") not in PLANNED or int(step.get("call", 0)) < 1 or not step.get("method"):
                raise ValueError(f"a planned fault needs method, call >= 1 and fault in {PLANNED}: {step}")

    def planned(self, method_id: str | None) -> str | None:
        """The planned fault of this call of `method_id` (each call counted), or None."""
        if not self.plan or method_id is None:
            return None
        with self._lock:
            n = self._calls[method_id] = self._calls.get(method_id, 0) + 1
        return next((step["fault"] for step in self.plan
                     if step["method"] == method_id and int(step["call"]) == n), None)

    def decide(self) -> tuple[str | None, int | None, bool]:
        """(fault kind: None/'drop'/'error'/'lost', status, delay?) for the next request."""
        with self._lock:
            drop = self._random.random() < self.drop_rate
            error = self._random.random() < self.rate
            status = self._random.choice(self.statuses) if self.statuses else 503
            delay = self._random.random() < self.delay_rate
            # drawn only when asked for, so the seeds of runs without it keep their sequence
            lost = bool(self.lost_rate) and self._random.random() < self.lost_rate
        if drop:
            return "drop", None, delay
        if error:
            return "error", status, delay
        if lost:
            return "lost", None, delay
        return None, None, delay

    def applies_to(self, method_id: str | None) -> bool:
        return self.methods is None or method_id in self.methods

    def config(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if not k.startswith("_")}


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    fake: Any

    def handle_error(self, request: Any, client_address: Any) -> None:
        import sys
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return  # the client went away (timeouts in tests): nothing to report
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out at once, no delayed-ACK stalls
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet server
        pass

    def handle_one_request(self) -> None:
        # the CPU this thread spends serving (waiting for the next request costs none), so a
        # benchmark can tell the fake's share of a run in the same process from the client's
        started = time.thread_time()
        try:
            super().handle_one_request()
        finally:
            self.server.fake.add_cpu(time.thread_time() - started)

    def do_GET(self) -> None:  # noqa: N802
        self._serve("GET")

    def do_POST(self) -> None:  # noqa: N802
        self._serve("POST")

    def do_PUT(self) -> None:  # noqa: N802
        self._serve("PUT")

    def do_PATCH(self) -> None:  # noqa: N802
        self._serve("PATCH")

    def do_DELETE(self) -> None:  # noqa: N802
        self._serve("DELETE")

    # ---- plumbing ---------------------------------------------------------------------
    def _send(self, status: int, payload: bytes, content_type: str,
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        if status != 204:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload) if status != 204 else 0))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if status != 204 and self.command != "HEAD":
            self.wfile.write(payload)

    def _send_json(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(body, ensure_ascii=False, indent=2).encode("utf-8")
        self._send(status, data, "application/json; charset=UTF-8", headers)

    def _send_error(self, exc: errors.GoogleError, api: str | None = None) -> None:
        self._send_json(exc.code, exc.envelope(api), exc.headers)

    def _serve(self, method: str) -> None:
        url = urlsplit(self.path)
        query = parse_qs(url.query, keep_blank_values=True)
        length = int(self.headers.get("Content-Length") or 0)
        raw_body = self.rfile.read(length) if length else b""
        if url.path.startswith("/__fake__/"):
            return self._control(method, url.path, raw_body)
        if url.path == "/token":
            return self._token(raw_body)
        if url.path == "/o/oauth2/auth" and method == "GET":
            return self._authorize({k: v[-1] for k, v in query.items()})
        self._api(method, url.path, query, raw_body)

    def _api(self, method: str, path: str, query: dict[str, list[str]], raw_body: bytes) -> None:
        fake = self.server.fake
        entry: dict[str, Any] = {"method": method, "path": path, "query": query, "status": None,
                                 "identity": None, "api": None, "method_id": None,
                                 "fault": None, "time": time.time()}
        route, params = None, {}
        for candidate in ROUTES:
            m = candidate.pattern.match(path)
            if m and candidate.http_method == method:
                route, params = candidate, {k: unquote(v) for k, v in m.groupdict().items()}
                break
        if route is not None:
            entry.update(api=route.api, method_id=route.method_id)
        token = (self.headers.get("Authorization") or "").partition(" ")[2].strip() or \
            (query.get("access_token") or [""])[0]
        entry["identity"] = auth.identity_from_access_token(token) if token else None
        granted = auth.scopes_from_access_token(token) if token else None
        faults = fake.faults
        fault, status, delay = faults.decide() if faults.applies_to(entry["method_id"]) else (None, None, False)
        planned = faults.planned(entry["method_id"])
        if planned == "slow":
            entry["fault"] = "slow"
            time.sleep(faults.slow_seconds)
        elif planned:
            fault, status = planned, None
        if delay and faults.delay_seconds:
            time.sleep(faults.delay_seconds)
        if fault == "drop":
            entry["fault"] = "drop"
            fake.record(entry)
            self.close_connection = True
            return
        if fault == "error":
            entry.update(fault="error", status=status)
            fake.record(entry)
            exc = errors.error_for_status(status or 503)
            if status == 429 and faults.retry_after is not None:
                exc.headers["Retry-After"] = str(faults.retry_after).removesuffix(".0")
            return self._send_error(exc, entry["api"])
        try:
            if entry["identity"] is None:
                raise errors.Unauthenticated()
            if route is None:
                raise errors.NotFound(f"fake_google has no route for {method} {path}")
            scopes.require(route.api, route.method_id, granted)
            reply = self._dispatch(route, params, query, raw_body, entry["identity"], granted)
        except errors.GoogleError as exc:
            entry["status"] = exc.code
            fake.record(entry)
            return self._send_error(exc, entry["api"])
        except Exception as exc:  # a fake bug: answer 500 with the cause, keep serving
            entry["status"] = 500
            fake.record(entry)
            return self._send_error(errors.Internal(f"fake_google crashed: {exc!r}"), entry["api"])
        entry["status"] = reply.status
        if fault == "lost":
            entry["fault"] = "lost"
            fake.record(entry)
            self.close_connection = True
            return
        fake.record(entry)
        if reply.raw is not None:
            return self._send(reply.status, reply.raw, reply.content_type, reply.headers)
        self._send_json(reply.status, reply.body, reply.headers)

    def _dispatch(self, route, params: dict[str, str], query: dict[str, list[str]],
                  raw_body: bytes, identity: str, granted: frozenset[str] | None = None) -> Reply:
        fake = self.server.fake
        typed = discovery.validate_query(route.api, route.method_id, query)
        body, media = None, None
        if route.media:
            body, media = multipart.parse(typed.get("uploadType", ""),
                                          self.headers.get("Content-Type") or "", raw_body)
            discovery.validate_body(route.api, route.method_id, body)
        elif raw_body:
            try:
                body = json.loads(raw_body.decode("utf-8"))
            except (ValueError, UnicodeDecodeError):
                raise errors.InvalidArgument("Invalid JSON payload received. Unexpected token."
                                             ) from None
            discovery.validate_body(route.api, route.method_id, body)
        mask = parse_fields(typed.get("fields", ""))
        with fake.lock:
            state = fake.state
            # the models judge drive.file visibility by the call in progress (calls are serialised)
            state.drive.caller = scopes.Caller(identity, granted, route.api)
            try:
                reply = route.handler(Call(identity, params, typed, body, state, media))
            finally:
                state.drive.caller = None
            if reply.raw is None and reply.status != 204 and state.check_responses:
                discovery.check_response(route.api, route.method_id, reply.body)
        if reply.raw is None and reply.body is not None:
            if typed.get("fields"):
                reply.body = apply_fields(reply.body, mask)
            elif reply.default_fields:
                reply.body = apply_fields(reply.body, parse_fields(reply.default_fields))
        return reply

    def _token(self, raw_body: bytes) -> None:
        fake = self.server.fake
        form = {k: v[-1] for k, v in parse_qs(raw_body.decode("utf-8")).items()}
        entry = {"method": "POST", "path": "/token", "query": {}, "status": 200,
                 "identity": None, "api": "oauth", "method_id": "oauth.token", "fault": None,
                 "time": time.time()}
        try:
            identity, answer = auth.exchange(form, testing=fake.oauth_testing)
        except auth.OAuthError as exc:
            entry["status"] = 400
            fake.record(entry)
            return self._send_json(400, exc.body())
        entry["identity"] = identity
        fake.record(entry)
        self._send_json(200, answer)

    def _authorize(self, query: dict[str, str]) -> None:
        fake = self.server.fake
        entry = {"method": "GET", "path": "/o/oauth2/auth", "query": {}, "status": 302,
                 "identity": None, "api": "oauth", "method_id": "oauth.authorize", "fault": None,
                 "time": time.time()}
        try:
            location = auth.authorize(query)
        except auth.AuthorizeError as exc:
            entry["status"] = 400
            fake.record(entry)
            return self._send_json(400, exc.body())
        entry["identity"] = (query.get("login_hint") or "").strip().lower()
        fake.record(entry)
        self._send(302, b"", "text/html; charset=UTF-8", {"Location": location})

    def _control(self, method: str, path: str, raw_body: bytes) -> None:
        fake = self.server.fake
        try:
            body = json.loads(raw_body.decode("utf-8")) if raw_body else {}
        except ValueError:
            return self._send_json(400, {"error": "invalid JSON"})
        parts = [p for p in path.split("/") if p][1:]
        try:
            if method == "GET" and parts == ["requests"]:
                return self._send_json(200, fake.requests())
            if method == "GET" and parts == ["health"]:
                return self._send_json(200, {"ok": True})
            if method == "POST" and parts == ["reset"]:
                fake.reset()
                return self._send_json(200, {"ok": True})
            if method == "POST" and parts == ["faults"]:
                return self._send_json(200, fake.set_faults(**body))
            if method == "POST" and parts == ["share"]:
                perm = fake.share(body["fileId"], body.get("email"), body.get("role", "writer"),
                                  body.get("type", "user"), body.get("domain"))
                return self._send_json(200, perm)
            if method == "POST" and len(parts) == 3 and parts[0] == "forms" \
                    and parts[2] == "responses":
                answer = fake.submit_form_response(
                    unquote(parts[1]), body.get("answers") or {},
                    respondent_email=body.get("respondentEmail"),
                    timestamp=body.get("timestamp"), response_id=body.get("responseId"))
                return self._send_json(200, answer)
        except errors.GoogleError as exc:
            return self._send_error(exc)
        except (KeyError, TypeError, ValueError) as exc:
            return self._send_json(400, {"error": f"bad control request: {exc!r}"})
        self._send_json(404, {"error": f"no control endpoint {method} {path}"})


class FakeGoogle:
    """A running fake Google Workspace on loopback.

    ``fake = FakeGoogle.start(port=0)``; point clients at ``fake.url``; seed data through
    ``fake.state`` (``state.drive``, ``state.sheets``, ``state.docs``, ``state.forms``)."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, seed: int = 0):
        self.seed = seed
        self._generation = 0
        self.lock = threading.RLock()
        self.state = State(seed)
        self.faults = Faults()
        self.oauth_testing = False  # the OAuth app's publishing status is "Testing"
        self._log: list[dict[str, Any]] = []
        self._log_lock = threading.Lock()
        self._cpu = 0.0  # CPU seconds spent serving since the log was last cleared
        self._server = _Server((host, port), _Handler)
        self._server.fake = self
        self._thread: threading.Thread | None = None

    @classmethod
    def start(cls, port: int = 0, host: str = "127.0.0.1", seed: int = 0) -> "FakeGoogle":
        fake = cls(host, port, seed)
        fake._thread = threading.Thread(target=fake._server.serve_forever, args=(0.05,),
                                        name="fake-google", daemon=True)
        fake._thread.start()
        return fake

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def token_uri(self) -> str:
        return self.url + "/token"

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        if self._thread:
            self._thread.join(timeout=5)

    def __enter__(self) -> "FakeGoogle":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    # ---- control ----------------------------------------------------------------------
    def reset(self) -> None:
        """Forget all files, the request log and the faults."""
        with self.lock:
            # ids stay reproducible per run but never repeat after a reset, so a client that
            # caches by spreadsheet id cannot mistake a new file for an old one
            self._generation += 1
            self.state = State(self.seed * 1_000_003 + self._generation)
            self.faults = Faults()
            self.oauth_testing = False
        with self._log_lock:
            self._log.clear()
            self._cpu = 0.0

    def record(self, entry: dict[str, Any]) -> None:
        with self._log_lock:
            self._log.append(entry)

    def requests(self, api: str | None = None) -> list[dict[str, Any]]:
        """The request log (method, path, query, status, identity, api, method_id, fault)."""
        with self._log_lock:
            return [dict(e) for e in self._log if api is None or e["api"] == api]

    def clear_requests(self) -> None:
        """Forget the request log and the serving CPU seconds counted so far."""
        with self._log_lock:
            self._log.clear()
            self._cpu = 0.0

    def add_cpu(self, seconds: float) -> None:
        with self._log_lock:
            self._cpu += seconds

    def cpu_seconds(self) -> float:
        """CPU seconds the server threads spent serving requests since the log was last cleared
        (`time.thread_time` of each request; the client's share is the rest of the process's)."""
        with self._log_lock:
            return self._cpu

    def set_faults(self, rate: float = 0.0, statuses: list[int] | None = None,
                   delay_seconds: float = 0.0, delay_rate: float = 0.0, drop_rate: float = 0.0,
                   seed: int = 0, retry_after: float | None = None, lost_rate: float = 0.0,
                   methods: list[str] | None = None, plan: list[dict[str, Any]] | None = None,
                   slow_seconds: float = 1.5) -> dict[str, Any]:
        """Inject seeded faults into API calls (not into /token or /__fake__); with `methods`
        (discovery ids such as ``drive.files.copy``) only into those; with `plan`, the faults of
        chosen calls (`Faults.plan`)."""
        self.faults = Faults(rate, list(statuses) if statuses else [429, 500, 503],
                             delay_seconds, delay_rate, drop_rate, seed, retry_after, lost_rate,
                             list(methods) if methods else None, [dict(p) for p in plan or []] or None,
                             slow_seconds)
        return self.faults.config()

    def clear_faults(self) -> None:
        self.faults = Faults()

    @staticmethod
    def token_for(email: str, scopes: list[str] | None = None) -> str:
        return auth.token_for(email, scopes)

    @staticmethod
    def refresh_token_for(email: str, scopes: list[str] | None = None, *, testing: bool = False,
                          issued: Any = None) -> str:
        return auth.refresh_token_for(email, scopes, testing=testing, issued=issued)

    def grant_app(self, file_id: str, email: str) -> None:
        """``email`` opened the file with the app (Drive's "Open with", the Picker): from now on
        a ``drive.file`` token of that user reaches it."""
        with self.lock:
            self.state.drive.grant_app(file_id, email)

    def share(self, file_id: str, email: str | None, role: str = "writer", kind: str = "user",
              domain: str | None = None) -> dict[str, Any]:
        """Share a file (or a shared drive) with an identity, bypassing all checks."""
        with self.lock:
            return self.state.drive.share(file_id, email, role, kind, domain)

    def submit_form_response(self, form_id: str, answers: dict[str, Any],
                             respondent_email: str | None = None, timestamp: str | None = None,
                             response_id: str | None = None) -> dict[str, Any]:
        """Submit (or, with ``response_id``, edit) a response as a respondent would.

        ``answers`` maps a questionId or a question title to a string or a list of strings;
        ``timestamp`` is RFC 3339 (default: now)."""
        with self.lock:
            return self.state.forms.submit(form_id, answers, respondent_email, timestamp,
                                           response_id)
