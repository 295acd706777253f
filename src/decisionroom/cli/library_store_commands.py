"""A workspace's own templates in the team store: `library store-template`, `remove-template`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer

from decisionroom.cli._common import guard
from decisionroom.cli._store import AsOption, WorkspaceOption, actor_for, open_configured
from decisionroom.cli.library_commands import library_app
from decisionroom.errors import DecisionroomError, ErrorDetail


@library_app.command("store-template")
def store_template(
    decision: Annotated[int, typer.Argument(help="Decision id in the team store.")],
    template_id: Annotated[str, typer.Option("--id", help="Id of the new template.")],
    title: Annotated[str | None, typer.Option("--title", help="Its title.")] = None,
    description: Annotated[
        str | None, typer.Option("--description", help="One or two sentences on when to use it.")
    ] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Replace the workspace's template with this id.")
    ] = False,
    author: AsOption = None,
) -> None:
    """Save a stored decision as a template of its workspace, without the client's details."""

    def body() -> None:
        from decisionroom.store.errors import NotFound
        from decisionroom.store.library import save_decision_as_template
        from decisionroom.store.tables import Decision, Workspace

        store = open_configured()
        try:
            with store.transaction() as session:
                row = session.get(Decision, decision)
                if row is None:
                    raise NotFound.at(
                        "DECISION", "There is no decision with this id.", input=decision
                    )
                with _named("--id"):
                    saved = save_decision_as_template(
                        session,
                        decision,
                        [row.workspace_id],
                        template_id,
                        actor_for(session, author),
                        title=title,
                        description=description,
                        replace=replace,
                    )
                workspace = session.get(Workspace, row.workspace_id)
                name = workspace.name if workspace else row.workspace_id
        finally:
            store.close()
        typer.echo(
            f"stored the template {saved.template_id!r} in the workspace {name}, without client, "
            "people, goal, challenges, needs, answers or outcome"
        )

    guard(body)


@library_app.command("remove-template")
def remove_template(
    template_id: Annotated[str, typer.Argument(help="Id of one of the workspace's templates.")],
    workspace: WorkspaceOption = None,
) -> None:
    """Delete one of a workspace's own templates (shipped templates stay)."""

    def body() -> None:
        from decisionroom.cli._store import pick_workspace
        from decisionroom.store.library import delete_template

        store = open_configured()
        try:
            with store.transaction() as session:
                found = pick_workspace(session, workspace)
                with _named("TEMPLATE_ID"):
                    delete_template(session, found.id, template_id)
                name = found.name
        finally:
            store.close()
        typer.echo(f"removed the template {template_id!r} from the workspace {name}")

    guard(body)


@contextmanager
def _named(loc: str) -> Iterator[None]:
    """Name the command's own argument or option in errors about the template id."""
    try:
        yield
    except DecisionroomError as exc:
        exc.errors = [
            ErrorDetail(loc if d.loc == "template_id" else d.loc, d.code, d.msg, d.input)
            for d in exc.errors
        ]
        raise
