"""`rasid serve`: the analyst's web app over a store — map, timeline, evidence, review; JSON API at /api."""

from __future__ import annotations

import argparse
import os
import secrets
import sys
from pathlib import Path
from typing import Any

from rasid.errors import ConfigError

#: Where the generated token is kept: next to the SQLite file (`rasid.db` → `rasid.db.token`).
TOKEN_SUFFIX = ".token"


def register(sub: Any) -> None:
    p = sub.add_parser(
        "serve", help="serve the web app (map, timeline, evidence, review) and its JSON API",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Serve one page to explore and review the events in a store, and the JSON API behind it "
                    "(/api/events, /api/stats, … ; OpenAPI docs at /docs). Binds 127.0.0.1 by default.\n"
                    "Reading needs nothing; writes (verify, reject, correct, merge, split) need the token: "
                    "RASID_TOKEN, else one generated at first start, printed and kept next to the database "
                    "(DB.token, readable by you only).",
        epilog="examples:\n"
               "  rasid serve --db rasid.db\n"
               "  RASID_TOKEN=… rasid serve --db events.db --port 8080\n"
               "  RASID_TILES='https://tile.example.org/{z}/{x}/{y}.png' rasid serve --db rasid.db\n\n"
               "the map works offline (Natural Earth countries and Syria's governorates ship with rasid);\n"
               "RASID_TILES (or --tiles) adds an online tile layer you can switch on.")
    p.add_argument("--db", default="rasid.db", metavar="PATH_OR_URL",
                   help="SQLite file or postgresql:// URL (default: rasid.db)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to bind (default 127.0.0.1: this machine only; 0.0.0.0 exposes it to the network)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--cors", action="append", default=[], metavar="ORIGIN",
                   help="allow this origin to call the API from a browser (repeatable; default: none)")
    p.add_argument("--tiles", default=None, metavar="URL",
                   help="online tile URL template, e.g. https://…/{z}/{x}/{y}.png (default: $RASID_TILES)")
    p.add_argument("--user", default=os.environ.get("USER") or "analyst",
                   help="reviewer name recorded when the page does not send one (default: $USER)")
    p.add_argument("--readers", type=int, default=2, metavar="N",
                   help="threads (each with its own database connection) answering reads (default 2)")
    p.add_argument("--cache", type=int, default=256, metavar="N",
                   help="keep the N latest API answers until the data changes (default 256; 0 turns it off)")
    p.set_defaults(func=run)


def token_for(db: str, env: dict[str, str] | None = None) -> tuple[str, str]:
    """(token, where it came from): RASID_TOKEN, else DB.token, else a new one written to DB.token (0600)."""
    env = dict(os.environ) if env is None else env
    if env.get("RASID_TOKEN"):
        return env["RASID_TOKEN"], "RASID_TOKEN"
    if "://" in db:
        # a server database has no folder of ours to keep a token in: this run gets its own
        return secrets.token_urlsafe(24), "this run only (set RASID_TOKEN to keep one across restarts)"
    path = Path(db + TOKEN_SUFFIX)
    if path.exists():
        tok = path.read_text(encoding="utf-8").strip()
        if tok:
            return tok, str(path)
    tok = secrets.token_urlsafe(24)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(tok + "\n")
    return tok, f"{path} (new)"


def run(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from rasid.web.app import create_app
    except ModuleNotFoundError as exc:
        raise ConfigError(f"the web app needs {exc.name}", "install it: pip install 'rasid[web]'") from exc
    from rasid.store import open_store

    if not 0 < args.port < 65536:
        raise ConfigError(f"port {args.port} is out of range", "use 1..65535")
    if not 1 <= args.readers <= 64:
        raise ConfigError(f"--readers {args.readers} is out of range", "use 1..64")
    store = open_store(args.db, create=False)  # a mistyped path must not serve a new, empty database
    token, where = token_for(args.db)
    tiles = args.tiles or os.environ.get("RASID_TILES") or None
    # reads get their own connections (parallel under SQLite WAL); writes go through `store`
    app = create_app(store, token=token, cors_origins=args.cors, tiles=tiles, default_user=args.user,
                     close_store=True, reader=lambda: open_store(args.db, create=False), readers=args.readers,
                     cache_size=args.cache)
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(f"rasid: serving {args.db} at http://{host}:{args.port}/  (API docs: /docs)", file=sys.stderr)
    print(f"rasid: review token from {where}: {token}", file=sys.stderr)
    print(f"rasid: open http://{host}:{args.port}/#token={token} to review in this browser", file=sys.stderr)
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"rasid: warning: bound to {args.host}: anyone who can reach this address can read the store",
              file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
