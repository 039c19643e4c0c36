"""Drive v3 routes: ``/drive/v3/files...``, permissions and shared drives."""
from __future__ import annotations

import base64
import json
from typing import Any

from .. import errors
from ..models.drive import READER, File
from ..models.sheets import Target
from ..pdf import minimal_pdf
from . import Call, Reply, route

FILE_FIELDS = "kind,id,name,mimeType"
PERMISSION_FIELDS = "kind,id,type,role"


def _all_drives(call: Call) -> bool:
    return call.flag("supportsAllDrives") or call.flag("supportsTeamDrives")


def _file(call: Call, f: File) -> Reply:
    return Reply(call.state.drive.file_json(f, call.identity), default_fields=FILE_FIELDS)


def files_create(call: Call) -> Reply:
    f = call.state.drive.create(call.identity, call.body or {}, _all_drives(call))
    return _file(call, f)


def files_upload(call: Call) -> Reply:
    f = call.state.drive.upload(call.identity, call.body or {}, call.media or b"", _all_drives(call))
    return _file(call, f)


def files_copy(call: Call) -> Reply:
    f = call.state.drive.copy(call.identity, call.path["fileId"], call.body or {},
                              _all_drives(call))
    return _file(call, f)


def files_generate_ids(call: Call) -> Reply:
    ids = call.state.drive.generate_ids(int(call.query.get("count") or 10),
                                        call.query.get("space") or "drive",
                                        call.query.get("type") or "files")
    return Reply({"kind": "drive#generatedIds", "space": call.query.get("space") or "drive",
                  "ids": ids})


def comments_list(call: Call) -> Reply:
    """comments.list: the fake makes no comments, so a visible file's list is empty. Like
    every Drive comments method it needs a ``fields`` mask (Drive's documented rule)."""
    if not call.query.get("fields"):
        raise errors.InvalidArgument("The 'fields' parameter is required for this method.",
                                     reason="required", location="fields")
    call.state.drive.get_visible(call.path["fileId"], call.identity, True)
    return Reply({"comments": []})


def files_get(call: Call) -> Reply:
    drive = call.state.drive
    f = drive.get_visible(call.path["fileId"], call.identity, _all_drives(call))
    if call.query.get("alt") == "media" and f.content:
        return Reply(raw=f.content, content_type=f.mime_type)
    if call.query.get("alt") == "media":
        raise errors.PermissionDenied(
            "Only files with binary content can be downloaded. Use Export with Docs Editors "
            "files.", reason="fileNotDownloadable", location="alt")
    return _file(call, f)


def files_update(call: Call) -> Reply:
    f = call.state.drive.update(call.identity, call.path["fileId"], call.body or {},
                                call.query.get("addParents", ""),
                                call.query.get("removeParents", ""), _all_drives(call))
    return _file(call, f)


def files_delete(call: Call) -> Reply:
    call.state.drive.delete(call.identity, call.path["fileId"], _all_drives(call))
    return Reply(status=204, raw=b"")


def _page(items: list[Any], call: Call, key: str) -> tuple[list[Any], str | None]:
    size = int(call.query.get("pageSize") or 100)
    size = max(1, min(size, 1000))
    token = call.query.get("pageToken")
    start = 0
    signature = json.dumps({k: v for k, v in call.query.items() if k not in
                            ("pageToken", "pageSize", "fields")}, sort_keys=True)
    if token:
        try:
            state = json.loads(base64.urlsafe_b64decode(token.encode()))
            start = int(state["offset"])
            if state["q"] != signature or state["key"] != key:
                raise ValueError
        except (ValueError, KeyError, TypeError):
            raise errors.InvalidArgument("Invalid Value", reason="invalid",
                                         location="pageToken") from None
    page = items[start:start + size]
    nxt = None
    if start + size < len(items):
        nxt = base64.urlsafe_b64encode(json.dumps(
            {"offset": start + size, "q": signature, "key": key}).encode()).decode()
    return page, nxt


def files_list(call: Call) -> Reply:
    drive = call.state.drive
    found = drive.list(call.identity, call.query.get("q", ""),
                       supports_all_drives=_all_drives(call),
                       include_all_drives=call.flag("includeItemsFromAllDrives")
                       or call.flag("includeTeamDriveItems"),
                       drive_id=call.query.get("driveId"), corpora=call.query.get("corpora"),
                       order_by=call.query.get("orderBy"))
    page, nxt = _page(found, call, "files")
    out: dict[str, Any] = {"kind": "drive#fileList", "incompleteSearch": False,
                           "files": [drive.file_json(f, call.identity) for f in page]}
    if nxt:
        out["nextPageToken"] = nxt
    return Reply(out, default_fields="kind,incompleteSearch,nextPageToken,files(" +
                 FILE_FIELDS + ")")


