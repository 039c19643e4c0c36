"""One thin wrapper over the Google REST calls nastavnik makes.

A method per call, named after the Google operation; every call goes through the limiter (Sheets)
and the retry policy, has a timeout, and fails with `GoogleApiError` (Google's error envelope,
parsed once) or `RetriesExhausted`. Sheets goes through gspread's low-level `HTTPClient` on a
`requests` session; Drive through google-api-python-client. With ``endpoint`` set, both are sent
there instead of Google (a test server) — the only difference configuration makes.

Exactly once: no transport sends a changing request twice by itself — requests' adapter retries
nothing, and httplib2's own resend after a dropped connection is off for every method but GET
(`NoResendHttp`) — so what happens after a failure with no answer is the retry policy's decision,
per operation (`sync.google.retry.AFTER_NO_ANSWER`): a call that makes a file is looked for first
(``landed``: by a reserved id, by its ``appProperties`` key, a permission by its grantee), a write
to a document or form carries Google's ``writeControl.requiredRevisionId``, the rest repeat the
same thing.
"""
from __future__ import annotations

import json
import socket
import time
import uuid
from typing import Any, Callable, Mapping, Sequence, TypeVar

import httplib2
import requests
from google.auth import exceptions as auth_exceptions
from google.auth.credentials import Credentials
from google.auth.transport.requests import AuthorizedSession
from google_auth_httplib2 import AuthorizedHttp
from googleapiclient.discovery import build
from googleapiclient.errors import HttpError
from gspread.exceptions import APIError
from gspread.http_client import HTTPClient
from gspread.urls import SPREADSHEETS_API_V4_BASE_URL

from sheets_schema import ru
from sync.google.credentials import load_credentials
from sync.google.errors import GoogleApiError, TransportError
from sync.google.limiter import RateLimiter
from sync.google.retry import RetryPolicy
from sync.workspace import WorkspaceError

T = TypeVar("T")
Landed = Callable[[Exception], "dict[str, Any] | None"]  # see `RetryPolicy.run`

GOOGLE_HOSTS = ("https://sheets.googleapis.com", "https://www.googleapis.com")
SPREADSHEET_MIME = "application/vnd.google-apps.spreadsheet"
_TRANSPORT_ERRORS = (
    requests.exceptions.ConnectionError,
    requests.exceptions.Timeout,
    requests.exceptions.ChunkedEncodingError,
    auth_exceptions.TransportError,
    httplib2.HttpLib2Error,
    socket.timeout,
    ConnectionError,
    TimeoutError,
)
#: HTTP methods httplib2 may send again by itself (they change nothing, or the same thing again)
SAFE_HTTP_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class NoResendHttp(httplib2.Http):
    """An `httplib2.Http` that sends a request that changes something at most once.

    httplib2 sends a request again by itself when the connection breaks before an answer (its
    "stale connection" retry, which ignores ``httplib2.RETRIES``): for a GET harmless, for a
    POST such as ``files.copy`` it makes the file twice. Here a request of a method that is not
    safe to repeat is sent once; a broken connection is a `TransportError` for the project's one
    retry policy, which knows per operation whether the work may have been done
    (`sync.google.retry.AMBIGUOUS`)."""

    def _conn_request(self, conn, request_uri, method, body, headers):
        if method in SAFE_HTTP_METHODS:
            return super()._conn_request(conn, request_uri, method, body, headers)
        try:
            if conn.sock is None:
                conn.connect()
            conn.request(method, request_uri, body, headers)
            answer = conn.getresponse()
            content = answer.read()
        except socket.gaierror:
            conn.close()
            raise httplib2.ServerNotFoundError(f"Unable to find the server at {conn.host}") from None
        except BaseException:
            conn.close()
            raise
        response = httplib2.Response(answer)
        return response, httplib2._decompressContent(response, content, self.limit_kwargs)


class EndpointSession(AuthorizedSession):
    """An authorized `requests` session that sends Google's hosts to `endpoint` when set."""

    def __init__(self, credentials: Credentials, endpoint: str = ""):
        super().__init__(credentials)
        self.endpoint = endpoint.rstrip("/")

    def request(self, method, url, *args, **kwargs):  # noqa: D401 - requests' signature
        if self.endpoint:
            for host in GOOGLE_HOSTS:
                if url.startswith(host):
                    url = self.endpoint + url[len(host):]
                    break
        return super().request(method, url, *args, **kwargs)


