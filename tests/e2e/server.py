"""Start the dashboard (``streamlit run app.py``) on a free localhost port and stop it again.

Shared by the browser tests' fixture and the load benchmark, so both measure the same server.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from benchmarks.protocol_load import free_port, stop, wait_healthy

ROOT = Path(__file__).resolve().parents[2]
STARTUP_SECONDS = 90
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@contextlib.contextmanager
def running_app(log_dir: Path | None = None) -> Iterator[str]:
    """The URL of a freshly started dashboard; the server is stopped when the block ends."""
    port = free_port()
    log_dir = log_dir or Path(tempfile.mkdtemp(prefix="streamlit-"))
    log = log_dir / "server.log"
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.headless=true",
        f"--server.port={port}",
        "--server.address=127.0.0.1",
        "--browser.gatherUsageStats=false",
        "--server.fileWatcherType=none",
    ]
    with log.open("w") as output:
        process = subprocess.Popen(command, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, [process], log, STARTUP_SECONDS)
        yield url
    finally:
        stop(process, 10)
