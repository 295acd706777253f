"""Accounts on the team store: `decisionroom user add`, `decisionroom workspace add`."""

from __future__ import annotations

from typing import Annotated

import typer

from decisionroom.cli._app import app
from decisionroom.cli._common import guard
from decisionroom.cli._store import open_configured

user_app = typer.Typer(help="Users of the team store.", no_args_is_help=True)
workspace_app = typer.Typer(help="Workspaces (teams) of the team store.", no_args_is_help=True)
app.add_typer(user_app, name="user")
app.add_typer(workspace_app, name="workspace")


@user_app.command("add")
def user_add(
    email: Annotated[str, typer.Argument(help="The user's email, their login.")],
    name: Annotated[str, typer.Option(help="Full name; default the email.")] = "",
    password: Annotated[
        str,
        typer.Option(
            prompt=True,
            hide_input=True,
            confirmation_prompt=True,
            envvar="DECISIONROOM_PASSWORD",
            help="At least 8 characters; asked for when not given.",
        ),
    ] = "",
) -> None:
    """Add a user who can sign in to the team server."""

    def body() -> None:
        from decisionroom.store.accounts import add_user

        store = open_configured()
        with store.transaction() as session:
            user = add_user(session, email, name, password)
            typer.echo(f"added user {user.email}")
        store.close()

    guard(body)


@user_app.command("token")
def user_token(
    email: Annotated[str, typer.Argument(help="The user's email.")],
    name: Annotated[str, typer.Option(help="What the token is for.")] = "command line",
) -> None:
    """Create a personal API token for a user and print it (shown once, stored hashed)."""

    def body() -> None:
        from decisionroom.errors import InvalidInput
        from decisionroom.store.accounts import create_api_token, user_by_email

        store = open_configured()
        with store.transaction() as session:
            user = user_by_email(session, email)
            if user is None:
                raise InvalidInput.at("EMAIL", "There is no user with this email.", input=email)
            _, token = create_api_token(session, user, name)
        store.close()
        typer.echo(token)

    guard(body)


@workspace_app.command("add")
def workspace_add(
    name: Annotated[str, typer.Argument(help="Workspace name: letters, digits, _ . -")],
    owner: Annotated[str, typer.Option(help="Email of the first owner (an existing user).")],
) -> None:
    """Add a workspace (a team) with its first owner."""

    def body() -> None:
        from decisionroom.errors import InvalidInput
        from decisionroom.store.accounts import add_workspace, user_by_email

        store = open_configured()
        with store.transaction() as session:
            user = user_by_email(session, owner)
            if user is None:
                raise InvalidInput.at("--owner", "There is no user with this email.", input=owner)
            add_workspace(session, name, user)
        store.close()
        typer.echo(f"added workspace {name} (owner {user.email})")

    guard(body)


@workspace_app.command("member")
def workspace_member(
    name: Annotated[str, typer.Argument(help="Workspace name.")],
    email: Annotated[str, typer.Argument(help="Email of an existing user.")],
    role: Annotated[str, typer.Option(help="owner, member or viewer.")] = "member",
) -> None:
    """Give a user a role in a workspace (owner, member or viewer)."""

    def body() -> None:
        from decisionroom.errors import InvalidInput
        from decisionroom.store.accounts import set_role, user_by_email, workspace_by_name

        store = open_configured()
        with store.transaction() as session:
            workspace = workspace_by_name(session, name)
            user = user_by_email(session, email)
            if user is None:
                raise InvalidInput.at("EMAIL", "There is no user with this email.", input=email)
            set_role(session, workspace, user, role)
        store.close()
        typer.echo(f"{email} is now {role} of {name}")

    guard(body)
