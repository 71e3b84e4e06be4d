"""Load: N sessions speaking Streamlit's own websocket protocol, so the figures are the server's alone.

Each session opens My case over ``/_stcore/stream`` (a ``BackMsg`` asking for a script run, as the
browser sends when a tab opens), then changes the exact-amount spending box K times: a ``BackMsg``
``rerun_script`` carrying that widget's new value, as the browser sends it. It waits for the run's
``script_finished`` message and reads the headline figures (cash paid and closing balance after the
reform) from the delta messages. Every answer is checked against the engine
(:func:`calculator.comparison.compare`) for the same inputs: a wrong figure, an error element, a run
that does not finish or a dropped connection is counted, never a slow answer.

Printed per level N: interactions per second, p50/p95/max latency (sending the change to
``script_finished``), the server's CPU per interaction and per session opened (user+system time of the
server processes from ``/proc``), and the server's resident memory per open session. Closed loop
(think time 0: the next change as soon as the answer is in) and with a think time between changes.

    python benchmarks/protocol_load.py                       # N = 1 10 50 200, think 0 and 5 s
    python benchmarks/protocol_load.py --quick               # N = 1 10, 3 changes, closed loop (< 2 min)
    python benchmarks/protocol_load.py --workers 2           # 2 workers behind nginx (scripts/serve.sh)
    python benchmarks/protocol_load.py --url http://127.0.0.1:8080 --pids 123 456   # a running server
    python benchmarks/protocol_load.py --option runner.postScriptGC=true            # compare a setting
    python benchmarks/protocol_load.py --plain     # `streamlit run` instead of deploy/streamlit_worker.py

Not a test: it prints figures. Python's own client also uses CPU; the server's share is what /proc says.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import websockets  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

from calculator.comparison import compare, resolve_pair  # noqa: E402
from calculator.money import format_yuan  # noqa: E402
from calculator.scenario import parse_scenario  # noqa: E402

SPENDING_KEY = "w.spending"  # the exact-amount box of My case (its widget id ends with the key)
RUN_TIMEOUT = 300.0  # seconds a session waits for one script run before counting it failed
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


@cache
def expected(spending: Decimal) -> tuple[str, str]:
    """Cash paid and closing balance after the reform, as My case shows them, for the page's default
    person (in service, 40, base 80,000, level 2, Chongqing) at this spending."""
    person = dict(status="in_service", age=40, contribution_base="80000", spending=str(spending), level=2)
    after = compare(parse_scenario(person), *resolve_pair("chongqing")).after
    return format_yuan(after.cash_paid), format_yuan(after.closing_balance)


def spending_for(session: int, step: int) -> Decimal:
    """A different amount for every change, fen included, spread over the slider's range and beyond."""
    fen = (session * 7_919 + step * 104_729 + 12_345) % 6_000_000
    return Decimal(fen) / 100


