"""Serving a crowd: scripts/serve.sh with 2 workers behind nginx, driven over Streamlit's own protocol.

Each session is a tab of its own (its own cookie). Its reruns must be answered with the engine's
figures, every request of a tab must reach one worker (nginx's access log names the worker per cookie),
the tabs must spread over both workers, and a tab that reconnects must find its session (same id, same
figures) where it left it: Streamlit keeps a session in the memory of one process.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import subprocess
import time
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path

import pytest

from benchmarks.protocol_load import Session, check, free_port, spending_for, stop
from tests.e2e.server import ROOT

START_SECONDS = 180
CHANGES = 3
TABS_PER_WORKER = 2
LOG_LINE = re.compile(
    r'"(?P<method>\S+) (?P<path>\S+) [^"]*" (?P<status>\d+) key=(?P<key>\S+) upstream=(?P<upstream>\S+)'
)


def nginx_available() -> bool:
    return bool(shutil.which("nginx")) or Path("/usr/sbin/nginx").exists()


@pytest.fixture(scope="module")
def crowd(tmp_path_factory: pytest.TempPathFactory):
    """The URL and run directory of serve.sh with 2 workers; everything is stopped afterwards."""
    if not nginx_available():
        pytest.fail("nginx is not installed: scripts/test.sh installs it (apt-get install nginx, as root)")
    run_dir = tmp_path_factory.mktemp("serve")
    port = free_port()
    log = (run_dir / "serve.log").open("w")
    command = ["bash", "scripts/serve.sh", "--workers", "2", "--port", str(port), "--address", "127.0.0.1"]
    process = subprocess.Popen(
        [*command, "--run-dir", str(run_dir)],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + START_SECONDS
    while not (run_dir / "ready").exists():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"serve.sh did not start:\n{(run_dir / 'serve.log').read_text(errors='replace')}")
        time.sleep(0.5)
    pids = [int(pid) for pid in (run_dir / "pids").read_text().split()]
    try:
        yield f"http://127.0.0.1:{port}", run_dir
    finally:
        stop(process, 30, group=True)
        log.close()
    still_running = [pid for pid in pids if Path(f"/proc/{pid}").exists() and "zombie" not in _state(pid)]
    assert not still_running, f"serve.sh left processes running: {still_running}"


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/status").read_text().split("State:")[1].split("\n")[0].lower()
    except (OSError, IndexError):
        return "zombie"


def access_log(run_dir: Path) -> list[dict[str, str]]:
    lines = (run_dir / "access.log").read_text().splitlines()
    return [match.groupdict() for line in lines if (match := LOG_LINE.search(line))]


def worker_of(url: str, run_dir: Path, cookie: str) -> str:
    """The worker nginx sends this cookie's requests to (a page load, as a tab's first request)."""
    request = urllib.request.Request(url + "/", headers={"Cookie": f"crowd_worker={cookie}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200
        response.read()
    # nginx writes the log line once the response is finished, which can be just after the client has it
    deadline = time.monotonic() + 10
    while True:
        rows = [row["upstream"] for row in reversed(access_log(run_dir)) if row["key"] == cookie]
        if rows or time.monotonic() > deadline:
            assert rows, f"no access-log line for cookie {cookie}"
            return rows[0]
        time.sleep(0.05)


def tabs_on_both_workers(url: str, run_dir: Path) -> list[Session]:
    """Tabs whose cookies land TABS_PER_WORKER on each of the two workers."""
    chosen: dict[str, list[Session]] = defaultdict(list)
    for index in range(64):
        tab = Session(url, index)
        worker = worker_of(url, run_dir, tab.cookie)
        if len(chosen[worker]) < TABS_PER_WORKER:
            chosen[worker].append(tab)
        if len(chosen) == 2 and all(len(tabs) == TABS_PER_WORKER for tabs in chosen.values()):
            return [tab for tabs in chosen.values() for tab in tabs]
    pytest.fail(f"64 cookies never spread over two workers: {dict(chosen)}")


async def use(tab: Session) -> list[str]:
    """Open, change the spending CHANGES times, reconnect; every answer checked against the engine."""
    problems = []
    opened = await tab.open()
    problems.append(check(opened, None) or ("" if tab.widget_id else "no spending box on the page"))
    amount = Decimal(0)
    for step in range(CHANGES):
        amount = spending_for(tab.index, step)
        problems.append(check(await tab.change_spending(amount), amount))
    # the reconnection finds the same session (the worker that holds it answers with its id) and the
    # same figures
    session_id = tab.session_id
    problems.append(check(await tab.reconnect(), amount))
    if tab.session_id != session_id:
        problems.append(f"reconnected to a new session {tab.session_id}, not {session_id}")
    await tab.close()
    return [f"tab {tab.index}: {problem}" for problem in problems if problem]


async def use_all(tabs: list[Session]) -> list[str]:
    results = await asyncio.gather(*(use(tab) for tab in tabs))
    return [problem for problems in results for problem in problems]


def test_each_tab_is_answered_right_by_one_worker(crowd) -> None:
    url, run_dir = crowd
    tabs = tabs_on_both_workers(url, run_dir)

    # in its own thread: a Playwright test that ran before in this process may have left an event loop set
    with ThreadPoolExecutor(max_workers=1) as pool:
        problems = pool.submit(asyncio.run, use_all(tabs)).result()

    assert problems == []
    streams = defaultdict(set)
    for row in access_log(run_dir):
        if row["path"].startswith("/_stcore/stream"):
            assert row["status"] == "101", row  # switched to the websocket protocol
            streams[row["key"]].add(row["upstream"])
    for tab in tabs:
        # two connections per tab (the first and the reconnection), both to the worker of its page load
        assert streams[tab.cookie] == {worker_of(url, run_dir, tab.cookie)}, (tab.cookie, streams[tab.cookie])
    assert len({worker for workers in streams.values() for worker in workers}) == 2


def test_a_new_tab_gets_a_cookie_and_keeps_it(crowd) -> None:
    url, _ = crowd
    with urllib.request.urlopen(url + "/", timeout=30) as response:
        cookie = response.headers.get("Set-Cookie", "")
    assert re.fullmatch(r"crowd_worker=[0-9a-f]{32}; Path=/; HttpOnly; SameSite=Lax", cookie), cookie
    request = urllib.request.Request(url + "/", headers={"Cookie": cookie.split(";")[0]})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.headers.get("Set-Cookie") is None  # a tab with its cookie keeps it
