"""Signing in and out, the signed-in user, personal API tokens."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from sqlalchemy import select

from decisionroom.store import accounts
from decisionroom.store.errors import NotAuthenticated
from decisionroom.store.tables import ApiToken
from decisionroom.web.deps import COOKIE, Ctx
from decisionroom.web.routes._shared import Id, errs, located, workspace_names
from decisionroom.web.schemas import (
    Login,
    MePublic,
    TokenCreate,
    TokenPublic,
    WorkspaceRole,
)

router = APIRouter(tags=["accounts"], responses=errs(401, 422))


@router.post("/session", status_code=204, responses=errs(429))
def sign_in(body: Login, ctx: Ctx, request: Request) -> Response:
    """Sign in with email and password; sets the session cookie (HttpOnly, SameSite=Strict)."""
    try:
        with ctx.anonymous() as session:
            accounts.check_sign_in_allowed(session, body.email)
            user = accounts.authenticate(session, body.email, body.password)
            token = accounts.create_session(session, user, ctx.store.settings.session_days)
    except NotAuthenticated:
        # Recorded in its own transaction: the failed request's one is rolled back.
        with ctx.anonymous() as session:
            accounts.record_sign_in_failure(session, body.email)
        raise
    response = Response(status_code=204)
    response.set_cookie(
        COOKIE,
        token,
        max_age=ctx.store.settings.session_days * 86400,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/",
    )
    return response


@router.delete("/session", status_code=204)
def sign_out(ctx: Ctx) -> Response:
    """Sign out: the session ends on the server and the cookie is removed."""
    with ctx.anonymous() as session:
        if ctx.cookie:
            accounts.end_session(session, ctx.cookie)
    response = Response(status_code=204)
    response.delete_cookie(COOKIE, path="/")
    return response


@router.get("/me")
def me(ctx: Ctx) -> MePublic:
    """The signed-in user and their workspaces with their role in each."""
    with ctx.begin() as tx:
        names = workspace_names(tx.session, tx.roles)
        spaces = [WorkspaceRole(name=names[i], role=r) for i, r in sorted(tx.roles.items())]
        return MePublic(email=tx.user.email, name=tx.user.name, workspaces=spaces)


def _token(row: ApiToken, token: str | None = None) -> TokenPublic:
    return TokenPublic(
        id=row.id, name=row.name, created_at=row.created_at, revoked_at=row.revoked_at, token=token
    )


@router.post("/tokens", status_code=201)
def create_token(body: TokenCreate, ctx: Ctx) -> TokenPublic:
    """Create a personal API token for scripts; the token is shown in this answer only."""
    with ctx.begin() as tx:
        row, token = accounts.create_api_token(tx.session, tx.user, body.name)
        return _token(row, token)


@router.get("/tokens")
def list_tokens(ctx: Ctx) -> list[TokenPublic]:
    """Your personal API tokens (without the tokens themselves)."""
    with ctx.begin() as tx:
        rows = tx.session.scalars(
            select(ApiToken).where(ApiToken.user_id == tx.user.id).order_by(ApiToken.id)
        )
        return [_token(r) for r in rows]


@router.delete("/tokens/{token_id}", status_code=204, responses=errs(404))
def revoke_token(token_id: Id, ctx: Ctx) -> Response:
    """Revoke one of your personal API tokens; it stops working at once."""
    with ctx.begin() as tx:
        with located("path"):
            accounts.revoke_api_token(tx.session, tx.user, token_id)
    return Response(status_code=204)
