"""Production serving with waitress (pure Python; also runs on Windows)."""

from __future__ import annotations

import sys

from flask import Flask


def serve(app: Flask, *, host: str = "127.0.0.1", port: int = 5000, threads: int = 8) -> int:
    """Load the model once, start ranking every organization, print the URL, then serve until interrupted."""
    from waitress import create_server

    from .state import get_state

    app.debug = False  # never the interactive debugger outside `flask run --debug` on a dev machine
    with app.app_context():
        get_state()  # build or load the model before the first visitor waits for it; ranking all starts in the background
    # waitress reads a whole body before the app sees it: past the largest limit the app has, it answers
    # 413 itself and reads no further (its own default would spool up to 1 GB to disk first)
    server = create_server(app, host=host, port=port, threads=threads, ident="grant-matcher",
                           max_request_body_size=app.config["MAX_CONTENT_LENGTH"] + 1)
    shown = f"[{host}]" if ":" in host else host
    print(f"资助匹配已启动：http://{shown}:{server.effective_port}/  （按 Ctrl+C 停止）", flush=True)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit("use: grant-matcher serve")