# -- the server's processes ------------------------------------------------------------------------------


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time so far of these processes (from /proc/<pid>/stat)."""
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return total / CLOCK_TICKS


def rss_bytes(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_SIZE
    return total


def wait_healthy(url: str, processes: list[subprocess.Popen], log: Path, seconds: float = 120) -> None:
    """Until every server answers ``/_stcore/health`` (shared with the browser tests' server fixture)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for process in processes:
            if process.poll() is not None:
                raise RuntimeError(f"the server exited with {process.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the server did not answer in {seconds:.0f} s:\n{log.read_text(errors='replace')}")


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def stop(process: subprocess.Popen, seconds: float, group: bool = False) -> None:
    """Ask a server to stop, and kill it if it has not within ``seconds`` (``group``: its whole process
    group, for a launcher started in a session of its own with workers under it)."""
    if group:
        os.killpg(process.pid, signal.SIGTERM)
    else:
        process.terminate()
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        if group:
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()


@contextlib.contextmanager
def one_server(options: list[str], plain: bool, script: str = "app.py") -> Iterator[tuple[str, list[int]]]:
    """One worker as scripts/serve.sh starts it (deploy/streamlit_worker.py), or plain ``streamlit run``,
    on a free loopback port, with the repository's .streamlit/config.toml (``script``: another app)."""
    port = free_port()
    log = Path(tempfile.mkdtemp(prefix="protocol-load-")) / "server.log"
    launcher = ["-m", "streamlit"] if plain else [str(ROOT / "deploy" / "streamlit_worker.py")]
    command = [sys.executable, *launcher, "run", script, f"--server.port={port}"]
    command += ["--server.address=127.0.0.1", *(f"--{option}" for option in options)]
    with log.open("w") as output:
        process = subprocess.Popen(command, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, [process], log)
        yield url, [process.pid]
    finally:
        stop(process, 10)


@contextlib.contextmanager
def served(workers: int) -> Iterator[tuple[str, list[int]]]:
    """``scripts/serve.sh --workers K`` (nginx in front of K workers); the pids of nginx and the workers."""
    if not shutil.which("nginx") and not Path("/usr/sbin/nginx").exists():
        raise SystemExit("nginx is not installed (apt-get install nginx)")
    port = free_port()
    run_dir = Path(tempfile.mkdtemp(prefix="protocol-load-serve-"))
    log = run_dir / "serve.log"
    command = ["bash", str(ROOT / "scripts" / "serve.sh"), "--workers", str(workers), "--port", str(port)]
    command += ["--run-dir", str(run_dir)]
    with log.open("w") as output:
        process = subprocess.Popen(command, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, [process], log)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:  # every worker up, not only the first that answers
            pids = [int(line) for line in (run_dir / "pids").read_text().split()] if (run_dir / "pids").exists() else []
            if len(pids) == workers + 1 and (run_dir / "ready").exists():
                break
            time.sleep(0.3)
        nginx_children = [int(p) for p in _children(pids[-1])]
        yield url, pids + nginx_children
    finally:
        stop(process, 20, group=True)


def _children(pid: int) -> list[str]:
    with contextlib.suppress(OSError):
        return Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return []


# -- one session -----------------------------------------------------------------------------------------


@dataclass
class Run:
    """What one script run sent: the headline metric values, errors shown, how it finished."""

    metrics: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    finished: int | None = None
    deltas: int = 0  # elements and blocks sent: Streamlit's work per run grows with them


class Session:
    """One browser tab's conversation with the server, without the browser."""

    def __init__(self, url: str, index: int) -> None:
        self.url = url.replace("http://", "ws://").replace("https://", "wss://").rstrip("/") + "/_stcore/stream"
        self.origin = url.rstrip("/")
        self.index = index
        self.cookie = f"{random.getrandbits(64):016x}"  # a tab of its own: nginx sticks it to one worker
        self.ws = None
        self.session_id = ""
        self.pages: dict[str, str] = {}  # url path -> page script hash, from the navigation message
        self.widget_id = ""
        self.page_hash = ""
        self.query = ""

    async def open(self, query: str = "") -> Run:
        """Connect and run the page as a newly opened tab does (no query string: the default case)."""
        await self._connect(["streamlit"])
        message = BackMsg()
        message.rerun_script.query_string = query
        message.rerun_script.page_name = ""
        return await self._run(message)

    async def rerun(self, page: str | None = None) -> Run:
        """Run a page again with the widgets as they are (another page: as a click in the menu)."""
        message = BackMsg()
        message.rerun_script.query_string = self.query if page is None else ""
        message.rerun_script.page_script_hash = self.page_hash if page is None else self.pages[page]
        return await self._run(message)

    async def reconnect(self) -> Run:
        """A new connection for the same session (as the browser after a network blip) and a rerun."""
        await self.ws.close()
        # the second entry would carry an XSRF token (only used with sign-in), the third the session
        await self._connect(["streamlit", "PLACEHOLDER_AUTH_TOKEN", self.session_id])
        self.session_id = ""  # the run's new_session message says which session answered
        message = BackMsg()
        message.rerun_script.query_string = self.query
        message.rerun_script.page_script_hash = self.page_hash
        return await self._run(message)

    async def _connect(self, subprotocols: list[str]) -> None:
        self.ws = await websockets.connect(
            self.url,
            subprotocols=subprotocols,
            # what a browser sends: its page's origin (Streamlit checks it against Host) and its cookie
            origin=self.origin,
            additional_headers={"Cookie": f"crowd_worker={self.cookie}"},
            max_size=None,
            open_timeout=RUN_TIMEOUT,
            ping_interval=None,
        )

    async def change_spending(self, amount: Decimal) -> Run:
        message = BackMsg()
        state = message.rerun_script
        state.query_string = self.query
        state.page_script_hash = self.page_hash
        widget = state.widget_states.widgets.add()
        widget.id = self.widget_id
        widget.string_value = f"{amount:.2f}"  # the exact-amount box is a text box (empty means "not given")
        return await self._run(message)

    async def _run(self, message: BackMsg) -> Run:
        await self.ws.send(message.SerializeToString())
        run = Run()
        while run.finished is None:
            data = await asyncio.wait_for(self.ws.recv(), RUN_TIMEOUT)
            forward = ForwardMsg()
            forward.ParseFromString(data)
            kind = forward.WhichOneof("type")
            run.deltas += kind == "delta"
            if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                element = forward.delta.new_element
                name = element.WhichOneof("type")
                if name == "metric":
                    run.metrics.append(element.metric.body)
                elif name == "exception":
                    run.errors.append(f"exception: {element.exception.message}")
                elif name == "alert" and element.alert.format == element.alert.ERROR:
                    run.errors.append(f"error box: {element.alert.body}")
                elif name == "text_input" and element.text_input.id.endswith("-" + SPENDING_KEY):
                    self.widget_id = element.text_input.id
            elif kind == "new_session":
                self.session_id = forward.new_session.initialize.session_id
            elif kind == "navigation":
                self.page_hash = forward.navigation.page_script_hash
                self.pages = {page.url_pathname: page.page_script_hash for page in forward.navigation.app_pages}
            elif kind == "page_info_changed":
                self.query = forward.page_info_changed.query_string
            elif kind == "script_finished":
                run.finished = forward.script_finished
        return run

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()


def check(run: Run, amount: Decimal | None) -> str | None:
    """None when the run shows the engine's figures for this spending; otherwise what is wrong."""
    if run.finished != ForwardMsg.FINISHED_SUCCESSFULLY:
        return f"run finished with status {run.finished}"
    if run.errors:
        return run.errors[0]
    want = expected(amount if amount is not None else Decimal(3000))
    if tuple(run.metrics[:2]) != want:
        return f"spending {amount}: page shows {run.metrics[:2]}, engine says {list(want)}"
    return None


# -- one level -------------------------------------------------------------------------------------------


@dataclass
class Level:
    latencies: list[float] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


async def interact(session: Session, changes: int, think: float, level: Level) -> None:
    if think:
        await asyncio.sleep(random.uniform(0, think))  # residents do not click in step
    for step in range(changes):
        amount = spending_for(session.index, step)
        started = time.perf_counter()
        try:
            run = await session.change_spending(amount)
        except Exception as error:
            level.failed.append(f"session {session.index} change {step}: {type(error).__name__} {error}")
            return
        level.latencies.append(time.perf_counter() - started)
        problem = check(run, amount)
        if problem:
            level.wrong.append(f"session {session.index}: {problem}")
        if think:
            await asyncio.sleep(random.uniform(0.5 * think, 1.5 * think))


async def open_one(session: Session, level: Level) -> bool:
    try:
        run = await session.open()
    except Exception as error:
        level.failed.append(f"session {session.index} open: {type(error).__name__} {error}")
        return False
    problem = check(run, None)
    if problem or not session.widget_id:
        level.wrong.append(f"session {session.index} open: {problem or 'no spending box'}")
        return False
    return True


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


async def run_level(url: str, pids: list[int], sessions: int, changes: int, think: float) -> dict:
    level = Level()
    population = [Session(url, index) for index in range(sessions)]
    rss_before, cpu_before = rss_bytes(pids), cpu_seconds(pids)
    opened_at = time.perf_counter()
    opened = await asyncio.gather(*(open_one(session, level) for session in population))
    open_wall = time.perf_counter() - opened_at
    cpu_opened, rss_opened = cpu_seconds(pids), rss_bytes(pids)
    live = [session for session, ok in zip(population, opened, strict=True) if ok]
    started = time.perf_counter()
    await asyncio.gather(*(interact(session, changes, think, level) for session in live))
    wall = time.perf_counter() - started
    cpu_done = cpu_seconds(pids)
    await asyncio.gather(*(session.close() for session in population), return_exceptions=True)
    done = len(level.latencies)
    return {
        "sessions": sessions,
        "think": think,
        "done": done,
        "rate": done / wall if wall else 0.0,
        "p50": statistics.median(level.latencies) if done else float("nan"),
        "p95": percentile(level.latencies, 0.95) if done else float("nan"),
        "max": max(level.latencies) if done else float("nan"),
        "cpu_ms": 1000 * (cpu_done - cpu_opened) / done if done else float("nan"),
        "open_cpu_ms": 1000 * (cpu_opened - cpu_before) / max(1, sum(opened)),
        "open_wall": open_wall,
        "rss_mb": (rss_opened - rss_before) / max(1, sum(opened)) / 2**20,
        "rss_total_mb": rss_opened / 2**20,
        "wrong": level.wrong,
        "failed": level.failed,
    }


HEADER = (
    f"{'N':>4} {'think':>5} {'done':>5} {'int/s':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} "
    f"{'CPU ms/int':>10} {'open CPU ms':>11} {'open wall s':>11} {'RSS MB/sess':>11} {'RSS MB':>7} "
    f"{'wrong':>5} {'failed':>6}"
)


def show(row: dict) -> None:
    print(
        f"{row['sessions']:>4} {row['think']:>5.1f} {row['done']:>5} {row['rate']:>6.1f} {row['p50'] * 1000:>8.0f} "
        f"{row['p95'] * 1000:>8.0f} {row['max'] * 1000:>8.0f} {row['cpu_ms']:>10.1f} {row['open_cpu_ms']:>11.1f} "
        f"{row['open_wall']:>11.1f} {row['rss_mb']:>11.2f} {row['rss_total_mb']:>7.0f} "
        f"{len(row['wrong']):>5} {len(row['failed']):>6}",
        flush=True,
    )
    for problem in (row["wrong"] + row["failed"])[:5]:
        print("      " + problem, flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[1, 10, 50, 200], help="levels N")
    parser.add_argument("--changes", type=int, default=5, help="spending changes K per session")
    parser.add_argument("--think", type=float, nargs="+", default=[0.0, 5.0], help="seconds between changes")
    parser.add_argument("--quick", action="store_true", help="N = 1 10, K = 3, closed loop only (< 2 minutes)")
    parser.add_argument("--workers", type=int, default=0, help="serve through nginx with K workers (serve.sh)")
    parser.add_argument("--option", action="append", default=[], help="a streamlit option, e.g. runner.x=y")
    parser.add_argument("--plain", action="store_true", help="plain `streamlit run`, not the serving worker")
    parser.add_argument("--url", help="a running server instead of starting one")
    parser.add_argument("--pids", type=int, nargs="*", default=[], help="the running server's process ids")
    parser.add_argument("--warmup", type=int, default=2, help="runs before measuring (imports, caches)")
    args = parser.parse_args()
    if args.quick:
        args.sessions, args.changes, args.think = [1, 10], 3, [0.0]

    if args.url:
        server = contextlib.nullcontext((args.url, args.pids))
    elif args.workers:
        server = served(args.workers)
    else:
        server = one_server(args.option, args.plain)
    with server as (url, pids):
        where = args.url or (f"{args.workers} workers behind nginx" if args.workers else "one worker")
        where += " (plain streamlit run)" if args.plain else ""
        print(
            f"My case, {args.changes} spending changes per session; {where}; {os.cpu_count()} cores; "
            f"options {args.option or 'from .streamlit/config.toml'}"
        )
        if not pids:
            print("(no --pids: server CPU and memory are not measured)")
        warm = asyncio.run(run_level(url, pids, 4 * max(1, args.workers), args.warmup, 0.0))  # every worker warm
        if warm["wrong"] or warm["failed"]:
            show(warm)
            return 1
        print(HEADER)
        bad = 0
        for think in args.think:
            for sessions in args.sessions:
                row = asyncio.run(run_level(url, pids, sessions, args.changes, think))
                show(row)
                bad += len(row["wrong"]) + len(row["failed"])
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
