"""A whole workspace as one archive, for backup and restore.

The archive is a ZIP file holding ``manifest.json`` (format, workspace,
members by email and role), one ``decisions/<n>.json`` per decision with
every version of its audit trail (who, when, the patch, the document), and
one ``templates/<id>.json`` per template of the workspace's own (issue 14;
archives without them restore as before). A restore recreates the decisions
with their full history under new ids, and the templates.
Secrets (sessions, API tokens, survey links) are never archived: they stay
with the deployment that issued them.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from decisionroom.errors import ErrorDetail, InvalidInput, UnreadableFile
from decisionroom.library.catalog import parse_template
from decisionroom.store import audit
from decisionroom.store.accounts import add_workspace, now, set_role, user_by_email
from decisionroom.store.decisions import Actor, document_of, recommendation
from decisionroom.store.library import list_templates, save_template
from decisionroom.store.tables import Decision, DecisionChange, Membership, User, Workspace

__all__ = ["ARCHIVE_FORMAT", "backup", "restore"]

ARCHIVE_FORMAT = 1
MAX_ARCHIVE_BYTES = 512 * 1024 * 1024


def backup(session: Session, workspace: Workspace) -> bytes:
    """The workspace as archive bytes."""
    members = session.execute(
        select(User.email, Membership.role)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.workspace_id == workspace.id)
        .order_by(User.email)
    )
    manifest = {
        "decisionroom_archive": ARCHIVE_FORMAT,
        "workspace": workspace.name,
        "created_at": now().isoformat(),
        "members": [{"email": e, "role": r} for e, r in members],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest, indent=2))
        query = select(Decision).where(Decision.workspace_id == workspace.id).order_by(Decision.id)
        for n, row in enumerate(session.scalars(query), start=1):
            entry = {
                "created_at": row.created_at.isoformat(),
                "versions": [
                    {**audit.change_public(c), "document": c.document}
                    for c in audit.history(session, row.id)
                ],
            }
            archive.writestr(f"decisions/{n:05d}.json", json.dumps(entry, ensure_ascii=False))
        for template in list_templates(session, workspace.id):
            saved = {"actor": template.actor, "template": template.document}
            archive.writestr(
                f"templates/{template.template_id}.json", json.dumps(saved, ensure_ascii=False)
            )
    return buffer.getvalue()


Entries = list[tuple[str, dict[str, Any]]]


def _read(data: bytes, source: str) -> tuple[dict[str, Any], Entries, Entries]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            manifest = json.loads(archive.read("manifest.json"))
            names = sorted(n for n in archive.namelist() if n.startswith("decisions/"))
            entries = [(n, json.loads(archive.read(n))) for n in names]
            names = sorted(n for n in archive.namelist() if n.startswith("templates/"))
            templates = [(n, json.loads(archive.read(n))) for n in names]
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnreadableFile.at(
            source, f"This is not a decisionroom workspace archive ({exc}).", code="archive"
        ) from None
    if manifest.get("decisionroom_archive") != ARCHIVE_FORMAT:
        raise UnreadableFile.at(
            f"{source}: manifest.json",
            f"The archive format must be {ARCHIVE_FORMAT}.",
            input=manifest.get("decisionroom_archive"),
        )
    return manifest, entries, templates


def restore(
    session: Session, data: bytes, owner: User, *, name: str | None = None, source: str = ""
) -> tuple[Workspace, list[str]]:
    """Recreate an archived workspace (under ``name`` if given); returns it and notes.

    Every version is checked as a decision file first; nothing is stored unless
    all are valid. Members are re-attached when a user with their email exists.
    """
    manifest, entries, templates = _read(data, source)
    problems: list[ErrorDetail] = []
    for entry_name, entry in templates:
        try:
            parse_template(entry["template"], f"{source}: {entry_name}: template")
        except InvalidInput as exc:
            problems += exc.errors
        except (KeyError, TypeError):
            problems.append(ErrorDetail(f"{source}: {entry_name}", "archive", "Broken entry."))
    for entry_name, entry in entries:
        for i, version in enumerate(entry.get("versions") or []):
            try:
                document_of(version["document"])
            except InvalidInput as exc:
                loc = f"{source}: {entry_name}: versions[{i}]"
                problems += [
                    ErrorDetail(f"{loc}.{d.loc}", d.code, d.msg, d.input) for d in exc.errors
                ]
            except (KeyError, TypeError):
                problems.append(ErrorDetail(f"{source}: {entry_name}", "archive", "Broken entry."))
    if problems:
        raise InvalidInput(problems)
    workspace = add_workspace(session, name or str(manifest["workspace"]), owner)
    notes = []
    for member in manifest.get("members") or []:
        user = user_by_email(session, member["email"])
        if user is None:
            notes.append(f"member {member['email']} has no account here; not added")
        elif user.id != owner.id:
            set_role(session, workspace, user, member["role"])
    for _, entry in entries:
        _restore_decision(session, workspace, entry)
    for _, entry in templates:
        save_template(session, workspace.id, entry["template"], Actor(str(entry.get("actor"))))
    return workspace, notes


def _restore_decision(session: Session, workspace: Workspace, entry: dict[str, Any]) -> None:
    versions = entry["versions"]
    last = versions[-1]
    document = document_of(last["document"])
    row = Decision(
        workspace_id=workspace.id,
        version=last["version"],
        document=document,
        title=document["title"],
        client=document.get("client"),
        stage=document.get("stage"),
        recommendation=recommendation(document),
        created_at=dt.datetime.fromisoformat(entry["created_at"]),
        updated_at=dt.datetime.fromisoformat(last["at"]),
    )
    session.add(row)
    session.flush()
    for version in versions:
        user = user_by_email(session, version["actor"])
        session.add(
            DecisionChange(
                decision_id=row.id,
                version=version["version"],
                actor=version["actor"],
                user_id=user.id if user else None,
                summary=version["summary"],
                patch=version["patch"],
                document=version["document"],
                created_at=dt.datetime.fromisoformat(version["at"]),
            )
        )
    session.flush()
