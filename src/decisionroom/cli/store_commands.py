"""Decisions in the team store: `history`, `import`, `export`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from decisionroom.cli._app import app
from decisionroom.cli._common import ForceOption, guard
from decisionroom.cli._store import (
    AsOption,
    WorkspaceOption,
    actor_for,
    open_configured,
    pick_workspace,
)

DecisionArgument = Annotated[int, typer.Argument(help="Decision id in the team store.")]


@app.command()
def history(
    decision: DecisionArgument,
    show: Annotated[
        int | None, typer.Option(help="Print this version of the decision file (YAML).")
    ] = None,
    patch: Annotated[bool, typer.Option(help="Print each change as a JSON Patch.")] = False,
) -> None:
    """Show every version of a stored decision: who changed what, when (the audit trail)."""

    def body() -> None:
        import json

        from decisionroom.model.fileio import dumps
        from decisionroom.store import audit, decisions
        from decisionroom.store.errors import NotFound
        from decisionroom.store.tables import Decision

        store = open_configured()
        with store.transaction() as session:
            if session.get(Decision, decision) is None:
                raise NotFound.at("DECISION", "There is no decision with this id.", input=decision)
            if show is not None:
                document = audit.version_document(session, decision, show)
                # Through the model: keys in the file's order (PostgreSQL's JSONB sorts them).
                typer.echo(
                    dumps(decisions.document_of(decisions.in_file_order(document))), nl=False
                )
                return
            for change in audit.history(session, decision):
                when = change.created_at.strftime("%Y-%m-%d %H:%M:%S UTC")
                typer.echo(f"v{change.version}  {when}  {change.actor}  {change.summary}")
                if patch:
                    typer.echo("  " + json.dumps(change.patch, ensure_ascii=False))
        store.close()

    guard(body)


@app.command("import")
def import_files(
    files: Annotated[list[Path], typer.Argument(help="Decision files (YAML or JSON).")],
    workspace: WorkspaceOption = None,
    author: AsOption = None,
) -> None:
    """Store decision files in a workspace; all or none (every file is checked first)."""

    def body() -> None:
        from decisionroom.errors import ErrorDetail, InvalidDecision, UnreadableFile
        from decisionroom.model.fileio import read
        from decisionroom.store import decisions

        problems: list[ErrorDetail] = []
        loaded = []
        for path in files:
            try:
                data = read(path)
                decisions.document_of(data)
                loaded.append((path, data))
            except (InvalidDecision, UnreadableFile) as exc:
                problems.extend(
                    ErrorDetail(f"{path}: {d.loc}" if d.loc else str(path), d.code, d.msg, d.input)
                    for d in exc.errors
                )
        if problems:
            raise InvalidDecision(problems)
        store = open_configured()
        with store.transaction() as session:
            ws = pick_workspace(session, workspace)
            actor = actor_for(session, author)
            for path, data in loaded:
                row = decisions.create(session, ws.id, data, actor, analyse=False)
                typer.echo(f"imported {path} as decision {row.id} in {ws.name}")
        store.close()

    guard(body)


@app.command()
def export(
    decision: DecisionArgument,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Decision file to write (.yaml or .json; -).")
    ],
    force: ForceOption = False,
) -> None:
    """Write a stored decision as a decision file (the current version)."""

    def body() -> None:
        from decisionroom.files import is_stdio, write_output
        from decisionroom.model.fileio import dumps
        from decisionroom.store.decisions import model_of
        from decisionroom.store.errors import NotFound
        from decisionroom.store.tables import Decision

        store = open_configured()
        with store.transaction() as session:
            row = session.get(Decision, decision)
            if row is None:
                raise NotFound.at("DECISION", "There is no decision with this id.", input=decision)
            as_json = output.suffix.lower() == ".json"
            text = dumps(model_of(row), "json" if as_json else "yaml")  # file order (in_file_order)
        store.close()
        write_output(output, text.encode("utf-8"), overwrite=force, loc="--output")
        if not is_stdio(output):
            typer.echo(f"wrote {output} (decision {decision}, version {row.version})")

    guard(body)