def files_export(call: Call) -> Reply:
    state = call.state
    f = state.drive.require(call.path["fileId"], call.identity, READER, _all_drives(call))
    mime = call.query.get("mimeType")
    if not mime:
        raise errors.InvalidArgument("Required parameter: mimeType", reason="required",
                                     location="mimeType")
    text = None
    if f.id in state.docs.documents:
        text = state.docs.documents[f.id].plain_text()
    elif f.id in state.sheets.spreadsheets:
        ss = state.sheets.spreadsheets[f.id]
        first_sheet = Target(ss.sheets[0], 0, None, 0, None)
        rows = state.sheets.read(ss, first_sheet).get("values", [])
        text = "\r\n".join(",".join(_csv(v) for v in row) for row in rows)
        if mime == "text/plain":
            mime = "unsupported"
    if text is None:
        raise errors.PermissionDenied("Export only supports Docs Editors files.",
                                      reason="fileNotExportable")
    if mime == "application/pdf":
        return Reply(raw=minimal_pdf(text, f.name), content_type="application/pdf")
    if mime in ("text/plain", "text/csv"):
        return Reply(raw=text.encode("utf-8"), content_type=mime + "; charset=UTF-8")
    raise errors.InvalidArgument("The requested conversion is not supported.",
                                 reason="badRequest", location="convertTo")


def _csv(value: Any) -> str:
    text = str(value)
    return '"' + text.replace('"', '""') + '"' if any(ch in text for ch in ',"\n') else text


def permissions_create(call: Call) -> Reply:
    perm = call.state.drive.permissions_create(call.identity, call.path["fileId"],
                                               call.body or {}, call.flag("transferOwnership"),
                                               _all_drives(call))
    return Reply(perm, default_fields=PERMISSION_FIELDS)


def permissions_list(call: Call) -> Reply:
    perms = call.state.drive.permissions_list(call.identity, call.path["fileId"],
                                              _all_drives(call),
                                              call.query.get("includePermissionsForView"))
    page, nxt = _page(perms, call, "permissions")
    out: dict[str, Any] = {"kind": "drive#permissionList", "permissions": page}
    if nxt:
        out["nextPageToken"] = nxt
    return Reply(out, default_fields="kind,nextPageToken,permissions(" + PERMISSION_FIELDS + ")")


def permissions_delete(call: Call) -> Reply:
    call.state.drive.permissions_delete(call.identity, call.path["fileId"],
                                        call.path["permissionId"], _all_drives(call))
    return Reply(status=204, raw=b"")


def about_get(call: Call) -> Reply:
    if not call.query.get("fields"):
        raise errors.InvalidArgument("The 'fields' parameter is required for this method.",
                                     reason="required", location="fields")
    return Reply(call.state.drive.about(call.identity))


def _drive_json(d) -> dict[str, Any]:
    return {"kind": "drive#drive", "id": d.id, "name": d.name, "createdTime": d.created_time}


def drives_create(call: Call) -> Reply:
    d = call.state.drive.drives_create(call.identity, call.query.get("requestId", ""),
                                       call.body or {})
    return Reply(_drive_json(d), default_fields="kind,id,name")


def drives_get(call: Call) -> Reply:
    return Reply(_drive_json(call.state.drive.drives_get(call.identity, call.path["driveId"])),
                 default_fields="kind,id,name")


def drives_list(call: Call) -> Reply:
    drives = [d for d in call.state.drive.drives.values() if call.identity in d.members]
    return Reply({"kind": "drive#driveList", "drives": [_drive_json(d) for d in drives]},
                 default_fields="kind,nextPageToken,drives(kind,id,name)")


BASE = "/drive/v3"
ROUTES = [
    route("GET", BASE + "/about", "drive.about.get", about_get),
    route("POST", BASE + "/files", "drive.files.create", files_create),
    route("POST", "/upload" + BASE + "/files", "drive.files.create", files_upload, media=True),
    route("GET", BASE + "/files", "drive.files.list", files_list),
    route("GET", BASE + "/files/generateIds", "drive.files.generateIds", files_generate_ids),
    route("GET", BASE + "/files/{fileId}", "drive.files.get", files_get),
    route("PATCH", BASE + "/files/{fileId}", "drive.files.update", files_update),
    route("DELETE", BASE + "/files/{fileId}", "drive.files.delete", files_delete),
    route("POST", BASE + "/files/{fileId}/copy", "drive.files.copy", files_copy),
    route("GET", BASE + "/files/{fileId}/export", "drive.files.export", files_export),
    route("GET", BASE + "/files/{fileId}/comments", "drive.comments.list", comments_list),
    route("POST", BASE + "/files/{fileId}/permissions", "drive.permissions.create",
          permissions_create),
    route("GET", BASE + "/files/{fileId}/permissions", "drive.permissions.list",
          permissions_list),
    route("DELETE", BASE + "/files/{fileId}/permissions/{permissionId}",
          "drive.permissions.delete", permissions_delete),
    route("POST", BASE + "/drives", "drive.drives.create", drives_create),
    route("GET", BASE + "/drives", "drive.drives.list", drives_list),
    route("GET", BASE + "/drives/{driveId}", "drive.drives.get", drives_get),
]
