"""Commands of the library: new, templates, and the ``library`` group (save-template, ...)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Literal

import typer

from decisionroom.cli._app import app
from decisionroom.cli._common import ForceOption, FormatOption, check_format, guard

library_app = typer.Typer(
    help="The library: templates, questions and insights; search; learning from outcomes.",
    no_args_is_help=True,
)
app.add_typer(library_app, name="library")

OutputOption = Annotated[
    Path, typer.Option("--output", "-o", help="Where to write the file (`-`: standard output).")
]
StoreWorkspaceOption = Annotated[
    str | None,
    typer.Option(
        "--workspace",
        "-w",
        help="Use the team store: this workspace's own templates join the shipped and yours.",
    ),
]


def _workspace_id(session: Any, name: str) -> int:
    """The id of the named workspace of the team store (errors name ``--workspace``)."""
    from decisionroom.store.accounts import workspace_by_name
    from decisionroom.store.errors import NotFound

    try:
        return int(workspace_by_name(session, name).id)
    except NotFound:
        raise NotFound.at(
            "--workspace", "There is no workspace with this name.", input=name
        ) from None


def _catalog(workspace: str | None = None) -> Any:
    from decisionroom.library import Catalog, default_user_folder

    if workspace is None:
        return Catalog.load(default_user_folder())
    from decisionroom.cli._store import open_configured
    from decisionroom.store.library import workspace_catalog

    store = open_configured()
    try:
        with store.transaction(read_only=True) as session:
            return workspace_catalog(
                session, _workspace_id(session, workspace), default_user_folder()
            )
    finally:
        store.close()


def _header(template: Any) -> str:
    return (
        f"# Started from the template {template.id!r} ({template.title}).\n"
        "# Performance marked 'Template estimate' is typical for this kind of option:\n"
        "# replace it with the client's own figures. Next: decisionroom questions FILE\n"
    )


@app.command()
def new(
    template: Annotated[str, typer.Option("--template", "-t", help="Template id.")],
    output: OutputOption = Path("decision.yaml"),
    title: Annotated[str | None, typer.Option("--title", help="The decision's title.")] = None,
    force: ForceOption = False,
    workspace: StoreWorkspaceOption = None,
) -> None:
    """Start a decision file from a template (see `decisionroom templates`)."""

    def body() -> None:
        from decisionroom.files import is_stdio, write_output
        from decisionroom.library import new_decision
        from decisionroom.model.fileio import dumps
        from decisionroom.model.validate import validate

        chosen = _catalog(workspace).get(template)
        data = new_decision(chosen, title)
        validate(data)  # a template that yields an invalid file is a bug, caught here
        fmt: Literal["yaml", "json"] = "json" if output.suffix.lower() == ".json" else "yaml"
        text = dumps(data, fmt)
        if fmt == "yaml":
            text = _header(chosen) + text
        write_output(output, text.encode("utf-8"), overwrite=force)
        if not is_stdio(output):
            typer.echo(f"wrote {output} from the template {chosen.id!r}")
            typer.echo(f"next: decisionroom questions {output}")

    guard(body)


@app.command("templates")
def list_templates(fmt: FormatOption = "table", workspace: StoreWorkspaceOption = None) -> None:
    """List the templates (decision types): shipped ones, your own folder's, a workspace's."""

    def body() -> None:
        check_format(fmt)
        catalog = _catalog(workspace)
        rows = [
            {
                "id": t.id,
                "title": t.title,
                "description": t.description,
                "source": catalog.source(t.id),
                "factors": [f.id for f in t.factors],
                "questions": len(t.questions),
                "insights": len(t.insights),
            }
            for t in catalog.templates
        ]
        if fmt == "json":
            typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
            return
        width = max(len(r["id"]) for r in rows)
        marks = {"user": " (yours)", "workspace": f" (workspace {workspace})"}
        for r in rows:
            mark = marks.get(r["source"], "")
            typer.echo(f"{r['id']:<{width}}  {r['title']}{mark}")
        typer.echo(
            f"\nstart one with: decisionroom new --template {rows[0]['id']} -o decision.yaml"
        )

    guard(body)


@library_app.command("save-template")
def save_template(
    file: Annotated[Path, typer.Argument(help="Decision file to turn into a template.")],
    output: OutputOption,
    template_id: Annotated[str, typer.Option("--id", help="Id of the new template.")],
    title: Annotated[str | None, typer.Option("--title", help="Its title.")] = None,
    description: Annotated[
        str | None, typer.Option("--description", help="One or two sentences on when to use it.")
    ] = None,
    force: ForceOption = False,
) -> None:
    """Save a decision as a template, without the client's details (name, people, goal)."""

    def body() -> None:
        from decisionroom.files import write_output
        from decisionroom.library.catalog import parse_template
        from decisionroom.library.starter import decision_as_template
        from decisionroom.model import load
        from decisionroom.model.fileio import dumps

        data = decision_as_template(load(file), _catalog(), template_id, title, description)
        parse_template(data, "--id")  # the result must load as a template
        write_output(output, dumps(data).encode("utf-8"), inputs=[file], overwrite=force)
        typer.echo(
            f"wrote {output}: the template {template_id!r} without client, people, goal, "
            "challenges, needs, answers or outcome"
        )

    guard(body)


