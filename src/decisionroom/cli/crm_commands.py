"""CRM interop by CSV: `decisionroom crm import` and `decisionroom crm export`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from decisionroom.cli._app import app
from decisionroom.cli._common import ForceOption, guard, stderr
from decisionroom.cli._store import (
    AsOption,
    WorkspaceOption,
    actor_for,
    open_configured,
    pick_workspace,
)

crm_app = typer.Typer(help="Exchange decisions with a CRM by CSV.", no_args_is_help=True)
app.add_typer(crm_app, name="crm")


@crm_app.command("import")
def crm_import(
    opportunities: Annotated[
        Path, typer.Argument(help="Salesforce opportunity export or HubSpot deal export (CSV).")
    ],
    template: Annotated[
        Path, typer.Option(help="Decision file with the factors and options to start from.")
    ],
    contacts: Annotated[
        Path | None, typer.Option(help="Contact roles export: the stakeholders.")
    ] = None,
    competitors: Annotated[
        Path | None, typer.Option(help="Competitors export: external options.")
    ] = None,
    workspace: WorkspaceOption = None,
    author: AsOption = None,
) -> None:
    """Create one decision per opportunity; every row is checked first, then all or none."""

    def body() -> None:
        from decisionroom.errors import ErrorDetail, InvalidInput
        from decisionroom.store import decisions
        from decisionroom.store.crm.build import read_opportunities, template_data

        base = template_data(template)
        found, notes = read_opportunities(
            opportunities, base, contacts=contacts, competitors=competitors
        )
        problems: list[ErrorDetail] = []
        for data in found:
            try:
                decisions.document_of(data)
            except InvalidInput as exc:
                where = f"{opportunities}: {data['title']}"
                problems += [
                    ErrorDetail(f"{where}: {d.loc}", d.code, d.msg, d.input) for d in exc.errors
                ]
        if problems:
            raise InvalidInput(problems)
        for note in notes:
            stderr(f"note: {note}")
        store = open_configured()
        with store.transaction() as session:
            ws = pick_workspace(session, workspace)
            actor = actor_for(session, author)
            for data in found:
                decisions.create(session, ws.id, data, actor, analyse=False)
            name = ws.name
        store.close()
        typer.echo(f"imported {len(found)} decision(s) into {name}")

    guard(body)


@crm_app.command("export")
def crm_export(
    decision: Annotated[list[int], typer.Argument(help="Decision ids in the team store.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="CSV to write (- for stdout).")],
    force: ForceOption = False,
) -> None:
    """Write a CSV to update the CRM: recommendation, margin, first-place share, consensus, stage.

    One row per decision; the winner's first-place share comes from SMAA-2.
    """

    def body() -> None:
        from decisionroom.files import is_stdio, write_output
        from decisionroom.store.analyses import analysis_of
        from decisionroom.store.crm.export import crm_row, export_csv
        from decisionroom.store.errors import NotFound
        from decisionroom.store.tables import Decision

        store = open_configured()
        rows = []
        for decision_id in decision:
            with store.transaction() as session:
                row = session.get(Decision, decision_id)
                if row is None:
                    raise NotFound.at(
                        "DECISION", "There is no decision with this id.", input=decision_id
                    )
                version, document = row.version, dict(row.document)
            analysis = analysis_of(store, decision_id, version, document)
            rows.append(crm_row(decision_id, version, document, analysis))
        store.close()
        write_output(output, export_csv(rows), overwrite=force, loc="--output")
        if not is_stdio(output):
            typer.echo(f"wrote {output} ({len(rows)} decision(s))")

    guard(body)
