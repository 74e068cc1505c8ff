"""Run the app in a web browser with textual-serve: ``advisor serve`` (kiosk by default).

Each browser tab gets its own process running ``python -m advisor kiosk`` (or ``advisor tui``),
so nothing is shared between people; closing the tab ends the process and its memory.

:class:`GuardedServer` is textual-serve's :class:`~textual_serve.server.Server` with a guard in
front of every route (an aiohttp middleware) and its own page:

- **Host**: on a loopback address only ``localhost``, ``127.0.0.1`` and ``[::1]`` (with the port)
  are answered, so a web page whose name points at this computer (DNS rebinding) gets nothing.
- **Origin**: a request that carries an ``Origin`` must come from the page's own origin, and the
  WebSocket must carry one: a page on another site cannot drive the app from a local browser.
- **Token** (advisor mode, which opens the caseload): a secret drawn at each start, printed once
  as a link. Opening the link sets a cookie (HttpOnly, SameSite=Strict) and leads to the bare
  page; the page, the WebSocket and downloads need the cookie or ``?token=``; else 403.
- **Where**: the kiosk listens on this computer unless ``--allow-remote``; advisor mode never
  listens beyond it (reach it from elsewhere through an SSH tunnel).
- **Offline page**: the page loads its fonts, script and styles from this server only (the font
  textual-serve ships, served from its static folder), never from the internet.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
import shlex
import sys

from textual_serve.server import Server

from ..errors import AdvisorError, InputError

COMMANDS = {"kiosk": "kiosk", "advisor": "tui"}
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")
#: where a token is checked (the static files hold nothing personal)
GUARDED = ("/", "/ws")


def command_for(mode: str) -> str:
    if mode not in COMMANDS:
        raise ValueError(f"mode must be one of {', '.join(COMMANDS)}, not {mode!r}")
    return f"{shlex.quote(sys.executable)} -m advisor {COMMANDS[mode]}"


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ::1)."""
    name = host.strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def check_host(mode: str, host: str, allow_remote: bool = False) -> None:
    """Refuse to listen beyond this computer unless it is allowed: never for advisor mode (its
    data are the caseload), and for the kiosk only with ``allow_remote``."""
    if is_loopback(host):
        return
    if mode == "advisor":
        raise InputError(f"advisor mode is served on this computer only, not on '{host}'",
                         hint="use --host 127.0.0.1; from another computer, reach it through an SSH tunnel")
    if not allow_remote:
        raise InputError(f"'{host}' can be reached from other computers: anyone on the network could use the kiosk",
                         hint="add --allow-remote to serve the kiosk on the network, or use --host 127.0.0.1")


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def make_server(mode: str = "kiosk", host: str = "127.0.0.1", port: int = 8000, *, token: str | None = None,
                allow_remote: bool = False):
    """The server for ``mode``; advisor mode draws a token unless one is given."""
    command = command_for(mode)
    check_host(mode, host, allow_remote)
    if mode == "advisor" and not token:
        token = secrets.token_urlsafe(24)
    title = "Competency Advisor" + (" · Find your strengths" if mode == "kiosk" else "")
    return GuardedServer(command, host=host, port=port, title=title, mode=mode, token=token)


def serve(mode: str = "kiosk", host: str = "127.0.0.1", port: int = 8000, *, allow_remote: bool = False) -> None:
    """Serve the app at http://host:port until interrupted."""
    server = make_server(mode, host, port, allow_remote=allow_remote)
    try:
        server.serve()
    except OSError as exc:
        raise AdvisorError(f"cannot listen on {_url_host(host)}:{port}: {exc.strerror or exc}",
                           hint="another program may be using the port: choose one with --port",
                           title="Cannot serve") from exc


# --------------------------------------------------------------------------- the server


