"""Sign in and out, the workspace switcher, CSRF, cookies, CSP and the sign-in rate limit."""

from __future__ import annotations

from tests.web.pages_fixtures import PASSWORD, csrf, sign_in, site  # noqa: F401


def test_pages_need_a_session_and_sign_in_returns_to_them(site):  # noqa: F811
    c = site.client
    r = c.get(f"/d/{site.decision_id}?tab=factors")
    assert r.status_code == 303
    assert r.headers["location"] == f"/login?next=/d/{site.decision_id}%3Ftab%3Dfactors"
    token = csrf(c)
    r = c.post(
        "/login",
        data={
            "email": "dana@example.com",
            "password": PASSWORD,
            "csrf_token": token,
            "next": f"/d/{site.decision_id}?tab=factors",
        },
    )
    assert r.status_code == 303
    assert r.headers["location"] == f"/d/{site.decision_id}?tab=factors"
    cookie = r.headers["set-cookie"]
    assert "decisionroom_session=" in cookie
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Secure" not in cookie
    assert c.get("/board").status_code == 200


def test_secure_cookie_over_tls(site):  # noqa: F811
    from fastapi.testclient import TestClient

    with TestClient(site.app, base_url="https://testserver", follow_redirects=False) as c:
        token = csrf(c)
        r = c.post(
            "/login", data={"email": "dana@example.com", "password": PASSWORD, "csrf_token": token}
        )
        assert "Secure" in r.headers["set-cookie"]
        assert r.headers["strict-transport-security"] == "max-age=31536000"


def test_a_login_never_redirects_off_site(site):  # noqa: F811
    token = csrf(site.client)
    r = site.client.post(
        "/login",
        data={
            "email": "dana@example.com",
            "password": PASSWORD,
            "csrf_token": token,
            "next": "//evil.example/x",
        },
    )
    assert r.headers["location"] == "/board"


def test_wrong_password_is_one_message_and_attempts_are_limited(site):  # noqa: F811
    c = site.client
    token = csrf(c)
    for _ in range(10):
        r = c.post(
            "/login", data={"email": "dana@example.com", "password": "nope", "csrf_token": token}
        )
        assert r.status_code == 401
        assert "The email or the password is wrong." in r.text
    r = c.post(
        "/login", data={"email": "dana@example.com", "password": PASSWORD, "csrf_token": token}
    )
    assert r.status_code == 429
    assert "Too many failed sign-ins for this email; try again in 15 minutes." in r.text
    # another app process (a second app on the same database) sees the same count
    from fastapi.testclient import TestClient

    from decisionroom.web import create_app

    with TestClient(create_app(store=site.store, worker=False), follow_redirects=False) as other:
        t2 = csrf(other)
        r = other.post(
            "/login", data={"email": "dana@example.com", "password": PASSWORD, "csrf_token": t2}
        )
        assert r.status_code == 429
    # the limit is per email: a colleague still signs in
    r = c.post(
        "/login", data={"email": "vic@example.com", "password": PASSWORD, "csrf_token": token}
    )
    assert r.status_code == 303


def test_every_page_post_needs_the_csrf_token(site):  # noqa: F811
    c = site.client
    sign_in(c, "dana@example.com")
    for url, data in [
        ("/logout", {}),
        ("/workspace", {"workspace": "dana-lab"}),
        ("/board/new", {"title": "x"}),
        (f"/d/{site.decision_id}/stage", {"stage": "results"}),
        (f"/d/{site.decision_id}/edit/about", {"title": "x", "base": "1"}),
        (f"/d/{site.decision_id}/links/ceo", {}),
        (f"/d/{site.decision_id}/restore/1", {}),
    ]:
        for token in (None, "forged"):
            body = dict(data, **({"csrf_token": token} if token else {}))
            r = c.post(url, data=body)
            assert r.status_code == 403, url
            assert "This form has expired or came from another site" in r.text
    # nothing changed: still version 1
    assert c.get(f"/api/v1/decisions/{site.decision_id}").json()["version"] == 1


def test_a_request_from_another_site_is_refused_even_with_the_token(site):  # noqa: F811
    c = site.client
    sign_in(c, "dana@example.com")
    token = csrf(c)
    r = c.post(
        f"/d/{site.decision_id}/stage",
        data={"stage": "results", "csrf_token": token},
        headers={"Origin": "https://evil.example"},
    )
    assert r.status_code == 403
    assert r.json()["errors"][0]["msg"] == "Requests from other sites are refused."


def test_security_headers_on_pages_and_api(site):  # noqa: F811
    for url in ("/login", "/api/v1/openapi.json", "/static/app.css"):
        r = site.client.get(url)
        csp = r.headers["content-security-policy"]
        assert "script-src 'self';" in csp and "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
        assert "unsafe-eval" not in csp
        assert r.headers["x-content-type-options"] == "nosniff"


def test_no_page_holds_an_inline_script_or_an_outside_address(site):  # noqa: F811
    import re

    c = site.client
    sign_in(c, "dana@example.com")
    d = site.decision_id
    pages = ["/board"] + [
        f"/d/{d}?tab={t}"
        for t in ("map", "factors", "options", "stakeholders", "analysis", "brief", "history")
    ]
    for url in pages:
        html = c.get(url).text
        for script in re.findall(r"<script[^>]*>", html):
            assert 'src="/static/' in script, (url, script)
        assert not re.search(r"<script[^>]*>\s*[^<\s]", html), url
        assert not re.search(r'(src|href)="(https?:)?//', html), url
        assert not re.search(r"\son[a-z]+=", html), url  # no inline event handlers


def test_switch_workspace_and_sign_out(site):  # noqa: F811
    c = site.client
    sign_in(c, "dana@example.com")
    board = c.get("/board").text
    assert "Marketing capability for growth" not in board or "northwind" in board
    token = csrf(c)
    r = c.post("/workspace", data={"workspace": "dana-lab", "csrf_token": token})
    assert r.status_code == 303
    board = c.get("/board").text
    assert "Head of marketing" in board or "head" in board.lower()
    assert "Marketing capability for growth" not in board
    # a workspace the user is not in is ignored
    c.post("/workspace", data={"workspace": "globex", "csrf_token": token})
    assert "Olga" not in c.get("/board").text
    r = c.post("/logout", data={"csrf_token": token})
    assert r.status_code == 303 and r.headers["location"] == "/login"
    assert c.get("/board").status_code == 303


def test_the_api_sign_in_is_limited_too(site):  # noqa: F811
    c = site.client
    for _ in range(10):
        r = c.post("/api/v1/session", json={"email": "vic@example.com", "password": "nope"})
        assert r.status_code == 401
    r = c.post("/api/v1/session", json={"email": "vic@example.com", "password": PASSWORD})
    assert r.status_code == 429
    assert (
        r.json()["errors"][0]["msg"]
        == "Too many failed sign-ins for this email; try again in 15 minutes."
    )
