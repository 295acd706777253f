"""Discovery commands: questions (what to ask next), answer (record it, show the effect), status."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from decisionroom.cli._app import app
from decisionroom.cli._common import FormatOption, check_format, guard

FileArgument = Annotated[Path, typer.Argument(help="Decision file (YAML or JSON).")]


def _in_place(file: Path) -> None:
    """Commands that update a file need a real one, not standard input."""
    from decisionroom.errors import InvalidParameter
    from decisionroom.files import is_stdio

    if is_stdio(file):
        raise InvalidParameter.at(
            "FILE", "This command updates the file in place; name a file, not '-'.", code="stdio"
        )


def _template_of(decision: Any) -> Any:
    """The decision's template, or None when it names none; unknown ids are errors."""
    if decision.template is None:
        return None
    from decisionroom.library import Catalog, default_user_folder

    return Catalog.load(default_user_folder()).get(decision.template, loc="template")


def _analysis(decision: Any, *, robustness: bool = True) -> dict[str, Any]:
    from decisionroom.analysis import analyze

    result: dict[str, Any] = analyze(decision, robustness=robustness, smaa=0).to_dict()
    return result


@app.command()
def questions(
    file: FileArgument,
    fmt: FormatOption = "table",
    experience: Annotated[
        list[Path] | None,
        typer.Option(
            "--experience",
            help="Decision files or folders of the same workspace to learn from. Repeatable.",
        ),
    ] = None,
) -> None:
    """What to ask next: open questions for the client's stage, the gaps, what experience says."""

    def body() -> None:
        from decisionroom.library.discovery import Item, current_stage, what_to_ask
        from decisionroom.model import load

        check_format(fmt)
        decision = load(file)
        template = _template_of(decision)
        items = what_to_ask(decision, template, _analysis(decision))
        if experience and decision.template is not None:
            from decisionroom.cli.library_commands import load_workspace
            from decisionroom.library.learn import learn

            others = [d for p, d in load_workspace(experience) if not _same(p, file)]
            for e in learn(others):
                if e.template == decision.template:
                    items += [
                        Item("experience", f"experience.{k}", text, detail=f"{e.decisions} files")
                        for k, text in enumerate(e.sentences())
                    ]
        if fmt == "json":
            typer.echo(json.dumps([i.to_dict() for i in items], indent=2, ensure_ascii=False))
            return
        asked = [i for i in items if i.kind == "question"]
        found = [i for i in items if i.kind == "gap"]
        stage = current_stage(decision)
        if template is None:
            typer.echo("No template: only the gaps are listed (start from one with `new`).")
        elif asked:
            typer.echo(f"Questions to ask (the client is at the {stage} stage):")
            for i in asked:
                typer.echo(f"  {i.id} [{i.stage}]: {i.text}")
                typer.echo(f"      {i.detail}  ->  decisionroom answer {file} {i.id} VALUE")
        else:
            typer.echo(f"Every question up to the {stage} stage is answered.")
        if found:
            typer.echo("Gaps:")
            for i in found:
                typer.echo(f"  - {i.text}")
                if i.detail and i.id.startswith("performance."):
                    typer.echo(f"      ({i.detail})")
        known = [i for i in items if i.kind == "insight"]
        if known:
            typer.echo("Insights to bring:")
            for i in known:
                typer.echo(f"  - {i.text} ({i.detail})")
        learned = [i for i in items if i.kind == "experience"]
        if learned:
            typer.echo("What your own past decisions of this type say:")
            for i in learned:
                typer.echo(f"  - {i.text}")

    guard(body)


def _same(a: Path, b: Path) -> bool:
    from decisionroom.files import same_file

    return a.exists() and b.exists() and same_file(a, b)


def _ranks(analysis: dict[str, Any]) -> dict[str, tuple[int, float]]:
    return {r["option"]: (r["rank"], r["score"]) for r in analysis["ranking"]}


