"""MAIL_DEV=1: a local SMTP server for `make run` that writes every mail it gets into
MAIL_DEV_DIR (default .data/mail/) as an .eml file, so that email works on a laptop with
nothing else installed. aiosmtpd comes with the dev requirements, which `make run` installs."""

from __future__ import annotations

import logging
import os
import socket
import time
from pathlib import Path
from typing import Any

log = logging.getLogger("parley.maildev")


class _ToFolder:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.count = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.count += 1
        name = f"{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{self.count:04d}.eml"
        (self.folder / name).write_bytes(envelope.content)
        log.warning("MAIL_DEV: mail to %s saved as %s", ", ".join(envelope.rcpt_tos), name)
        return "250 OK"


def start(folder: Path, host: str, port: int) -> Any:
    """Start the inbox and point SMTP_URL (and MAIL_FROM, PUBLIC_URL when unset) at it, for
    this process and the workers it starts."""
    from aiosmtpd.controller import Controller

    folder.mkdir(parents=True, exist_ok=True)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        smtp_port = int(s.getsockname()[1])
    controller = Controller(_ToFolder(folder), hostname="127.0.0.1", port=smtp_port)
    controller.start()
    os.environ["SMTP_URL"] = f"smtp://127.0.0.1:{smtp_port}"
    os.environ.setdefault("MAIL_FROM", "Parley <parley@localhost>")
    os.environ.setdefault("PUBLIC_URL", f"http://{host}:{port}")
    print(f"MAIL_DEV: mail goes to {folder} (SMTP on 127.0.0.1:{smtp_port})", flush=True)
    return controller
