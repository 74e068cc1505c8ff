"""``advisor`` (no command), ``tui``, ``kiosk`` and ``serve``: the Textual app over the same core."""

from __future__ import annotations


def cmd_tui(args) -> int:
    from ..tui.app import run_app

    return run_app("advisor", skills=" ".join(args.skills) if args.skills else None, target=args.target)


def cmd_kiosk(args) -> int:
    from ..tui.app import run_app

    return run_app("kiosk")


def cmd_serve(args) -> int:
    from ..errors import InputError
    from ..tui.serve import serve

    if not 1 <= args.port <= 65535:
        raise InputError(f"--port must be from 1 to 65535, not {args.port}")
    serve(mode="advisor" if args.advisor else "kiosk", host=args.host, port=args.port, allow_remote=args.allow_remote)
    return 0


def default_command(args) -> int:
    """``advisor`` with no command opens the app."""
    from ..tui.app import run_app

    return run_app("advisor")


def add_commands(sub) -> None:
    t = sub.add_parser("tui", help="open the app (advisor mode; same as plain 'advisor')", description="Open the terminal app in advisor mode.")
    t.add_argument("--skills", nargs="+", metavar="TEXT", help="start with these words entered and matched")
    t.add_argument("--target", metavar="ID", help="start with this target chosen")
    t.set_defaults(func=cmd_tui)

    k = sub.add_parser("kiosk", help="open the self-service kiosk", description="Open the self-service kiosk: one guided path, nothing personal kept.")
    k.set_defaults(func=cmd_kiosk)

    s = sub.add_parser("serve", help="serve the kiosk (or advisor mode) in a web browser",
                       description="Serve the app in a browser with textual-serve, on this computer only unless "
                                   "--allow-remote (kiosk). Advisor mode needs the link with a key printed at start.")
    s.add_argument("--advisor", action="store_true", help="serve advisor mode instead of the kiosk (this computer only, with a key)")
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    s.add_argument("--allow-remote", action="store_true", help="let the kiosk listen on a network address such as 0.0.0.0")
    s.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    s.set_defaults(func=cmd_serve)
