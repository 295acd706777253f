"""Backup and restore of a whole workspace: `decisionroom workspace backup|restore`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from decisionroom.cli._common import ForceOption, guard
from decisionroom.cli._store import open_configured
from decisionroom.cli.account_commands import workspace_app


@workspace_app.command("backup")
def workspace_backup(
    name: Annotated[str, typer.Argument(help="Workspace name.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Archive to write (.zip).")],
    force: ForceOption = False,
) -> None:
    """Write a workspace with every decision and its whole history to one archive."""

    def body() -> None:
        from decisionroom.files import write_output
        from decisionroom.store.accounts import workspace_by_name
        from decisionroom.store.archive import backup

        store = open_configured()
        with store.transaction() as session:
            data = backup(session, workspace_by_name(session, name))
        store.close()
        write_output(output, data, overwrite=force, loc="--output")
        typer.echo(f"wrote {output}")

    guard(body)


@workspace_app.command("restore")
def workspace_restore(
    archive: Annotated[Path, typer.Argument(help="Archive written by `workspace backup`.")],
    owner: Annotated[str, typer.Option(help="Email of the restored workspace's owner.")],
    name: Annotated[
        str | None, typer.Option(help="Name of the restored workspace; default the archived one.")
    ] = None,
) -> None:
    """Recreate a workspace from an archive, every decision with its history; all or nothing."""

    def body() -> None:
        from decisionroom.errors import InvalidInput
        from decisionroom.files import read_input
        from decisionroom.store.accounts import user_by_email
        from decisionroom.store.archive import MAX_ARCHIVE_BYTES, restore

        data = read_input(archive, limit=MAX_ARCHIVE_BYTES, what="a workspace archive")
        store = open_configured()
        with store.transaction() as session:
            user = user_by_email(session, owner)
            if user is None:
                raise InvalidInput.at("--owner", "There is no user with this email.", input=owner)
            workspace, notes = restore(session, data, user, name=name, source=str(archive))
            restored = workspace.name
        store.close()
        for note in notes:
            typer.echo(f"note: {note}", err=True)
        typer.echo(f"restored workspace {restored}")

    guard(body)
