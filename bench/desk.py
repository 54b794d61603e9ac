"""`make bench` scenarios of the support desk (issues 13 and 15), against a running server:

- files: upload and download of a 5 MiB file (MB/s, median of 5), beside a plain INSERT and
  SELECT of the same bytes into a MariaDB table in the same run, and the send path's latency at
  200 msg/s while 5 MiB uploads run back to back;
- reports: GET /admin/reports for 30 days in Europe/Berlin (p50, p99), the CSV of the same range;
- erase: DELETE /admin/customers/{id} of a customer with 10,000 messages while the 200 msg/s
  latency run goes on (the erase's time, and the sends' p99 and max meanwhile).

Called by bench/run.py (`--only files,reports,erase`); `net` is run.py's scenario config.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import orjson
import pymysql
from loadgen import pct, token
from websockets.asyncio.client import connect

BENCH = Path(__file__).resolve().parent
FILE_BYTES = 5 * 1024 * 1024
ROUNDS = 5
REPORT_CALLS = 40
ERASE_MESSAGES = 10_000
LATENCY_RATE = 200


def _pdf(size: int) -> bytes:
    # Recognised as a PDF by its signature, the rest incompressible.
    return b"%PDF-1.4\n" + os.urandom(size - 9)


def _mbps(seconds: list[float]) -> float:
    return round(FILE_BYTES / 2**20 / statistics.median(seconds), 1)


def _db(net: dict[str, Any]) -> pymysql.Connection:  # type: ignore[type-arg]
    d = net["db"]
    kwargs: dict[str, Any] = {"unix_socket": d["unix_socket"]} if d.get("unix_socket") else {}
    return pymysql.connect(
        host=d["host"],
        port=d["port"],
        user=d["user"],
        password=d["password"],
        database=d["database"],
        **kwargs,
    )


def _plain_insert(net: dict[str, Any], blob: bytes) -> dict[str, float]:
    """The same bytes as one row of a plain table: what MariaDB does with no Parley around."""
    conn = _db(net)
    try:
        with conn.cursor() as cur:
            cur.execute("DROP TABLE IF EXISTS bench_blobs")
            cur.execute("CREATE TABLE bench_blobs (id INT AUTO_INCREMENT PRIMARY KEY, b LONGBLOB)")
        writes, reads = [], []
        for _ in range(ROUNDS):
            t = time.perf_counter()
            with conn.cursor() as cur:
                cur.execute("INSERT INTO bench_blobs (b) VALUES (%s)", (blob,))
                row_id = cur.lastrowid
            conn.commit()
            writes.append(time.perf_counter() - t)
            t = time.perf_counter()
            with conn.cursor() as cur:
                cur.execute("SELECT b FROM bench_blobs WHERE id = %s", (row_id,))
                assert len(cur.fetchone()[0]) == len(blob)
            reads.append(time.perf_counter() - t)
        with conn.cursor() as cur:
            cur.execute("DROP TABLE bench_blobs")
        return {"insert_mbps": _mbps(writes), "select_mbps": _mbps(reads)}
    finally:
        conn.close()


def _latency_while(net: dict[str, Any], during: Any) -> tuple[dict[str, Any], Any]:
    """The 200 msg/s latency run in its own process while `during()` runs here."""
    cfg = {**net, "scenario": "latency", "rate": LATENCY_RATE}
    proc = subprocess.Popen(
        [sys.executable, str(BENCH / "loadgen.py"), json.dumps(cfg)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    time.sleep(net["warmup"] + 1)
    result = during()
    out, _ = proc.communicate(timeout=300)
    return dict(json.loads(out.strip().splitlines()[-1])), result


def files(net: dict[str, Any]) -> dict[str, Any]:
    base = f"http://127.0.0.1:{net['port']}/api/v1"
    # A seeded customer who is not one of the latency run's live chats.
    uid = net["admins"] + net["live"] + 1
    auth = {"Authorization": f"Bearer {token(net, uid)}"}
    blob = _pdf(FILE_BYTES)
    ups, downs = [], []
    with httpx.Client(base_url=base, timeout=60) as http:
        for _ in range(ROUNDS):
            t = time.perf_counter()
            r = http.post("/uploads", params={"name": "big.pdf"}, content=blob, headers=auth)
            ups.append(time.perf_counter() - t)
            r.raise_for_status()
            t = time.perf_counter()
            got = 0
            with http.stream("GET", f"/attachments/{r.json()['id']}", headers=auth) as res:
                res.raise_for_status()
                for chunk in res.iter_bytes():
                    got += len(chunk)
            downs.append(time.perf_counter() - t)
            assert got == FILE_BYTES, got
    out: dict[str, Any] = {"upload_mbps": _mbps(ups), "download_mbps": _mbps(downs)}
    out.update(_plain_insert(net, blob))

    stop = threading.Event()
    uploaded = [0]

    def keep_uploading() -> None:
        with httpx.Client(base_url=base, timeout=60) as http:
            while not stop.is_set():
                r = http.post("/uploads", params={"name": "big.pdf"}, content=blob, headers=auth)
                if r.status_code == 201:
                    uploaded[0] += 1

    def during() -> None:
        time.sleep(net["duration"])

    uploader = threading.Thread(target=keep_uploading, daemon=True)
    uploader.start()
    try:
        latency, _ = _latency_while(net, during)
    finally:
        stop.set()
        uploader.join(120)
    out["latency_while_uploading"] = latency
    out["uploads_meanwhile"] = uploaded[0]
    return out


def reports(net: dict[str, Any]) -> dict[str, Any]:
    base = f"http://127.0.0.1:{net['port']}/api/v1"
    auth = {"Authorization": f"Bearer {token(net, 1)}"}
    today = datetime.now(UTC).date()
    params = {"from": str(today - timedelta(days=29)), "to": str(today), "tz": "Europe/Berlin"}
    times = []
    with httpx.Client(base_url=base, timeout=60) as http:
        for i in range(REPORT_CALLS + 3):
            t = time.perf_counter()
            r = http.get("/admin/reports", params=params, headers=auth)
            if i >= 3:
                times.append((time.perf_counter() - t) * 1000)
            r.raise_for_status()
        report = r.json()
        t = time.perf_counter()
        csv = http.get("/admin/reports/chats.csv", params=params, headers=auth)
        csv_ms = (time.perf_counter() - t) * 1000
        csv.raise_for_status()
    return {
        "p50_ms": round(pct(times, 50), 1),
        "p99_ms": round(pct(times, 99), 1),
        "max_ms": round(max(times), 1),
        "chats_started": report["chats_started"],
        "messages": report["messages_from_customers"] + report["messages_from_admins"],
        "csv_ms": round(csv_ms, 1),
        "csv_rows": csv.text.count("\n") - 1,
    }


async def _customer_with_history(base: str, ws_url: str, count: int) -> tuple[int, str]:
    """A new guest who has sent `count` messages (over one socket, pipelined)."""
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        r = await http.post("/auth/guest", json={"display_name": "Erase Me"})
        r.raise_for_status()
        guest_token, guest_id = r.json()["access_token"], r.json()["user"]["id"]
    async with connect(ws_url, compression=None, max_size=2**22) as ws:

        async def call(rid: int, method: str, params: dict[str, Any]) -> None:
            await ws.send(orjson.dumps({"id": rid, "method": method, "params": params}).decode())

        async def reply(rid: int) -> dict[str, Any]:
            while True:
                frame = orjson.loads(await ws.recv())
                if frame.get("id") == rid:
                    return dict(frame)

        await call(0, "auth", {"token": guest_token})
        assert "result" in await reply(0)
        await call(1, "message.send", {"body": "the first, which makes the chat"})
        assert "result" in await reply(1)
        for i in range(2, count + 1):
            await call(i, "message.send", {"body": f"message {i} about my order"})
        answered = 0
        while answered < count - 1:
            frame = orjson.loads(await ws.recv())
            if "id" in frame:
                assert "result" in frame, frame
                answered += 1
    return int(guest_id), str(guest_token)


def erase(net: dict[str, Any]) -> dict[str, Any]:
    base = f"http://127.0.0.1:{net['port']}/api/v1"
    t = time.perf_counter()
    customer_id, _ = asyncio.run(_customer_with_history(base, net["ws_url"], ERASE_MESSAGES))
    made = time.perf_counter() - t
    admin = {"Authorization": f"Bearer {token(net, 1)}"}

    def during() -> float:
        with httpx.Client(base_url=base, timeout=60) as http:
            t = time.perf_counter()
            r = http.delete(f"/admin/customers/{customer_id}", headers=admin)
            r.raise_for_status()
            return time.perf_counter() - t

    latency, seconds = _latency_while(net, during)
    return {
        "messages": ERASE_MESSAGES,
        "history_made_seconds": round(made, 1),
        "erase_seconds": round(seconds, 3),
        "latency_meanwhile": latency,
    }
