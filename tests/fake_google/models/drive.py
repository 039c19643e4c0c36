"""Drive v3: one namespace of files (folders, spreadsheets, documents, forms) with owners,
parents, permissions and shared drives, and Google's visibility rules.

Rules kept from Google:
* a file is visible to its owner, to identities it is shared with directly, and to those a
  parent folder is shared with (inherited permissions); ``anyone``/``domain`` permissions count;
* a file the caller cannot see answers 404 ``notFound`` "File not found: <id>.";
* a permission of the «published» view (``view: "published"``, role reader, on a form) makes its
  grantee a responder of the form, not a reader of the file: it gives no Drive access, and
  ``permissions.list`` shows it only with ``includePermissionsForView=published``;
* a ``group`` permission reaches the group's members (``DriveModel.groups``: group → members);
* under the ``drive.file`` scope (no broad Drive scope, and for Sheets/Docs/Forms no scope of
  their own kind) the caller sees only files the app created through the API or that the user
  opened with the app (``grant_app``): any other file answers 404 even when shared with the
  user, is not listed, and cannot be a parent; files seeded by tests are nobody's app's;
* a file in a shared drive is only found with ``supportsAllDrives=true`` (and listed only with
  ``includeItemsFromAllDrives=true``);
* a service account owns no storage: creating or copying a file outside a shared drive answers
  403 ``storageQuotaExceeded`` (since 2025 this is true for its own root as well);
* ``files.generateIds`` reserves ids that a create or copy may carry as ``id``: an id the fake did
  not generate answers 400 ``fileIdNotUsable``, an id already taken 409 "A file already exists
  with the provided ID." (so a retried request cannot make a second file), and a Docs Editors
  type (a Doc, Sheet, Form… — anything ``application/vnd.google-apps.*`` but a folder) answers
  403 ``generatedIdNotSupported`` "Generated IDs are not supported for Docs Editors formats.",
  as Google does for create and copy alike.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Callable

from .. import errors
from ..auth import is_service_account
from ..clock import Ids, now, rfc3339
from .drive_query import parse_query

FOLDER = "application/vnd.google-apps.folder"
SPREADSHEET = "application/vnd.google-apps.spreadsheet"
DOCUMENT = "application/vnd.google-apps.document"
FORM = "application/vnd.google-apps.form"
ROLE_RANK = {"reader": 1, "commenter": 2, "writer": 3, "fileOrganizer": 4, "organizer": 5,
             "owner": 6}
READER, COMMENTER, WRITER, ORGANIZER, OWNER = 1, 2, 3, 5, 6


def permission_id(email: str) -> str:
    """Drive gives each user one stable numeric permission id."""
    return str(int(hashlib.sha256(email.lower().encode()).hexdigest(), 16))[:20]


@dataclass
class File:
    id: str
    name: str
    mime_type: str
    owner: str | None  # None inside a shared drive
    parents: list[str] = field(default_factory=list)
    drive_id: str | None = None
    permissions: list[dict[str, Any]] = field(default_factory=list)
    app_properties: dict[str, str] = field(default_factory=dict)
    properties: dict[str, str] = field(default_factory=dict)
    description: str = ""
    trashed: bool = False
    starred: bool = False
    created_time: str = ""
    modified_time: str = ""
    version: int = 1
    is_root: bool = False
    content: bytes = b""  # what a media upload stored (binary files only)
    app_created: bool = False  # made through the API (so drive.file tokens of the app reach it)
    app_users: set[str] = field(default_factory=set)  # users who opened it with the app

    def has_direct_role(self, email: str, rank: int) -> bool:
        if self.owner == email and rank <= OWNER:
            return True
        return any(p.get("emailAddress", "").lower() == email and ROLE_RANK[p["role"]] >= rank
                   for p in self.permissions)

    def touch(self) -> None:
        self.modified_time = rfc3339(now())
        self.version += 1


@dataclass
class SharedDrive:
    id: str
    name: str
    created_time: str
    members: dict[str, str] = field(default_factory=dict)  # email -> role


ContentHook = Callable[..., None]


class DriveModel:
    """All files of the fake, their access rules and the Drive operations."""

    def __init__(self, ids: Ids):
        self.ids = ids
        self.files: dict[str, File] = {}
        self.drives: dict[str, SharedDrive] = {}
        self.roots: dict[str, str] = {}  # email -> id of its My Drive root folder
        # mimeType -> {"create": f(file), "copy": f(src_id, new_file), "delete": f(id)}
        self.content_hooks: dict[str, dict[str, ContentHook]] = {}
        self.allow_service_account_storage = False
        self.generated: set[str] = set()  # ids handed out by files.generateIds, used or not
        self.caller: Any = None  # scopes.Caller of the API call in progress (None: test seeding)
        self.groups: dict[str, set[str]] = {}  # Google Group e-mail -> member e-mails (lower case)

    def in_group(self, email: str, group: str) -> bool:
        return email.lower() in {m.lower() for m in self.groups.get(group.lower(), set())}

    # ---- access -----------------------------------------------------------------------
    def root_id(self, email: str) -> str:
        if email not in self.roots:
            stamp = rfc3339(now())
            root = File(id="0A" + self.ids.token(17), name="My Drive", mime_type=FOLDER,
                        owner=email, created_time=stamp, modified_time=stamp, is_root=True)
            self.files[root.id] = root
            self.roots[email] = root.id
        return self.roots[email]

    def role(self, f: File, email: str, _depth: int = 0) -> int:
        """The caller's effective role rank on a file (0: no access)."""
        if f.owner == email:
            return OWNER
        best = 0
        if f.drive_id and f.drive_id in self.drives:
            member = self.drives[f.drive_id].members.get(email)
            if member:
                best = ROLE_RANK[member]
        domain = email.rpartition("@")[2]
        for p in f.permissions:
            if p.get("view"):
                continue  # a responder of a form, not a reader of the file
            kind = p.get("type")
            if (kind in ("user", "group") and p.get("emailAddress", "").lower() == email) or \
                    (kind == "group" and self.in_group(email, p.get("emailAddress", ""))) or \
                    kind == "anyone" or (kind == "domain" and p.get("domain") == domain):
                best = max(best, ROLE_RANK[p["role"]])
        if _depth < 32:
            for parent_id in f.parents:
                parent = self.files.get(parent_id)
                if parent is not None:
                    best = max(best, self.role(parent, email, _depth + 1))
        return best

    def app_reaches(self, f: File, email: str) -> bool:
        """False when the call in progress holds only ``drive.file`` and the file is not the
        app's (neither created through the API nor opened by this user with the app)."""
        caller = self.caller
        if caller is None or caller.email != email or caller.sees_all():
            return True
        return f.app_created or email in f.app_users or (f.is_root and f.owner == email)

    def grant_app(self, file_id: str, email: str) -> None:
        """The user opened the file with the app (test control)."""
        f = self.files.get(file_id)
        if f is None:
            raise errors.drive_not_found(file_id)
        f.app_users.add(email.strip().lower())

    def visible(self, f: File, email: str, supports_all_drives: bool) -> bool:
        if f.drive_id and not supports_all_drives:
            return False
        return self.role(f, email) > 0 and self.app_reaches(f, email)

    def get_visible(self, file_id: str, email: str, supports_all_drives: bool = False) -> File:
        if file_id == "root":
            file_id = self.root_id(email)
        if file_id in self.drives:
            return self._drive_root(file_id, email, supports_all_drives)
        f = self.files.get(file_id)
        if f is None or not self.visible(f, email, supports_all_drives):
            raise errors.drive_not_found(file_id)
        return f

    def require(self, file_id: str, email: str, rank: int, supports_all_drives: bool = False
                ) -> File:
        """Drive's rule: invisible → 404 notFound; visible but too weak → 403."""
        f = self.get_visible(file_id, email, supports_all_drives)
        if self.role(f, email) < rank:
            raise errors.drive_insufficient_permissions(file_id)
        return f

    def require_app(self, file_id: str, email: str, rank: int, mime_type: str) -> File:
        """The editors' (Sheets/Docs/Forms) rule: unknown → 404, not shared or too weak → 403."""
        f = self.files.get(file_id)
        if f is None or (self.role(f, email) > 0 and not self.app_reaches(f, email)):
            raise errors.NotFound()
        if self.role(f, email) == 0:
            raise errors.PermissionDenied()
        if f.mime_type != mime_type:
            raise errors.FailedPrecondition("This operation is not supported for this document")
        if self.role(f, email) < rank:
            raise errors.PermissionDenied()
        return f

    def _drive_root(self, drive_id: str, email: str, supports_all_drives: bool) -> File:
        drive = self.drives[drive_id]
        if not supports_all_drives or email not in drive.members:
            raise errors.drive_not_found(drive_id)
        return File(id=drive.id, name=drive.name, mime_type=FOLDER, owner=None, drive_id=drive.id,
                    created_time=drive.created_time, modified_time=drive.created_time)

    # ---- files ------------------------------------------------------------------------
    def _place(self, email: str, parents: list[str] | None, supports_all_drives: bool
               ) -> tuple[list[str], str | None]:
        """Resolve requested parents to (parents, driveId), checking write access."""
        if not parents:
            return [self.root_id(email)], None
        if len(parents) > 1:
            raise errors.PermissionDenied(
                "Increasing the number of parents is not allowed", reason="cannotAddParent")
        parent_id = self.root_id(email) if parents[0] == "root" else parents[0]
        if parent_id in self.drives:
            drive = self.drives[parent_id]
            if not supports_all_drives or email not in drive.members:
                raise errors.drive_not_found(parent_id)
            if ROLE_RANK[drive.members[email]] < WRITER:
                raise errors.drive_insufficient_permissions(parent_id)
            return [parent_id], parent_id
        parent = self.require(parent_id, email, WRITER, supports_all_drives)
        if parent.mime_type != FOLDER:
            raise errors.InvalidArgument(
                "The specified parent is not a folder.", reason="invalidParent")
        return [parent.id], parent.drive_id

    def _check_storage(self, email: str, drive_id: str | None) -> None:
        if drive_id is None and is_service_account(email) and \
                not self.allow_service_account_storage:
            raise errors.storage_quota_exceeded()

    def generate_ids(self, count: int = 10, space: str = "drive", kind: str = "files") -> list[str]:
        """files.generateIds: `count` (1–1000) fresh ids for create or copy requests."""
        if not 1 <= count <= 1000:
            raise errors.InvalidArgument("Invalid Value", reason="invalid", location="count")
        if space not in ("drive", "appDataFolder"):
            raise errors.InvalidArgument("Invalid Value", reason="invalid", location="space")
        if kind not in ("files", "shortcuts"):
            raise errors.InvalidArgument("Invalid Value", reason="invalid", location="type")
        ids = [self.ids.file_id() for _ in range(count)]
        self.generated.update(ids)
        return ids

    def _chosen_id(self, file_id: str | None, mime: str) -> str:
        """The id of a new file: Drive's own, or the caller's from files.generateIds."""
        if not file_id:
            return self.ids.file_id()
        if file_id in self.files:
            raise errors.Conflict("A file already exists with the provided ID.",
                                  reason="fileIdInUse")
        if mime.startswith("application/vnd.google-apps.") and mime != FOLDER:
            raise errors.PermissionDenied(
                "Generated IDs are not supported for Docs Editors formats.",
                reason="generatedIdNotSupported")
        if file_id not in self.generated:
            raise errors.InvalidArgument("The provided file ID is not usable.",
                                         reason="fileIdNotUsable", location="file.id")
        return file_id

    def create(self, email: str, body: dict[str, Any], supports_all_drives: bool = False,
               *, check_storage: bool = True, with_content: bool = True) -> File:
        """files.create (metadata only); google-apps types get their backing content."""
        mime = body.get("mimeType") or "application/octet-stream"
        file_id = self._chosen_id(body.get("id"), mime)
        parents, drive_id = self._place(email, body.get("parents"), supports_all_drives)
        if check_storage:
            self._check_storage(email, drive_id)
        stamp = rfc3339(now())
        f = File(id=file_id, name=body.get("name") or "Untitled", mime_type=mime,
                 owner=None if drive_id else email, parents=parents, drive_id=drive_id,
                 app_properties=_clean(body.get("appProperties")),
                 properties=_clean(body.get("properties")),
                 description=body.get("description") or "", starred=bool(body.get("starred")),
                 created_time=stamp, modified_time=stamp, app_created=self.caller is not None)
        self.files[f.id] = f
        hook = self.content_hooks.get(mime, {}).get("create")
        if hook and with_content:
            hook(f)
        return f

    def upload(self, email: str, body: dict[str, Any], content: bytes,
               supports_all_drives: bool = False) -> File:
        """files.create with content (a media upload): a binary file; google-apps types cannot be
        uploaded this way by the fake (Google converts them; not modelled)."""
        if str(body.get("mimeType", "")).startswith("application/vnd.google-apps."):
            raise errors.Unimplemented("fake_google does not convert uploads to Google Docs "
                                       "Editors files.")
        f = self.create(email, body, supports_all_drives)
        f.content = bytes(content)
        return f

    def public_content(self, file_id: str) -> bytes | None:
        """The content of a binary file anyone with the link may read (None otherwise): what an
        unauthenticated fetch of its download address gets."""
        f = self.files.get(file_id)
        if f is None or f.trashed or not f.content:
            return None
        if not any(p.get("type") == "anyone" and ROLE_RANK.get(p.get("role", ""), 0) >= READER
                   and not p.get("view") for p in f.permissions):
            return None
        return f.content

    def copy(self, email: str, file_id: str, body: dict[str, Any],
             supports_all_drives: bool = False) -> File:
        """files.copy: the copy of a spreadsheet/document/form copies its content."""
        src = self.require(file_id, email, READER, supports_all_drives)
        if src.mime_type == FOLDER:
            raise errors.PermissionDenied("This file cannot be copied by the user.",
                                          reason="cannotCopyFile")
        parents = body.get("parents")
        if not parents and src.parents and not src.parents[0] in self.roots.values():
            parent_id = src.parents[0]
            parent_ok = (parent_id in self.drives and email in self.drives[parent_id].members
                         and supports_all_drives) or (
                parent_id in self.files and self.role(self.files[parent_id], email) >= WRITER
                and self.app_reaches(self.files[parent_id], email))
            parents = [parent_id] if parent_ok else None
        meta = {"id": body.get("id"), "name": body.get("name") or f"Copy of {src.name}", "mimeType": src.mime_type,
                "parents": parents, "description": body.get("description", src.description),
                "appProperties": body.get("appProperties"), "properties": body.get("properties")}
        placed_parents, drive_id = self._place(email, parents, supports_all_drives)
        self._check_storage(email, drive_id)
        new = self.create(email, meta, supports_all_drives, check_storage=False,
                          with_content=False)
        hook = self.content_hooks.get(src.mime_type, {}).get("copy")
        if hook:
            hook(src.id, new)
        return new

    def update(self, email: str, file_id: str, body: dict[str, Any], add_parents: str = "",
               remove_parents: str = "", supports_all_drives: bool = False) -> File:
        """files.update (metadata): name, description, appProperties/properties (null deletes
        a key), trashed, starred, addParents/removeParents."""
        f = self.require(file_id, email, WRITER, supports_all_drives)
        if "mimeType" in body and body["mimeType"] != f.mime_type:
            raise errors.InvalidArgument("The mimeType of a Google Apps file cannot be changed.",
                                         reason="invalid")
        for key, attr in (("name", "name"), ("description", "description"),
                          ("trashed", "trashed"), ("starred", "starred")):
            if key in body and body[key] is not None:
                setattr(f, attr, body[key])
        for key, attr in (("appProperties", "app_properties"), ("properties", "properties")):
            for k, v in (body.get(key) or {}).items():
                if v is None:
                    getattr(f, attr).pop(k, None)
                else:
                    getattr(f, attr)[k] = v
        removing = [p for p in remove_parents.split(",") if p]
        adding = [p for p in add_parents.split(",") if p]
        for p in removing:
            if p in f.parents:
                f.parents.remove(p)
        for p in adding:
            new_parents, drive_id = self._place(email, [p], supports_all_drives)
            if new_parents[0] not in f.parents:
                f.parents.append(new_parents[0])
            f.drive_id = drive_id
        if len(f.parents) > 1:
            raise errors.PermissionDenied(
                "Increasing the number of parents is not allowed. A file can only have one "
                "parent.", reason="cannotAddParent")
        f.touch()
        return f

    def delete(self, email: str, file_id: str, supports_all_drives: bool = False) -> None:
        """files.delete: owner only (organizer in a shared drive); folders take their content."""
        f = self.get_visible(file_id, email, supports_all_drives)
        needed = ORGANIZER if f.drive_id else OWNER
        if self.role(f, email) < needed:
            raise errors.drive_insufficient_permissions(file_id)
        self._remove(f)

    def _remove(self, f: File) -> None:
        for child in [c for c in self.files.values() if f.id in c.parents]:
            self._remove(child)
        self.files.pop(f.id, None)
        hook = self.content_hooks.get(f.mime_type, {}).get("delete")
        if hook:
            hook(f.id)

    def list(self, email: str, q: str = "", *, supports_all_drives: bool = False,
             include_all_drives: bool = False, drive_id: str | None = None,
             corpora: str | None = None, order_by: str | None = None) -> list[File]:
        """files.list over what the caller can see, filtered by ``q``."""
        pred = parse_query(q or "", self.root_id(email), email)
        found = []
        for f in self.files.values():
            if f.is_root:
                continue
            if f.drive_id:
                if not (supports_all_drives and include_all_drives):
                    continue
                if drive_id and f.drive_id != drive_id:
                    continue
            elif drive_id or corpora == "drive":
                continue
            if self.role(f, email) == 0 or not self.app_reaches(f, email):
                continue
            if pred(f):
                found.append(f)
        for clause in reversed([c.strip() for c in (order_by or "").split(",") if c.strip()]):
            key, _, direction = clause.partition(" ")
            attr = {"name": "name", "createdTime": "created_time", "modifiedTime": "modified_time",
                    "folder": "mime_type", "name_natural": "name"}.get(key)
            if attr is None:
                raise errors.InvalidArgument("Invalid Value", reason="invalid", location="orderBy")
            found.sort(key=lambda f: (attr != "mime_type" or f.mime_type != FOLDER,
                                      getattr(f, attr)) if attr == "mime_type"
                       else getattr(f, attr), reverse=direction.strip().lower() == "desc")
        return found

    # ---- permissions ------------------------------------------------------------------
    def share(self, file_id: str, email: str | None, role: str = "writer", kind: str = "user",
              domain: str | None = None, view: str | None = None) -> dict[str, Any]:
        """Grant a permission without any check (test control); returns the permission."""
        if file_id in self.drives:
            self.drives[file_id].members[email.lower()] = role  # type: ignore[union-attr]
            return {"kind": "drive#permission", "id": permission_id(email or ""),
                    "type": "user", "role": role, "emailAddress": email}
        f = self.files.get(file_id)
        if f is None:
            raise errors.drive_not_found(file_id)
        if kind == "anyone":
            perm = {"kind": "drive#permission", "id": "anyoneWithLink", "type": "anyone",
                    "role": role}
        elif kind == "domain":
            perm = {"kind": "drive#permission", "id": permission_id("domain:" + (domain or "")),
                    "type": "domain", "role": role, "domain": domain}
        else:
            email = (email or "").lower()
            perm = {"kind": "drive#permission", "id": permission_id(email), "type": kind,
                    "role": role, "emailAddress": email, "displayName": email.partition("@")[0]}
        if view:
            perm["view"] = view
        f.permissions = [p for p in f.permissions
                         if (p["id"], p.get("view")) != (perm["id"], view)] + [perm]
        return perm

    def permissions_create(self, email: str, file_id: str, body: dict[str, Any],
                           transfer_ownership: bool = False, supports_all_drives: bool = False
                           ) -> dict[str, Any]:
        role, kind = body.get("role"), body.get("type")
        if not role:
            raise errors.InvalidArgument("The permission role field is required.",
                                         reason="required", location="permission.role")
        if not kind:
            raise errors.InvalidArgument("The permission type field is required.",
                                         reason="required", location="permission.type")
        if file_id in self.drives:
            drive = self.drives[file_id]
            if not supports_all_drives or email not in drive.members:
                raise errors.drive_not_found(file_id)
            if ROLE_RANK[drive.members[email]] < ORGANIZER:
                raise errors.drive_insufficient_permissions(file_id)
            return self.share(file_id, body.get("emailAddress"), role)
        f = self.require(file_id, email, WRITER, supports_all_drives)
        if kind in ("user", "group") and not body.get("emailAddress"):
            raise errors.InvalidArgument("The permission emailAddress field is required.",
                                         reason="required", location="permission.emailAddress")
        if kind == "domain" and not body.get("domain"):
            raise errors.InvalidArgument("The permission domain field is required.",
                                         reason="required", location="permission.domain")
        view = body.get("view")
        if view is not None:
            # Google's wording for these two refusals is not documented; the rule is.
            if view != "published" or f.mime_type != "application/vnd.google-apps.form":
                raise errors.InvalidArgument(f"The view '{view}' is not supported for this file.",
                                             reason="invalid", location="permission.view")
            if role != "reader":
                raise errors.InvalidArgument("A permission of the published view must have the "
                                             "role reader.", reason="invalid",
                                             location="permission.role")
            return self.share(file_id, body.get("emailAddress"), role, kind, body.get("domain"),
                              view)
        if role == "owner":
            if not transfer_ownership:
                raise errors.PermissionDenied(
                    "The transferOwnership parameter must be enabled when the permission role "
                    "is 'owner'.", reason="forbidden")
            if self.role(f, email) < OWNER:
                raise errors.drive_insufficient_permissions(file_id)
            old_owner, f.owner = f.owner, body["emailAddress"].lower()
            if old_owner:
                self.share(file_id, old_owner, "writer")
            f.permissions = [p for p in f.permissions if p.get("emailAddress") != f.owner]
            return self.permission_json(f, f.owner)
        return self.share(file_id, body.get("emailAddress"), role, kind, body.get("domain"))

    def permission_json(self, f: File, owner: str) -> dict[str, Any]:
        return {"kind": "drive#permission", "id": permission_id(owner), "type": "user",
                "role": "owner", "emailAddress": owner, "displayName": owner.partition("@")[0]}

    def permissions_list(self, email: str, file_id: str, supports_all_drives: bool = False,
                         include_view: str | None = None) -> list[dict[str, Any]]:
        """permissions.list; the «published» view's permissions only with ``include_view``."""
        if include_view not in (None, "", "published"):
            raise errors.InvalidArgument("Invalid Value", reason="invalid",
                                         location="includePermissionsForView")
        if file_id in self.drives:
            drive = self.drives[file_id]
            if not supports_all_drives or email not in drive.members:
                raise errors.drive_not_found(file_id)
            return [{"kind": "drive#permission", "id": permission_id(m), "type": "user",
                     "role": r, "emailAddress": m} for m, r in drive.members.items()]
        f = self.require(file_id, email, READER, supports_all_drives)
        owner = [self.permission_json(f, f.owner)] if f.owner else []
        return owner + [dict(p) for p in f.permissions if include_view or not p.get("view")]

    def permissions_delete(self, email: str, file_id: str, perm_id: str,
                           supports_all_drives: bool = False) -> None:
        f = self.require(file_id, email, WRITER, supports_all_drives)
        if f.owner and perm_id == permission_id(f.owner):
            raise errors.PermissionDenied("The owner of a file cannot be removed.",
                                          reason="cannotRemoveOwner")
        before = len(f.permissions)
        f.permissions = [p for p in f.permissions if p["id"] != perm_id]
        if len(f.permissions) == before:
            raise errors.NotFound(f"Permission not found: {perm_id}.", location="permissionId")

    # ---- shared drives ----------------------------------------------------------------
    def drives_create(self, email: str, request_id: str, body: dict[str, Any]) -> SharedDrive:
        if not request_id:
            raise errors.InvalidArgument("A request ID is required to create a shared drive.",
                                         reason="required", location="requestId")
        for d in self.drives.values():
            if getattr(d, "request_id", None) == request_id:
                return d
        drive = SharedDrive(id="0A" + self.ids.token(17), name=body.get("name") or "Untitled",
                            created_time=rfc3339(now()), members={email: "organizer"})
        drive.request_id = request_id  # type: ignore[attr-defined]
        self.drives[drive.id] = drive
        return drive

    def drives_get(self, email: str, drive_id: str) -> SharedDrive:
        drive = self.drives.get(drive_id)
        if drive is None or email not in drive.members:
            raise errors.NotFound(f"Shared drive not found: {drive_id}", location="driveId")
        return drive

    # ---- about ------------------------------------------------------------------------
    def about(self, email: str) -> dict[str, Any]:
        """about.get: who the caller is; a service account has no storage (limit 0)."""
        return {"kind": "drive#about",
                "user": {"kind": "drive#user", "displayName": email.partition("@")[0],
                         "emailAddress": email, "me": True, "permissionId": permission_id(email)},
                "storageQuota": {"limit": "0" if is_service_account(email) else "16106127360",
                                 "usage": "0"}}

    # ---- output -----------------------------------------------------------------------
    def file_json(self, f: File, email: str) -> dict[str, Any]:
        """The full Drive file resource as the caller sees it."""
        role = self.role(f, email)
        out: dict[str, Any] = {
            "kind": "drive#file", "id": f.id, "name": f.name, "mimeType": f.mime_type,
            "starred": f.starred, "trashed": f.trashed, "explicitlyTrashed": f.trashed,
            "parents": list(f.parents), "version": str(f.version),
            "webViewLink": _web_link(f), "createdTime": f.created_time,
            "modifiedTime": f.modified_time, "description": f.description or None,
            "shared": bool(f.permissions), "ownedByMe": f.owner == email,
            "capabilities": {"canEdit": role >= WRITER, "canComment": role >= COMMENTER,
                             "canShare": role >= WRITER, "canCopy": f.mime_type != FOLDER,
                             "canDelete": role >= (ORGANIZER if f.drive_id else OWNER),
                             "canAddChildren": f.mime_type == FOLDER and role >= WRITER},
        }
        if f.content:
            out["size"] = str(len(f.content))
            out["webContentLink"] = f"https://drive.google.com/uc?id={f.id}&export=download"
        if f.app_properties:
            out["appProperties"] = dict(f.app_properties)
        if f.properties:
            out["properties"] = dict(f.properties)
        if f.drive_id:
            out["driveId"] = f.drive_id
        elif f.owner:
            out["owners"] = [{"kind": "drive#user", "displayName": f.owner.partition("@")[0],
                              "emailAddress": f.owner, "me": f.owner == email,
                              "permissionId": permission_id(f.owner)}]
            out["permissions"] = [self.permission_json(f, f.owner)] + \
                [dict(p) for p in f.permissions if not p.get("view")]
        return {k: v for k, v in out.items() if v is not None}


def _clean(mapping: dict[str, Any] | None) -> dict[str, str]:
    return {k: v for k, v in (mapping or {}).items() if v is not None}


def _web_link(f: File) -> str:
    kind = {SPREADSHEET: "spreadsheets", DOCUMENT: "document", FORM: "forms"}.get(f.mime_type)
    if kind:
        return f"https://docs.google.com/{kind}/d/{f.id}/edit?usp=drivesdk"
    if f.mime_type == FOLDER:
        return f"https://drive.google.com/drive/folders/{f.id}"
    return f"https://drive.google.com/file/d/{f.id}/view?usp=drivesdk"