@app.command()
def answer(
    file: FileArgument,
    question: Annotated[str, typer.Argument(help="Question id (see `decisionroom questions`).")],
    value: Annotated[str, typer.Argument(help="The answer: yes/no, a number, a choice or text.")],
    fmt: FormatOption = "table",
) -> None:
    """Record an answer in the file, apply its rules and show what changed in the analysis."""

    def body() -> None:
        from decisionroom.errors import DecisionroomError, InvalidParameter
        from decisionroom.files import write_output
        from decisionroom.library.rules import apply_answer, parse_answer
        from decisionroom.model import load
        from decisionroom.model.fileio import dumps, to_data
        from decisionroom.model.validate import validate

        check_format(fmt)
        _in_place(file)
        decision = load(file)
        template = _template_of(decision)
        if template is None:
            raise InvalidParameter.at(
                "template",
                "The decision names no template, so it has no questions; start from one "
                "with `decisionroom new --template ID`.",
                code="no_template",
            )
        found = next((q for q in template.questions if q.id == question), None)
        if found is None:
            known = ", ".join(q.id for q in template.questions)
            raise InvalidParameter.at(
                "QUESTION",
                f"The template {template.id!r} has no such question; its questions are: {known}.",
                code="unknown_question",
                input=question,
            )
        typed = parse_answer(found, value)
        before = _analysis(decision, robustness=False)
        earlier = decision.answers.get(found.id)
        data = to_data(decision)
        consequences = apply_answer(data, template, found, typed)
        updated = validate(data)
        text = dumps(updated, "json" if file.suffix.lower() == ".json" else "yaml")
        write_output(file, text.encode("utf-8"), overwrite=True, loc="")
        try:
            after: dict[str, Any] | None = _analysis(updated, robustness=False)
            failure = None
        except DecisionroomError as exc:
            after, failure = None, "; ".join(d.msg for d in exc.errors)
        if fmt == "json":
            typer.echo(
                json.dumps(
                    {
                        "question": found.id,
                        "answer": typed,
                        "previous_answer": earlier,
                        "consequences": [c.to_dict() for c in consequences],
                        "before": before["ranking"],
                        "after": after["ranking"] if after else None,
                        "analysis_error": failure,
                    },
                    indent=2,
                    ensure_ascii=False,
                )
            )
            return
        _print_answer(file, found.id, typed, earlier, consequences, before, after, failure)

    guard(body)


def _print_answer(
    file: Path,
    question: str,
    typed: Any,
    earlier: Any,
    consequences: list[Any],
    before: dict[str, Any],
    after: dict[str, Any] | None,
    failure: str | None,
) -> None:
    shown = "yes" if typed is True else "no" if typed is False else typed
    typer.echo(f"recorded {question} = {shown} in {file}")
    if earlier is not None and earlier != typed:
        typer.echo(
            f"  (it was {earlier!r}; what that answer changed stays in the file: review it by hand)"
        )
    if not consequences:
        typer.echo("This answer is context for the brief; it changes no weight, factor or option.")
    for c in consequences:
        typer.echo(f"  - {c.text}")
        typer.echo(f"    because {c.because}")
    if after is None:
        typer.echo(f"The analysis cannot run now: {failure}")
        return
    old, new = _ranks(before), _ranks(after)
    w_old, w_new = before["ranking"][0], after["ranking"][0]
    if w_old["option"] == w_new["option"]:
        typer.echo(f"Winner unchanged: {w_new['name']}.")
    else:
        typer.echo(f"Winner changed: {w_old['name']} -> {w_new['name']}.")
    typer.echo("rank  option                                        score")
    for r in after["ranking"]:
        was = old.get(r["option"])
        note = "new" if was is None else (f"was {was[0]}" if was[0] != r["rank"] else "")
        score = f"{was[1]:.3f} -> {r['score']:.3f}" if was else f"{r['score']:.3f}"
        typer.echo(f"{r['rank']:>4}  {r['name'][:44]:<44}  {score}  {note}".rstrip())
    for e in after.get("excluded", []):
        if e["option"] not in new:
            typer.echo(f"set aside: {e['option']}: {e['reason']}")


