"""``advisor serve``: the guarded textual-serve app, run in-process with aiohttp's test server.
A foreign Origin or Host is refused, the page's own origin works, advisor mode needs its key,
only loopback addresses are served without --allow-remote (advisor mode: never beyond this
computer), and the page loads nothing from the internet."""

from __future__ import annotations

import asyncio
import re
import socket
import sys

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer

from advisor.errors import InputError
from advisor.tui.serve import check_host, is_loopback, make_server

#: a stand-in for the app process: the WebSocket handshake is what is tested, not the app
QUICK = f"{sys.executable} -c pass"
EVIL = "http://evil.example.com"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_with(mode: str, check, host: str = "127.0.0.1", **kw):
    """Start the server's aiohttp app on a free port and run ``await check(client, server)``."""
    port = free_port()

    async def go():
        server = make_server(mode, host=host, port=port, **kw)
        server.command = QUICK
        app = await server._make_app()
        async with TestClient(TestServer(app, host="127.0.0.1", port=port)) as client:
            await check(client, server)
            await asyncio.sleep(0.3)  # let the stand-in app processes be reaped while the loop runs

    asyncio.run(go())


async def ws_status(client, headers=None, path="/ws") -> int:
    """The HTTP status of a WebSocket handshake (101 when it is accepted)."""
    try:
        ws = await client.ws_connect(path, headers=headers or {})
    except aiohttp.WSServerHandshakeError as err:
        return err.status
    await ws.close()
    return 101


def origin(client) -> str:
    return f"http://127.0.0.1:{client.port}"


# --------------------------------------------------------------------------- Origin and Host


def test_the_kiosk_refuses_a_foreign_origin_and_accepts_its_own():
    async def check(client, server):
        assert await ws_status(client, {"Origin": EVIL}) == 403
        assert await ws_status(client, {"Origin": f"http://localhost.evil.example.com:{client.port}"}) == 403
        assert await ws_status(client, {}) == 403  # a WebSocket without an Origin is not a browser page's
        assert await ws_status(client, {"Origin": origin(client)}) == 101
        # a page asked for from another site's script is refused too; a plain visit is served
        response = await client.get("/", headers={"Origin": EVIL})
        assert response.status == 403 and "another site" in await response.text()
        response = await client.get("/")
        assert response.status == 200 and "textual-terminal" in await response.text()
        assert response.headers["X-Frame-Options"] == "DENY"

    run_with("kiosk", check)


def test_localhost_and_127_0_0_1_are_the_same_server_but_another_name_is_not():
    async def check(client, server):
        port = client.port
        for name in ("localhost", "127.0.0.1"):
            headers = {"Host": f"{name}:{port}", "Origin": f"http://{name}:{port}"}
            assert await ws_status(client, headers) == 101
            page = await (await client.get("/", headers={"Host": f"{name}:{port}"})).text()
            assert f'data-session-websocket-url="ws://{name}:{port}/ws"' in page  # the page talks to where it came from
        # a site whose name points at this computer (DNS rebinding) sends its own Host: refused
        rebound = {"Host": f"evil.example.com:{port}", "Origin": f"http://evil.example.com:{port}"}
        assert await ws_status(client, rebound) == 403
        assert (await client.get("/", headers={"Host": f"evil.example.com:{port}"})).status == 403
        assert (await client.get("/static/js/textual.js", headers={"Host": f"evil.example.com:{port}"})).status == 403

    run_with("kiosk", check)


def test_a_kiosk_on_the_network_still_needs_a_page_from_its_own_origin():
    async def check(client, server):
        port = client.port
        assert server.hosts is None  # reached by whatever name the network gives it
        own = {"Host": f"kiosk.example.org:{port}", "Origin": f"http://kiosk.example.org:{port}"}
        assert await ws_status(client, own) == 101
        assert await ws_status(client, {"Host": f"kiosk.example.org:{port}", "Origin": EVIL}) == 403

    run_with("kiosk", check, host="0.0.0.0", allow_remote=True)