class GuardedServer(Server):
    """textual-serve's server with the Host/Origin/token guard and an offline page."""

    def __init__(self, command: str, *, host: str, port: int, title: str, mode: str = "kiosk", token: str | None = None):
        super().__init__(command, host=host, port=port, title=title, public_url=f"http://{_url_host(host)}:{port}")
        self.mode = mode
        self.token = token
        self.cookie = f"advisor_token_{port}"  # cookies ignore the port: one per server
        if is_loopback(host):
            self.hosts: frozenset[str] | None = frozenset(f"{name}:{port}" for name in LOOPBACK_NAMES)
        else:
            self.hosts = None  # on the network the page's origin is whatever name reached it

    @property
    def start_url(self) -> str:
        url = f"http://{'127.0.0.1' if is_loopback(self.host) else _url_host(self.host)}:{self.port}/"
        return f"{url}?token={self.token}" if self.token else url

    # -- the guard

    def refusal(self, request) -> str | None:
        """Why ``request`` is refused (a short reason for the 403), or None to let it through."""
        host = request.host.lower()
        if self.hosts is not None and host not in self.hosts:
            return "this server answers only to localhost and 127.0.0.1"
        origin = request.headers.get("Origin")
        if origin is None and request.path == "/ws":
            return "a connection needs its page's origin"
        if origin is not None and origin.lower() != f"{request.scheme}://{host}":
            return "requests from another site are refused"
        if self.token and (request.path in GUARDED or request.path.startswith("/download/")):
            given = request.query.get("token") or request.cookies.get(self.cookie) or ""
            if not hmac.compare_digest(given.encode(), self.token.encode()):
                return "open the link with the key printed where the server was started"
        return None

    async def _make_app(self):
        from aiohttp import web

        @web.middleware
        async def guard(request, handler):
            reason = self.refusal(request)
            if reason is not None:
                return web.Response(status=403, text=f"403 Forbidden: {reason}\n")
            response = await handler(request)
            response.headers.setdefault("X-Frame-Options", "DENY")
            response.headers.setdefault("Referrer-Policy", "no-referrer")
            return response

        app = await super()._make_app()
        app.middlewares.append(guard)
        return app

    # -- the page

    async def handle_index(self, request):
        from aiohttp import web

        if self.token and request.query.get("token"):
            # the link was opened: keep the key in a cookie and show the page without it in the address
            response = web.Response(status=303, headers={"Location": "/", "Cache-Control": "no-store"})
            response.set_cookie(self.cookie, self.token, httponly=True, samesite="Strict", path="/")
            return response
        return web.Response(text=self.page(request.scheme, request.host, request.query.get("fontsize", "16")),
                            content_type="text/html", headers={"Cache-Control": "no-store"})

    def page(self, scheme: str, host: str, font_size: str = "16") -> str:
        import jinja2

        size = int(font_size) if font_size.isdigit() and 8 <= int(font_size) <= 48 else 16
        ws = "wss" if scheme == "https" else "ws"
        return jinja2.Environment(autoescape=True).from_string(PAGE).render(
            title=self.title, static=f"{scheme}://{host}/static/", websocket=f"{ws}://{host}/ws", font_size=size)

    # -- the terminal

    def initialize_logging(self) -> None:
        """Plain log lines: no tracebacks with local variables (they could hold what people typed)."""
        import logging

        logging.basicConfig(level="DEBUG" if self.debug else "INFO", format="%(levelname)s %(name)s: %(message)s")
        logging.getLogger("textual-serve").setLevel(logging.INFO)
        logging.getLogger("aiohttp.access").setLevel(logging.WARNING)  # request lines would repeat the key

    async def on_startup(self, app) -> None:
        what = "Advisor mode (saved sessions)" if self.mode == "advisor" else "The kiosk"
        self.console.print(f"{what} is served at [bold]{self.start_url}[/]", highlight=False, soft_wrap=True)
        if self.token:
            self.console.print("Open that link in a browser on this computer. Its key changes at every start; "
                               "keep it to yourself.", highlight=False)
        if self.hosts is None:
            self.console.print("[yellow]Listening on the network:[/] anyone who can reach this computer can open the kiosk.",
                               highlight=False)
        self.console.print("Press Ctrl+C to stop.", highlight=False)


#: the browser page: textual-serve's terminal (its xterm.css and textual.js) and its Roboto Mono
#: font, all from this server, with a start-up and an ended notice in the app's colours
PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<link rel="stylesheet" href="{{ static }}css/xterm.css">
<script src="{{ static }}js/textual.js"></script>
<style>
@font-face { font-family: "Roboto Mono"; font-style: normal; font-weight: 100 700; font-display: block;
  src: url("{{ static }}fonts/RobotoMono-VariableFont_wght.ttf") format("truetype"); }
@font-face { font-family: "Roboto Mono"; font-style: italic; font-weight: 100 700; font-display: block;
  src: url("{{ static }}fonts/RobotoMono-Italic-VariableFont_wght.ttf") format("truetype"); }
html, body { margin: 0; height: 100%; background: #0c181f; }
body { font-family: "Roboto Mono", "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace; color: #f2f2f2; }
.notice { position: absolute; inset: 0; display: flex; align-items: center; justify-content: center; z-index: 10; }
.notice > div { background: #12232d; padding: 32px 48px; font-size: 18px; text-align: center; }
.notice button { margin-top: 20px; padding: 12px 28px; font: inherit; color: #fff; background: #0b5394; border: 0; cursor: pointer; }
.notice button:hover, .notice button:focus { background: #3d85c6; }
body.-first-byte .starting, .ended { display: none; }
body.-closed .ended { display: flex; }
#start { display: none; } #start.-delay { display: inline-block; }
.textual-terminal { height: 100vh; opacity: 0; transition: opacity 0.3s ease-out; }
body.-first-byte .textual-terminal { opacity: 1; }
</style>
</head>
<body>
<div class="notice starting"><div>{{ title }}<br><small>Starting…</small><br>
<button type="button" id="start" onclick="location.href = '/'">Start</button></div></div>
<div class="notice ended"><div>This session has ended.<br>
<button type="button" onclick="location.href = '/'">Start again</button></div></div>
<div id="terminal" class="textual-terminal" data-session-websocket-url="{{ websocket }}" data-font-size="{{ font_size }}"></div>
</body>
</html>
"""