@app.command()
def status(file: FileArgument, fmt: FormatOption = "table") -> None:
    """Readiness: how well the decision is understood (0-100), with the checklist behind it."""

    def body() -> None:
        from decisionroom.library.readiness import readiness
        from decisionroom.model import load

        check_format(fmt)
        decision = load(file)
        result = readiness(decision, _template_of(decision), _analysis(decision))
        if fmt == "json":
            typer.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
            return
        typer.echo(f"{decision.title}: readiness {result.score}/100")
        for c in result.checks:
            mark = "n/a" if c.score is None else ("ok " if c.score >= 1 else f"{c.score:.0%}")
            typer.echo(f"  [{mark:>4}] {c.label}: {c.detail}")
        if decision.risks:
            typer.echo("Risks to address:")
            for r in decision.risks:
                typer.echo(f"  - {r.statement}")
        typer.echo(f"next: decisionroom questions {file}")

    guard(body)


def _check_chosen(decision: Any, chosen: str, loc: str) -> None:
    from decisionroom.errors import InvalidParameter

    ids = [o.id for o in decision.options]
    if chosen not in ids:
        raise InvalidParameter.at(
            loc,
            f"There is no option with this id; the options are: {', '.join(ids)}.",
            code="unknown_option",
            input=chosen,
        )


@app.command()
def outcome(
    file: FileArgument,
    chosen: Annotated[
        str | None, typer.Option("--chosen", help="Id of the option the client chose.")
    ] = None,
    decided_on: Annotated[
        str | None, typer.Option("--decided-on", help="When the client decided.")
    ] = None,
    result: Annotated[
        float | None, typer.Option("--result", help="The goal's metric, measured later.")
    ] = None,
    met: Annotated[
        bool | None, typer.Option("--met/--missed", help="Whether the result met the goal.")
    ] = None,
    measured_on: Annotated[
        str | None, typer.Option("--measured-on", help="When the result was measured.")
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="What happened.")] = None,
) -> None:
    """Record the client's final choice and, later, the result against the goal."""

    def body() -> None:
        from decisionroom.errors import InvalidParameter
        from decisionroom.files import write_output
        from decisionroom.model import load
        from decisionroom.model.fileio import dumps, to_data
        from decisionroom.model.validate import validate

        _in_place(file)
        decision = load(file)
        data = to_data(decision)
        current = dict(data.get("outcome") or {})
        if chosen is not None:
            _check_chosen(decision, chosen, "--chosen")
            current["chosen"] = chosen
        if "chosen" not in current:
            raise InvalidParameter.at(
                "--chosen",
                "Record the option the client chose first (--chosen ID), then the result.",
                code="missing",
            )
        given = {
            "decided_on": decided_on,
            "result": None if result is None else (int(result) if result.is_integer() else result),
            "met_goal": met,
            "measured_on": measured_on,
            "note": note,
        }
        current.update({k: v for k, v in given.items() if v is not None})
        data["outcome"] = current
        updated = validate(data)
        text = dumps(updated, "json" if file.suffix.lower() == ".json" else "yaml")
        write_output(file, text.encode("utf-8"), overwrite=True, loc="")
        o = updated.outcome
        assert o is not None
        name = updated.option(o.chosen).name or o.chosen
        typer.echo(f"recorded in {file}: the client chose {name}")
        if o.result is not None or o.met_goal is not None:
            unit = ""
            if updated.goal is not None:
                unit = f" against the goal '{updated.goal.statement}'"
            verdict = {True: "met the goal", False: "missed the goal", None: "not judged"}
            shown = "" if o.result is None else f"result {o.result:g}, "
            typer.echo(f"  {shown}{verdict[o.met_goal]}{unit}")

    guard(body)
