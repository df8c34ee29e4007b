"""Bounded load test of the web app on 127.0.0.1, with a release import halfway through.

    .venv/bin/python benchmarks/load.py RELEASE_DIR [--clients 50] [--seconds 30]

Starts ``armoedemonitor serve`` (production settings over plain HTTP, a throwaway data
home), imports RELEASE_DIR, then lets ``--clients`` keep-alive clients fetch the home
page, a municipality page, an indicator page and a CSV download in turn for
``--seconds`` (and at most ``--max-requests``). After a third of that time a copy of
the release with a new version is imported and made current, as an operator would; the
clients go on until that import is done (at most ``--max-seconds`` in all). Prints requests per
second, latency percentiles and every non-2xx answer; exits 1 when the targets
(≥ 200 requests/s, p95 ≤ 300 ms, no non-2xx) are missed. The server is stopped at the
end, whatever happens.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HOST = "127.0.0.1"  # never anything else: this is a load test of our own server
PATHS = (
    "/",
    "/gemeente/GM0114/",
    "/cijfer/laag_inkomen_personen/",
    "/download.csv?indicator=laag_inkomen_personen&niveau=gemeente",
)
CLI = str(Path(sys.executable).parent / "armoedemonitor")


def _environment(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "ARMOEDEMONITOR_"))}
    env.pop("DATABASE_URL", None)
    geo = Path(__file__).resolve().parents[2] / "shared" / "geo" / "gemeente_2023.topojson"
    env.update(
        ARMOEDEMONITOR_HOME=str(home),
        DJANGO_SETTINGS_MODULE="armoedemonitor.web.settings.prod",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_SECURE_SSL_REDIRECT="0",  # plain HTTP on 127.0.0.1 (a proxy would do TLS)
        DJANGO_SECURE_HSTS_SECONDS="0",
        ARMOEDEMONITOR_GEO_FILE=str(geo) if geo.is_file() else "",
    )
    return env


def _newer_copy(release: Path, target: Path) -> Path:
    """The same release under a new version and creation time: a second, newer release."""
    shutil.copytree(release, target)
    descriptor = target / "datapackage.json"
    meta = json.loads(descriptor.read_text("utf-8"))
    meta["version"] = f"{meta.get('version', '')}-load"
    meta["created"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    descriptor.write_text(json.dumps(meta, indent=2), encoding="utf-8")
    return target


def _wait_for(port: int, server: subprocess.Popen, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"server stopped with code {server.returncode}")
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=5)
            connection.request("GET", "/toegankelijkheid/")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("server did not start in time")


class Client(threading.Thread):
    def __init__(self, port: int, offset: int, keep_going, budget: threading.Semaphore, record):
        super().__init__(daemon=True)
        self.port, self.offset, self.keep_going, self.budget, self.record = port, offset, keep_going, budget, record

    def run(self) -> None:
        connection = http.client.HTTPConnection(HOST, self.port, timeout=30)
        i = self.offset
        while self.keep_going() and self.budget.acquire(blocking=False):
            path = PATHS[i % len(PATHS)]
            i += 1
            start = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Accept-Language": "nl"})
                response = connection.getresponse()
                response.read()
                status = response.status
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
            except (OSError, http.client.HTTPException) as error:
                status = f"{type(error).__name__}"
                connection.close()
                connection = http.client.HTTPConnection(HOST, self.port, timeout=30)
            self.record(path, status, time.perf_counter() - start, time.monotonic())
        connection.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("release", type=Path, help="a release folder (armoedemonitor release)")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--max-requests", type=int, default=50_000)
    parser.add_argument("--max-seconds", type=float, default=900.0, help="hard limit, import included")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--no-import", action="store_true", help="no import during the load")
    args = parser.parse_args()
    if not (1 <= args.clients <= 200 and 1 <= args.seconds <= 300 and args.max_requests <= 500_000
            and args.max_seconds <= 1800):
        parser.error("keep it bounded: at most 200 clients, 300 s (1800 s with the import) and 500 000 requests")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stopped from outside: still clean up

    work = Path(tempfile.mkdtemp(prefix="armoedemonitor-load-"))
    env = _environment(work / "home")
    server = None
    try:
        subprocess.run([CLI, "import-release", str(args.release), "--current"], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        newer = _newer_copy(args.release, work / "newer")
        server = subprocess.Popen(
            [CLI, "serve", "--port", str(args.port), "--workers", str(args.workers),
             "--threads", str(args.threads)],
            env=env, stdout=subprocess.DEVNULL, stderr=open(work / "server.log", "w"),  # noqa: SIM115
            start_new_session=True,
        )
        _wait_for(args.port, server)
        for path in PATHS * 4:  # every worker makes each page once before the clock starts
            connection = http.client.HTTPConnection(HOST, args.port, timeout=120)
            connection.request("GET", path)
            connection.getresponse().read()
            connection.close()

        results: list[tuple[str, object, float, float]] = []
        lock = threading.Lock()

        def record(path, status, seconds, at):
            with lock:
                results.append((path, status, seconds, at))

        budget = threading.Semaphore(args.max_requests)
        importing = threading.Event()
        start = time.monotonic()

        def keep_going() -> bool:
            now = time.monotonic() - start
            return now < args.max_seconds and (now < args.seconds or importing.is_set())

        if not args.no_import:
            importing.set()
        clients = [Client(args.port, i, keep_going, budget, record) for i in range(args.clients)]
        for client in clients:
            client.start()
        import_seconds = None
        if not args.no_import:
            time.sleep(args.seconds / 3)
            began = time.monotonic()
            try:
                subprocess.run([CLI, "import-release", str(newer), "--current"], env=env, check=True,
                               stdout=subprocess.DEVNULL)
            finally:
                importing.clear()
            import_seconds = (began - start, time.monotonic() - start)
        for client in clients:
            client.join(timeout=args.max_seconds + 60)
        elapsed = time.monotonic() - start
    finally:
        if server is not None and server.poll() is None:
            os.kill(server.pid, signal.SIGTERM)  # the gunicorn master we started; it stops its workers
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.kill(server.pid, signal.SIGKILL)
        shutil.rmtree(work, ignore_errors=True)

    latencies = sorted(r[2] for r in results)
    bad = [r for r in results if not (isinstance(r[1], int) and 200 <= r[1] < 300)]
    rate = len(results) / elapsed
    p50, p95, p99 = (latencies[int(q * (len(latencies) - 1))] * 1000 for q in (0.5, 0.95, 0.99))
    print(f"{args.clients} clients, {elapsed:.1f} s, {len(results)} requests: {rate:.0f} requests/s "
          f"(machine load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    print(f"latency ms: p50 {p50:.0f}, p95 {p95:.0f}, p99 {p99:.0f}, max {latencies[-1] * 1000:.0f}, "
          f"mean {statistics.fmean(latencies) * 1000:.0f}")
    if import_seconds:
        during = [r for r in results if import_seconds[0] <= r[3] - start <= import_seconds[1]]
        print(f"import of a newer release during the load: {import_seconds[0]:.1f}–{import_seconds[1]:.1f} s, "
              f"{len(during)} requests meanwhile")
    for path in PATHS:
        own = sorted(r[2] for r in results if r[0] == path)
        if own:
            print(f"  {path}: {len(own)} requests, p95 {own[int(0.95 * (len(own) - 1))] * 1000:.0f} ms")
    print(f"non-2xx or failed: {len(bad)}" + "".join(f"\n  {r[0]}: {r[1]}" for r in bad[:20]))
    ok = rate >= 200 and p95 <= 300 and not bad
    print("targets (≥ 200 requests/s, p95 ≤ 300 ms, 0 non-2xx):", "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
