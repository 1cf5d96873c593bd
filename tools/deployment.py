"""``deploy/run`` started for a test or a benchmark: ``with start_deployment(2) as running:``.

Runs ``deploy/run --servers N`` on a free loopback port with its own PostgreSQL cluster in a
temporary data folder (removed afterwards), reads the process ids it prints and yields once
it is ready. The environment is the caller's without ``SAFETYMAP_*`` and ``DATABASE_URL``
(as ``appserver.start_app``), plus ``extra_env``.
"""

from __future__ import annotations

import os
import queue
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tools.appserver import ROOT, free_port

RUN = ROOT / "deploy" / "run"
READY_TIMEOUT_S = 120.0
SERVER = re.compile(r"deploy: server (s\d+) pid (\d+) (\S+)")
PID = re.compile(r"deploy: (postgres|nginx) pid (\d+) ")


@dataclass
class Deployment:
    """``deploy/run`` as it runs: its process, URL and the process ids it printed."""

    process: subprocess.Popen
    url: str
    lines: queue.Queue[str]
    output: list[str] = field(default_factory=list)
    servers: dict[str, int] = field(default_factory=dict)  # route → pid of its server now
    urls: dict[str, str] = field(default_factory=dict)  # route → its server's own URL
    others: dict[str, int] = field(default_factory=dict)  # postgres, nginx

    def read_until(self, pattern: str, timeout_s: float) -> str:
        """The first line from now matching ``pattern``, noting the ids on every line read
        before it; AssertionError with the output when none comes in ``timeout_s``."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                if self.process.poll() is not None and self.lines.empty():
                    break
                continue
            self.output.append(line)
            if found := SERVER.match(line):
                self.servers[found[1]] = int(found[2])
                self.urls[found[1]] = found[3]
            if found := PID.match(line):
                self.others[found[1]] = int(found[2])
            if re.search(pattern, line):
                return line
        raise AssertionError(f"no {pattern!r} from deploy/run:\n" + "".join(self.output))


@contextmanager
def start_deployment(servers: int, extra_env: dict[str, str] | None = None) -> Iterator[Deployment]:
    """``deploy/run --servers servers`` on a free loopback port, ready (see the module)."""
    # Not under pytest's tmp_path: as root, PostgreSQL runs as ``postgres``, who must be
    # able to reach its data folder.
    data = Path(tempfile.mkdtemp(prefix="safetymap-deploy-"))
    data.chmod(0o711)
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("SAFETYMAP_") and k != "DATABASE_URL"
    }
    env.update(extra_env or {})
    port = free_port()
    command = [str(RUN), "--servers", str(servers), "--port", str(port)]
    process = subprocess.Popen(
        [*command, "--address", "127.0.0.1", "--data", str(data)],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    assert process.stdout is not None
    stdout = process.stdout
    threading.Thread(target=lambda: [lines.put(x) for x in stdout], daemon=True).start()
    running = Deployment(process, f"http://127.0.0.1:{port}/", lines)
    try:
        running.read_until(r"^deploy: ready", READY_TIMEOUT_S)
        yield running
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        shutil.rmtree(data, ignore_errors=True)