@library_app.command("search")
def library_search(
    text: Annotated[str, typer.Argument(help="Free text: the client's goal, challenge, a word.")],
    fmt: FormatOption = "table",
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Most hits shown.")] = 10,
    kind: Annotated[
        list[str] | None,
        typer.Option("--kind", help="Only template, insight or question hits. Repeatable."),
    ] = None,
    workspace: StoreWorkspaceOption = None,
) -> None:
    """Search templates, insights and questions; best first, matches marked with **."""

    def body() -> None:
        from decisionroom.errors import InvalidParameter
        from decisionroom.library.search import search

        check_format(fmt)
        for k in kind or []:
            if k not in ("template", "insight", "question"):
                raise InvalidParameter.at(
                    "--kind", "The kind must be template, insight or question.", input=k
                )
        if workspace is None:
            hits = search(_catalog(), text, limit=limit, kinds=tuple(kind or ()))
        else:
            hits = _store_search(workspace, text, limit, tuple(kind or ()))
        if fmt == "json":
            typer.echo(json.dumps([h.to_dict() for h in hits], indent=2, ensure_ascii=False))
            return
        if not hits:
            typer.echo("No match; try other words, or `decisionroom templates` for the list.")
            return
        for h in hits:
            where = "" if h.kind == "template" else f" (in {h.template})"
            typer.echo(f"{h.score:6.1f}  {h.kind:<8}  {h.id}{where}: {h.title}")
            typer.echo(f"          {h.snippet}")

    guard(body)


def _store_search(workspace: str, text: str, limit: int, kinds: tuple[str, ...]) -> list[Any]:
    """Search the workspace's library in the team store (PostgreSQL full-text search there)."""
    from decisionroom.cli._store import open_configured
    from decisionroom.library import default_user_folder
    from decisionroom.library.search import checked_terms
    from decisionroom.store.library import search_library

    checked_terms(text)  # bad input is reported before the store is opened
    store = open_configured()
    try:
        with store.transaction(read_only=True) as session:
            workspace_id = _workspace_id(session, workspace)
        return search_library(
            store, workspace_id, text, limit, kinds, user_folder=default_user_folder()
        )
    finally:
        store.close()


def load_workspace(paths: list[Path]) -> list[tuple[Path, Any]]:
    """Decision files given one by one or as folders (their .yaml, .yml, .json files)."""
    from decisionroom.errors import InvalidParameter
    from decisionroom.model import load

    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files += sorted(
                f for f in p.iterdir() if f.suffix.lower() in (".yaml", ".yml", ".json")
            )
        else:
            files.append(p)
    out = []
    for f in files:
        d = load(f)
        if d.outcome is not None and d.outcome.chosen not in {o.id for o in d.options}:
            raise InvalidParameter.at(
                f"{f}: outcome.chosen",
                "The chosen option is not one of the file's options.",
                input=d.outcome.chosen,
            )
        out.append((f, d))
    return out


@library_app.command("learn")
def library_learn(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Decision files, or folders of them (one workspace)."),
    ] = None,
    fmt: FormatOption = "table",
    workspace: Annotated[
        str | None,
        typer.Option(
            "--workspace", "-w", help="Learn from this workspace's decisions in the team store."
        ),
    ] = None,
    template: Annotated[
        str | None, typer.Option("--template", "-t", help="Only decisions of this template.")
    ] = None,
) -> None:
    """What experience says across decisions of the same template, with the counts."""

    def body() -> None:
        from decisionroom.errors import InvalidParameter
        from decisionroom.library.learn import learn

        check_format(fmt)
        if bool(paths) == (workspace is not None):
            raise InvalidParameter.at(
                "PATH",
                "Give decision files or folders, or --workspace for the team store (not both).",
                code="one_of",
            )
        if workspace is not None:
            found, skipped = _store_learn(workspace, template)
        else:
            decisions = [d for _, d in load_workspace(paths or [])]
            decisions = [d for d in decisions if template is None or d.template in (None, template)]
            found = learn(decisions)
            skipped = sum(1 for d in decisions if d.template is None)
        if fmt == "json":
            typer.echo(json.dumps([e.to_dict() for e in found], indent=2, ensure_ascii=False))
            return
        if not found:
            typer.echo("No decision file names a template; nothing to learn from.")
        for e in found:
            typer.echo(f"{e.template}: {e.decisions} decision(s)")
            for sentence in e.sentences():
                typer.echo(f"  - {sentence}")
        if skipped:
            what = "stored decision(s)" if workspace else "file(s)"
            typer.echo(f"({skipped} {what} without a template left out)")

    guard(body)


def _store_learn(workspace: str, template: str | None) -> tuple[list[Any], int]:
    """What one workspace's stored decisions say, and how many name no template."""
    from decisionroom.cli._store import open_configured
    from decisionroom.store import decisions
    from decisionroom.store.library import learn_workspace

    store = open_configured()
    try:
        with store.transaction(read_only=True) as session:
            workspace_id = _workspace_id(session, workspace)
            found = learn_workspace(session, workspace_id, template)
            rows = decisions.listing(session, [workspace_id])
            skipped = sum(1 for r in rows if not r.document.get("template"))
        return found, skipped
    finally:
        store.close()


@library_app.command("schema")
def library_schema() -> None:
    """Print the JSON Schema of a template file."""

    def body() -> None:
        from decisionroom.library.schema import render

        typer.echo(render(), nl=False)

    guard(body)
