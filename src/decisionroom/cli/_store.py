"""What the commands on the team store share: opening it, choosing a workspace, the actor."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from decisionroom.errors import InvalidInput

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from decisionroom.store import Store
    from decisionroom.store.decisions import Actor
    from decisionroom.store.tables import Workspace

WorkspaceOption = Annotated[
    str | None,
    typer.Option(
        "--workspace", "-w", help="Workspace name; may be left out when there is only one."
    ),
]
AsOption = Annotated[
    str | None,
    typer.Option("--as", help="Email of the user recorded as the author of the change."),
]


def open_configured() -> Store:
    """The store the environment configures (``DECISIONROOM_DATA_DIR`` / ``_DATABASE_URL``)."""
    try:
        from decisionroom.settings import Settings
        from decisionroom.store import open_store
    except ImportError:
        raise InvalidInput.at(
            "",
            "The team store needs the server extra: pip install 'decisionroom[server]'.",
            code="missing_extra",
        ) from None
    return open_store(Settings())


def pick_workspace(session: Session, name: str | None) -> Workspace:
    """The named workspace, or the only one there is."""
    from sqlalchemy import select

    from decisionroom.store.accounts import workspace_by_name
    from decisionroom.store.tables import Workspace

    if name is not None:
        return workspace_by_name(session, name)
    found = list(session.scalars(select(Workspace).order_by(Workspace.name).limit(2)))
    if len(found) != 1:
        raise InvalidInput.at(
            "--workspace",
            "Name the workspace with --workspace; "
            + (
                "there is none yet (decisionroom workspace add)."
                if not found
                else "there are several."
            ),
            code="missing",
        )
    return found[0]


def actor_for(session: Session, email: str | None) -> Actor:
    """The author recorded for a change made from the command line."""
    import getpass

    from decisionroom.store.accounts import user_by_email
    from decisionroom.store.decisions import Actor

    if email is None:
        return Actor(f"command line ({getpass.getuser()})")
    user = user_by_email(session, email)
    if user is None:
        raise InvalidInput.at("--as", "There is no user with this email.", input=email)
    return Actor(user.email, user.id)
