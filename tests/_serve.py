"""`plantrack serve` started as a real process on a free port, for the API and browser tests."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
PERIODS = ("2024-Q4", "2025-Q1", "2025-Q2")
PLANTRACK = Path(sys.executable).with_name("plantrack")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    url: str
    store: Path
    process: subprocess.Popen
    banner: str = ""

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=120)


@contextlib.contextmanager
def running_server(store: Path, *extra: str) -> Iterator[Server]:
    """`plantrack serve --port <free> --store <store>`; yields once it answers, then stops it."""
    port = free_port()
    command = [str(PLANTRACK), "serve", "--port", str(port), "--store", str(store), *extra]
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"plantrack serve exited: {process.stderr.read()}")
            try:
                httpx.get(url + "/api/periods", timeout=2)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise RuntimeError("plantrack serve did not answer within 60 s") from None
                time.sleep(0.2)
        yield Server(url, store, process, process.stdout.readline() + process.stdout.readline())
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def tree_digest(root: Path) -> dict[str, str]:
    """Every file under `root` with its SHA-256 (an absent folder is empty): byte identity."""
    if not root.exists():
        return {}
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def chromium() -> str | None:
    """The Chromium the browser tests drive, or None when the machine has none."""
    return shutil.which("chromium") or shutil.which("chromium-browser")