# --------------------------------------------------------------------------- advisor mode: the key


def test_advisor_mode_needs_its_key_on_the_page_the_websocket_and_downloads():
    async def check(client, server):
        own = {"Origin": origin(client)}
        assert server.token and len(server.token) >= 32
        assert server.start_url.endswith(f"/?token={server.token}")
        assert (await client.get("/")).status == 403
        assert (await client.get("/", params={"token": "wrong"})).status == 403
        assert (await client.get("/", params={"token": server.token[:-1]})).status == 403
        assert await ws_status(client, own) == 403
        assert await ws_status(client, own, path="/ws?token=wrong") == 403
        assert (await client.get("/download/abc")).status == 403
        # the printed link: a cookie, then the page without the key in the address
        response = await client.get("/", params={"token": server.token}, allow_redirects=False)
        assert response.status == 303 and response.headers["Location"] == "/"
        cookie = response.cookies[server.cookie]
        assert cookie.value == server.token and cookie["httponly"] and cookie["samesite"] == "Strict"
        page = await client.get("/")
        text = await page.text()
        assert page.status == 200 and "textual-terminal" in text and server.token not in text
        assert await ws_status(client, own) == 101
        assert await ws_status(client, {"Origin": EVIL}) == 403  # the key does not excuse another site
        assert (await client.get("/download/abc")).status == 404  # past the guard: no such download

    run_with("advisor", check)


def test_each_advisor_server_draws_its_own_key_and_the_kiosk_has_none():
    first, second = make_server("advisor", port=8101), make_server("advisor", port=8102)
    assert first.token != second.token
    assert make_server("kiosk").token is None
    assert first.cookie != second.cookie  # cookies ignore the port: one name per server


# --------------------------------------------------------------------------- where it listens


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"])
def test_loopback_addresses_are_served_without_a_flag(host):
    assert is_loopback(host)
    check_host("kiosk", host)
    check_host("advisor", host)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "kiosk.example.org", "localhost.evil.example.com"])
def test_network_addresses_need_allow_remote_and_never_serve_advisor_mode(host):
    assert not is_loopback(host)
    with pytest.raises(InputError, match="--allow-remote|other computers"):
        check_host("kiosk", host)
    check_host("kiosk", host, allow_remote=True)
    with pytest.raises(InputError, match="this computer only"):
        check_host("advisor", host, allow_remote=True)


def test_cli_refuses_advisor_mode_on_the_network_with_one_line(capsys):
    from advisor.cli import main

    assert main(["serve", "--advisor", "--host", "0.0.0.0", "--allow-remote"]) == 2
    err = capsys.readouterr().err.strip()
    assert "this computer only" in err and len(err.splitlines()) == 1 and "Traceback" not in err
    assert main(["serve", "--host", "0.0.0.0"]) == 2
    assert "--allow-remote" in capsys.readouterr().err
    assert main(["serve", "--port", "70000"]) == 2
    assert "65535" in capsys.readouterr().err


# --------------------------------------------------------------------------- the page, offline

URL = re.compile(r"""(?:https?|wss?)://[^\s"'<>)]+""", re.I)


@pytest.mark.parametrize("mode", ["kiosk", "advisor"])
def test_the_page_loads_nothing_from_the_internet(mode):
    async def check(client, server):
        if server.token:
            await client.get("/", params={"token": server.token})
        response = await client.get("/")
        page = await response.text()
        assert response.status == 200
        urls = URL.findall(page)
        assert urls, "the page names its script, styles and font"
        hosts = {re.sub(r"^\w+://([^/]+).*", r"\1", u) for u in urls}
        assert hosts == {f"127.0.0.1:{client.port}"}, urls
        assert "@import" not in page
        # what the page names is there, served by this server (the font included)
        for url in urls:
            if url.startswith("http"):
                assert (await client.get(url.split(str(client.port), 1)[1])).status == 200, url
        assert any(u.endswith(".ttf") for u in urls)

    run_with(mode, check)