class GoogleClient:
    """Sheets v4 and Drive v3 calls with one retry policy, a Sheets limiter and timeouts.

    Nothing is sent over the network until a method is called.
    """

    def __init__(self, credentials: Credentials, *, endpoint: str = "", timeout: float = 30.0,
                 policy: RetryPolicy | None = None, sheets_limiter: RateLimiter | None = None):
        self.credentials = credentials
        self.endpoint = endpoint.rstrip("/")
        self.timeout = timeout
        self.policy = policy or RetryPolicy()
        self.sheets_limiter = sheets_limiter or RateLimiter(55)
        self._sheets = HTTPClient(auth=None, session=EndpointSession(credentials, self.endpoint))  # type: ignore[arg-type]
        self._sheets.set_timeout(timeout)
        self._services: dict[str, Any] = {}  # discovery-based resources, built once per client
        self.settle_sleep: Callable[[float], None] = time.sleep  # the wait of `settled`
        self._upload: EndpointSession | None = None

    # --- plumbing -----------------------------------------------------------------------------
    def _sheets_call(self, operation: str, method: str, url: str, *, params: Any = None,
                     json: Mapping[str, Any] | None = None, landed: Landed | None = None) -> dict[str, Any]:
        def attempt() -> dict[str, Any]:
            self.sheets_limiter.acquire()
            try:
                return self._sheets.request(method, url, params=params, json=json).json()
            except APIError as exc:
                r = exc.response
                raise GoogleApiError.from_response(operation, r.status_code, r.headers, r.content) from None
            except auth_exceptions.RefreshError as exc:
                raise WorkspaceError(ru.GOOGLE["refresh_failed"].format(reason=exc, path="([google] token_cache)")) from exc
            except _TRANSPORT_ERRORS as exc:
                raise TransportError(operation, exc) from exc
        return self.policy.run(operation, attempt, self.settled(landed))

    #: name → (API, version, path after the endpoint, the resource the calls are made on)
    _DISCOVERY = {
        "drive": ("drive", "v3", "/drive/v3/", None),
        "forms": ("forms", "v1", "", None),
        # documents() alone costs ~80 ms of CPU: build it once, with the service
        "docs": ("docs", "v1", "", "documents"),
    }

    def _service(self, name: str) -> Any:
        """A google-api-python-client resource, built once; with `endpoint`, sent there."""
        if name not in self._services:
            api, version, path, resource = self._DISCOVERY[name]
            http = AuthorizedHttp(self.credentials, http=NoResendHttp(timeout=self.timeout))
            options = {"api_endpoint": self.endpoint + path} if self.endpoint else None
            service = build(api, version, http=http, client_options=options,
                            static_discovery=True, cache_discovery=False)
            self._services[name] = getattr(service, resource)() if resource else service
        return self._services[name]

    def settled(self, landed: Landed | None) -> Landed | None:
        """`landed`, first giving a request that timed out as long again as the client waited:
        it may still be under way at Google, and land after a look that found nothing."""
        if landed is None:
            return None

        def look(exc: Exception) -> dict[str, Any] | None:
            if isinstance(exc, TransportError) and isinstance(
                    exc.cause, (TimeoutError, socket.timeout, requests.exceptions.Timeout)):
                self.settle_sleep(self.timeout)
            return landed(exc)
        return look

    def _discovery_call(self, name: str, operation: str, make_request: Callable[[Any], Any],
                        landed: Landed | None = None) -> Any:
        """One call through google-api-python-client, under the retry policy."""
        landed = self.settled(landed)
        def attempt() -> Any:
            try:
                return make_request(self._service(name)).execute(num_retries=0)
            except HttpError as exc:
                raise GoogleApiError.from_response(operation, exc.resp.status, dict(exc.resp), exc.content) from None
            except auth_exceptions.RefreshError as exc:
                raise WorkspaceError(ru.GOOGLE["refresh_failed"].format(reason=exc, path="([google] token_cache)")) from exc
            except _TRANSPORT_ERRORS as exc:
                raise TransportError(operation, exc) from exc
        return self.policy.run(operation, attempt, landed)

    def _drive_call(self, operation: str, make_request: Callable[[Any], Any],
                    landed: Landed | None = None) -> dict[str, Any]:
        return self._discovery_call("drive", operation, make_request, landed)

    # --- Sheets v4 ----------------------------------------------------------------------------
    def values_batch_get(self, spreadsheet_id: str, ranges: Sequence[str],
                         value_render_option: str = "FORMATTED_VALUE") -> dict[str, Any]:
        """https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets.values/batchGet"""
        params = [("ranges", r) for r in ranges] + [
            ("valueRenderOption", value_render_option), ("majorDimension", "ROWS")]
        url = f"{SPREADSHEETS_API_V4_BASE_URL}/{spreadsheet_id}/values:batchGet"
        return self._sheets_call("spreadsheets.values.batchGet", "get", url, params=params)

    def values_batch_update(self, spreadsheet_id: str, data: Sequence[Mapping[str, Any]],
                            value_input_option: str = "RAW", *, landed: Landed | None = None) -> dict[str, Any]:
        """https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets.values/batchUpdate
        (the same values again are the same cells; ``landed`` for a write that must not land twice
        apart, such as the lease's: after a timeout it reads whether the first attempt landed)"""
        body = {"valueInputOption": value_input_option, "data": list(data), "includeValuesInResponse": False}
        url = f"{SPREADSHEETS_API_V4_BASE_URL}/{spreadsheet_id}/values:batchUpdate"
        return self._sheets_call("spreadsheets.values.batchUpdate", "post", url, json=body, landed=landed)

    def spreadsheets_get(self, spreadsheet_id: str, fields: str | None = None, ranges: Sequence[str] = (),
                         include_grid_data: bool = False) -> dict[str, Any]:
        """https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/get"""
        params: list[tuple[str, str]] = [("ranges", r) for r in ranges]
        if include_grid_data:
            params.append(("includeGridData", "true"))
        if fields:
            params.append(("fields", fields))
        url = f"{SPREADSHEETS_API_V4_BASE_URL}/{spreadsheet_id}"
        return self._sheets_call("spreadsheets.get", "get", url, params=params)

    def spreadsheets_batch_update(self, spreadsheet_id: str, requests_: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
        """https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/batchUpdate"""
        url = f"{SPREADSHEETS_API_V4_BASE_URL}/{spreadsheet_id}:batchUpdate"
        return self._sheets_call("spreadsheets.batchUpdate", "post", url, json={"requests": list(requests_)})

    def spreadsheets_create(self, body: Mapping[str, Any], *, landed: Landed | None = None) -> dict[str, Any]:
        """https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/create (it
        marks nothing: after a lost answer, ``landed`` should look for the new spreadsheet before
        the policy sends the request again)"""
        return self._sheets_call("spreadsheets.create", "post", SPREADSHEETS_API_V4_BASE_URL, json=body,
                                 landed=landed)

    # --- Forms v1 (google-api-python-client, same retry policy) --------------------------------
    def _forms_call(self, operation: str, make_request: Callable[[Any], Any],
                    landed: Landed | None = None) -> dict[str, Any]:
        return self._discovery_call("forms", operation, make_request, landed)

    def forms_create(self, title: str, document_title: str = "", *,
                     landed: Landed | None = None) -> dict[str, Any]:
        """https://developers.google.com/forms/api/reference/rest/v1/forms/create (title only;
        nothing marks the form, so after a lost answer ``landed`` looks for it by title)"""
        info = {"title": title, **({"documentTitle": document_title} if document_title else {})}
        return self._forms_call("forms.create", lambda f: f.forms().create(body={"info": info}), landed)

    def forms_batch_update(self, form_id: str, requests_: Sequence[Mapping[str, Any]],
                           include_form: bool = False, *, required_revision: str = "",
                           landed: Landed | None = None) -> dict[str, Any]:
        """https://developers.google.com/forms/api/reference/rest/v1/forms/batchUpdate (with
        ``required_revision``, Google refuses it once the form has moved past that revision —
        so a repeat of a request that landed is refused, not applied twice; then ``landed``)"""
        body: dict[str, Any] = {"requests": list(requests_), "includeFormInResponse": include_form}
        if required_revision:
            body["writeControl"] = {"requiredRevisionId": required_revision}
        return self._forms_call("forms.batchUpdate", lambda f: f.forms().batchUpdate(formId=form_id, body=body),
                                landed)

    def forms_set_publish_settings(self, form_id: str, is_published: bool,
                                   is_accepting_responses: bool) -> dict[str, Any]:
        """https://developers.google.com/workspace/forms/api/reference/rest/v1/forms/setPublishSettings
        (both flags are required; accepting responses needs the form published)"""
        body = {"publishSettings": {"publishState": {"isPublished": is_published,
                                                     "isAcceptingResponses": is_accepting_responses}},
                "updateMask": "publishState"}
        return self._forms_call("forms.setPublishSettings",
                                lambda f: f.forms().setPublishSettings(formId=form_id, body=body))

    def forms_get(self, form_id: str) -> dict[str, Any]:
        """https://developers.google.com/forms/api/reference/rest/v1/forms/get"""
        return self._forms_call("forms.get", lambda f: f.forms().get(formId=form_id))

    def responses_list(self, form_id: str, filter_: str = "", page_token: str | None = None,
                       page_size: int = 5000) -> dict[str, Any]:
        """https://developers.google.com/forms/api/reference/rest/v1/forms.responses/list
        (``filter``: ``timestamp > T`` or ``timestamp >= T``; up to 5,000 per page)"""
        kwargs: dict[str, Any] = {"formId": form_id, "pageSize": page_size}
        if filter_:
            kwargs["filter"] = filter_
        if page_token:
            kwargs["pageToken"] = page_token
        return self._forms_call("forms.responses.list", lambda f: f.forms().responses().list(**kwargs))

    # --- Drive v3 (every call supports shared drives) ------------------------------------------
    def files_create(self, body: Mapping[str, Any], fields: str = "id", *, id: str = "",
                     landed: Landed | None = None) -> dict[str, Any]:
        """https://developers.google.com/drive/api/reference/rest/v3/files/create (``id``: one
        from `files_generate_ids`; Drive refuses it for Docs Editors types)"""
        body = {**body, **({"id": id} if id else {})}
        if landed is None and not id:
            landed = self.marked_landed(body, fields)
        return self._drive_call("drive.files.create", lambda d: d.files().create(
            body=body, fields=fields, supportsAllDrives=True), landed)

    def marked_landed(self, body: Mapping[str, Any], fields: str = "id") -> Landed | None:
        """The default ``landed`` of a file made with ``appProperties`` (its key): the file of the
        same folder, type and name carrying them all, if a lost attempt made it — so a caller
        that marks what it makes never gets it twice. None for a file without a mark."""
        marks = dict(body.get("appProperties") or {})
        if not marks:
            return None

        def quoted(value: Any) -> str:
            return "'" + str(value).replace("\\", "\\\\").replace("'", "\\'") + "'"

        parent = (body.get("parents") or ["root"])[0]
        q = " and ".join([f"{quoted(parent)} in parents", "trashed = false"]
                         + [f"{k} = {quoted(body[k])}" for k in ("name", "mimeType") if body.get(k)]
                         + [f"appProperties has {{ key={quoted(k)} and value={quoted(v)} }}" for k, v in marks.items()])
        wanted = [f for f in fields.split(",") if f and "(" not in f]

        def look(exc: Exception) -> dict[str, Any] | None:
            files = self.files_list(q, fields="files(" + ",".join(sorted({"id", "createdTime", *wanted})) + ")").get("files", [])
            if not files:
                return None
            first = min(files, key=lambda f: f.get("createdTime", ""))
            return {k: v for k, v in first.items() if k in wanted or k == "id"}
        return look

    def files_generate_ids(self, count: int = 10, space: str = "drive") -> list[str]:
        """https://developers.google.com/drive/api/reference/rest/v3/files/generateIds (1–1000)"""
        return self._drive_call("drive.files.generateIds", lambda d: d.files().generateIds(
            count=count, space=space))["ids"]

    def files_get(self, file_id: str, fields: str = "id,name,mimeType,parents") -> dict[str, Any]:
        """https://developers.google.com/drive/api/reference/rest/v3/files/get"""
        return self._drive_call("drive.files.get", lambda d: d.files().get(
            fileId=file_id, fields=fields, supportsAllDrives=True))

    def files_list(self, q: str, fields: str = "nextPageToken,files(id,name)", page_token: str | None = None,
                   page_size: int = 100) -> dict[str, Any]:
        """https://developers.google.com/drive/api/reference/rest/v3/files/list"""
        kwargs: dict[str, Any] = {"q": q, "fields": fields, "pageSize": page_size, "supportsAllDrives": True,
                                  "includeItemsFromAllDrives": True}
        if page_token:
            kwargs["pageToken"] = page_token
        return self._drive_call("drive.files.list", lambda d: d.files().list(**kwargs))

    def files_copy(self, file_id: str, body: Mapping[str, Any], fields: str = "id", *, id: str = "",
                   landed: Landed | None = None) -> dict[str, Any]:
        """https://developers.google.com/drive/api/reference/rest/v3/files/copy (``id`` as in
        `files_create`; a copy of a Doc takes none)"""
        body = {**body, **({"id": id} if id else {})}
        if landed is None and not id:
            landed = self.marked_landed(body, fields)
        return self._drive_call("drive.files.copy", lambda d: d.files().copy(
            fileId=file_id, body=body, fields=fields, supportsAllDrives=True), landed)

    def about_get(self, fields: str = "user") -> dict[str, Any]:
        """https://developers.google.com/drive/api/reference/rest/v3/about/get (``fields`` is required)"""
        return self._drive_call("drive.about.get", lambda d: d.about().get(fields=fields))


    # --- Docs v1 and Drive calls of documents (google-api-python-client, same retry policy) -----
    def _docs_call(self, operation: str, make_request: Callable[[Any], Any],
                   landed: Landed | None = None) -> Any:
        return self._discovery_call("docs", operation, make_request, landed)

    def documents_create(self, title: str) -> dict[str, Any]:
        """https://developers.google.com/docs/api/reference/rest/v1/documents/create"""
        return self._docs_call("docs.documents.create", lambda d: d.create(body={"title": title}))

    def documents_get(self, document_id: str) -> dict[str, Any]:
        """https://developers.google.com/docs/api/reference/rest/v1/documents/get"""
        return self._docs_call("docs.documents.get", lambda d: d.get(documentId=document_id))

    def documents_batch_update(self, document_id: str, requests_: Sequence[Mapping[str, Any]], *,
                               required_revision: str = "", landed: Landed | None = None) -> dict[str, Any]:
        """https://developers.google.com/docs/api/reference/rest/v1/documents/batchUpdate (with
        ``required_revision`` — ``writeControl.requiredRevisionId`` — Google refuses it with 400
        once the document has moved past that revision: a repeat of a fill that landed is
        refused instead of applied twice, and ``landed`` reads the document to see)"""
        body: dict[str, Any] = {"requests": list(requests_)}
        if required_revision:
            body["writeControl"] = {"requiredRevisionId": required_revision}
        return self._docs_call("docs.documents.batchUpdate",
                               lambda d: d.batchUpdate(documentId=document_id, body=body), landed)

    def files_update(self, file_id: str, body: Mapping[str, Any], fields: str = "id",
                     add_parents: str = "", remove_parents: str = "") -> dict[str, Any]:
        """https://developers.google.com/drive/api/reference/rest/v3/files/update (metadata only)"""
        kwargs: dict[str, Any] = {"fileId": file_id, "body": dict(body), "fields": fields, "supportsAllDrives": True}
        if add_parents:
            kwargs["addParents"] = add_parents
        if remove_parents:
            kwargs["removeParents"] = remove_parents
        return self._drive_call("drive.files.update", lambda d: d.files().update(**kwargs))

    def files_upload(self, body: Mapping[str, Any], data: bytes, mime_type: str,
                     fields: str = "id", *, id: str = "") -> dict[str, Any]:
        """https://developers.google.com/drive/api/guides/manage-uploads#multipart — a small file
        (metadata and content in one ``multipart/related`` request). Sent through the `requests`
        session, because google-api-python-client builds upload addresses from the discovery
        document's rootUrl and would ignore ``endpoint``."""
        body = {**body, **({"id": id} if id else {})}
        boundary = "nastavnik-" + uuid.uuid4().hex
        payload = b"".join([
            f"--{boundary}\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n".encode(),
            json.dumps(dict(body), ensure_ascii=False).encode("utf-8"),
            f"\r\n--{boundary}\r\nContent-Type: {mime_type}\r\n\r\n".encode(),
            data,
            f"\r\n--{boundary}--\r\n".encode(),
        ])
        url = "https://www.googleapis.com/upload/drive/v3/files"
        params = {"uploadType": "multipart", "supportsAllDrives": "true", "fields": fields}
        headers = {"Content-Type": f"multipart/related; boundary={boundary}"}

        def attempt() -> dict[str, Any]:
            if self._upload is None:
                self._upload = EndpointSession(self.credentials, self.endpoint)
            try:
                r = self._upload.post(url, params=params, data=payload, headers=headers, timeout=self.timeout)
            except auth_exceptions.RefreshError as exc:
                raise WorkspaceError(ru.GOOGLE["refresh_failed"].format(reason=exc, path="([google] token_cache)")) from exc
            except _TRANSPORT_ERRORS as exc:
                raise TransportError("drive.files.create", exc) from exc
            if r.status_code >= 400:
                raise GoogleApiError.from_response("drive.files.create", r.status_code, r.headers, r.content)
            return r.json()
        def landed(exc: Exception) -> dict[str, Any] | None:  # the reserved id: made already?
            try:
                return self.files_get(body["id"], fields=fields)
            except GoogleApiError as missing:
                if missing.code != 404:
                    raise
                return None
        return self.policy.run("drive.files.create", attempt, self.settled(landed) if id else None)

    def files_delete(self, file_id: str) -> None:
        """https://developers.google.com/drive/api/reference/rest/v3/files/delete"""
        self._drive_call("drive.files.delete", lambda d: d.files().delete(fileId=file_id, supportsAllDrives=True))

    def permissions_create(self, file_id: str, body: Mapping[str, Any], fields: str = "id") -> dict[str, Any]:
        """https://developers.google.com/drive/api/reference/rest/v3/permissions/create (after a
        lost answer the file's permissions are listed first: `permission_landed`)"""
        return self._drive_call("drive.permissions.create", lambda d: d.permissions().create(
            fileId=file_id, body=dict(body), fields=fields, supportsAllDrives=True),
            self.permission_landed(file_id, body))

    def permission_landed(self, file_id: str, body: Mapping[str, Any]) -> Landed:
        """A ``landed`` for `permissions_create`: the file's permission of the same type, role,
        view (and address or domain), if a lost attempt made it."""
        wanted = {k: v for k, v in body.items() if k in ("type", "role", "emailAddress", "domain", "view")}
        include_view = str(body.get("view") or "")

        def look(exc: Exception) -> dict[str, Any] | None:
            for p in self.permissions_list(file_id, include_view=include_view):
                if all(str(p.get(k, "")).lower() == str(v).lower() for k, v in wanted.items()):
                    return {"id": p["id"]}
            return None
        return look

    def permissions_delete(self, file_id: str, permission_id: str) -> None:
        """https://developers.google.com/drive/api/reference/rest/v3/permissions/delete"""
        self._drive_call("drive.permissions.delete", lambda d: d.permissions().delete(
            fileId=file_id, permissionId=permission_id, supportsAllDrives=True))

    def permissions_list(self, file_id: str, fields: str = "permissions(id,type,role,view,domain,emailAddress)",
                         include_view: str = "") -> list[dict[str, Any]]:
        """https://developers.google.com/drive/api/reference/rest/v3/permissions/list (every page;
        ``include_view="published"`` adds the responders of a form)"""
        kwargs: dict[str, Any] = {"fileId": file_id, "fields": "nextPageToken," + fields,
                                  "supportsAllDrives": True}
        if include_view:
            kwargs["includePermissionsForView"] = include_view
        found: list[dict[str, Any]] = []
        while True:
            page = self._drive_call("drive.permissions.list", lambda d: d.permissions().list(**kwargs))
            found += page.get("permissions", [])
            if not page.get("nextPageToken"):
                return found
            kwargs["pageToken"] = page["nextPageToken"]

    def files_export(self, file_id: str, mime_type: str) -> bytes:
        """https://developers.google.com/drive/api/reference/rest/v3/files/export (the file's bytes)"""
        return self._drive_call("drive.files.export", lambda d: d.files().export(  # type: ignore[return-value]
            fileId=file_id, mimeType=mime_type))

def client_from_settings(settings: Mapping[str, Any], credentials: Credentials | None = None, *,
                         policy: RetryPolicy | None = None,
                         sheets_limiter: RateLimiter | None = None) -> GoogleClient:
    """A `GoogleClient` for the checked ``[google]`` settings."""
    creds = credentials or load_credentials(settings)
    return GoogleClient(
        creds,
        endpoint=settings.get("endpoint", "") or "",
        timeout=float(settings.get("timeout", 30.0)),
        policy=policy or RetryPolicy(max_retries=int(settings.get("max_retries", 6)),
                                     max_seconds=float(settings.get("max_retry_seconds", 120.0))),
        sheets_limiter=sheets_limiter or RateLimiter(int(settings.get("requests_per_minute", 55))),
    )
