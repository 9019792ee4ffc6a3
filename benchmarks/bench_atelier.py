"""Benchmark of the live workshop's participant server, on loopback only (``make bench``).

Run from the project root:  ``.venv/bin/python benchmarks/bench_atelier.py [--seconds 8]``

Targets (issue 9), on this 2-core machine with the clients running on the same machine:
- p95 latency of an answer ≤ 100 ms with 200 participants answering at a workshop's pace
  (each answers, then thinks 0.5–1.5 s, then changes or repeats, i.e. about 200 answers/s);
- time from an answer to the notebook widget's updated chart ≤ 2 s.

Also printed (no target): answers/s sustained when 200 participants answer back to back (each
participant is held to 8 writes/s by the rate limiter, so the server's own ceiling is what is
measured), and the latency when all 200 answer in the same instant.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OCWORKBOOK_STATE", tempfile.mkdtemp(prefix="ocw-bench-atelier-"))

from ocworkbook.atelier.launcher import start  # noqa: E402

NOTEBOOK, CHOICE = "05-concertation-des-concertations", "05-lire-intermediarite"
OPTIONS = ["a", "b", "c", "d"]


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


class Phone:
    """A minimal keep-alive HTTP/1.1 client (one connection per participant).

    Much cheaper than httpx per request, so that on a 2-core machine the clients' own work does not
    count as the server's latency. Requests are the same bytes a phone's browser sends.
    """

    def __init__(self, host, port):
        self.host, self.port, self.cookie = host, port, ""
        self.reader = self.writer = None

    async def post(self, path, body: str) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        data = body.encode()
        head = (f"POST {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nAccept: application/json\r\n"
                f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(data)}\r\n"
                + (f"Cookie: {self.cookie}\r\n" if self.cookie else "") + "\r\n")
        self.writer.write(head.encode() + data)
        status_line = await self.reader.readline()
        length = 0
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            if name.lower() == "content-length":
                length = int(value)
            elif name.lower() == "set-cookie" and value.strip().startswith("atelier="):
                self.cookie = value.strip().split(";")[0]
        content = await self.reader.readexactly(length) if length else b""
        return int(status_line.split()[1]), content

    async def close(self):
        if self.writer is not None:
            self.writer.close()


async def join(base, code, n):
    host, port = base.removeprefix("http://").split(":")
    phones = [Phone(host, int(port)) for _ in range(n)]
    await asyncio.gather(*(p.post("/rejoindre", f"code={code}") for p in phones))
    return phones


async def answer(client, rng, latencies, statuses):
    started = time.perf_counter()
    status, _ = await client.post("/repondre", f"activite={CHOICE}&choix={rng.choice(OPTIONS)}")
    latencies.append(time.perf_counter() - started)
    statuses[status] = statuses.get(status, 0) + 1


async def paced(clients, seconds, rng):
    latencies, statuses = [], {}
    deadline = time.perf_counter() + seconds

    async def person(client):
        await asyncio.sleep(rng.uniform(0, 1))
        while time.perf_counter() < deadline:
            await answer(client, rng, latencies, statuses)
            await asyncio.sleep(rng.uniform(0.5, 1.5))

    lags = []

    async def ticker():  # how late this (client) process's own event loop runs: part of every latency
        while time.perf_counter() < deadline:
            before = time.perf_counter()
            await asyncio.sleep(0.01)
            lags.append(time.perf_counter() - before - 0.01)

    await asyncio.gather(ticker(), *(person(c) for c in clients))
    return latencies, statuses, lags


async def saturated(clients, seconds, rng):
    latencies, statuses = [], {}
    deadline = time.perf_counter() + seconds

    async def person(client):
        while time.perf_counter() < deadline:
            await answer(client, rng, latencies, statuses)

    started = time.perf_counter()
    await asyncio.gather(*(person(c) for c in clients))
    return latencies, statuses, time.perf_counter() - started


async def burst(clients, rng):
    latencies, statuses = [], {}
    await asyncio.gather(*(answer(c, rng, latencies, statuses) for c in clients))
    return latencies, statuses


def widget_delay(session, rounds=8):
    """Seconds from an answer's acknowledgement to the widget showing the new count."""
    from ocworkbook.atelier.rehearsal import Participant
    from ocworkbook.atelier.widget import LiveWorkshop

    widget = LiveWorkshop(session, poll=0.5)
    time.sleep(3)  # let the widget's thread start vl-convert's engine (done once per notebook)
    people = [Participant(session.base) for _ in range(rounds)]
    delays = []
    for person in people:
        person.join(session.code)
        widget.refresh()
        before = widget.tally(CHOICE).people
        person.post("/repondre", {"activite": CHOICE, "choix": "a"})
        acknowledged = time.perf_counter()
        expected = f"{before + 1} ont répondu"
        while expected not in widget.status.value:
            if time.perf_counter() - acknowledged > 10:
                break
            time.sleep(0.01)
        delays.append(time.perf_counter() - acknowledged)
    widget._stop.set()
    return delays


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--participants", type=int, default=200)
    parser.add_argument("--priorite", type=int, default=0, metavar="N",
                        help="raise the server's priority by N (root only): a laptop used only for the workshop, "
                             "on a machine that other processes keep busy")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="ocw-bench-sessions-"))
    session = start(NOTEBOOK, host="127.0.0.1", folder=folder)
    if args.priorite:
        os.setpriority(os.PRIO_PROCESS, session.process.pid, -args.priorite)
        print(f"priorité du serveur relevée de {args.priorite} (os.setpriority)")
    rng = random.Random(1)
    ok = True
    try:
        session.open(CHOICE)
        time.sleep(3)  # people scan the QR code: the server's chart worker starts meanwhile

        async def run():
            clients = await join(session.base, session.code, args.participants)
            paced_result = await paced(clients, args.seconds, rng)
            burst_result = await burst(clients, rng)
            saturated_result = await saturated(clients, args.seconds / 2, rng)
            for client in clients:
                await client.close()
            return paced_result, burst_result, saturated_result

        (lat, statuses, lags), (blat, bstatuses), (slat, sstatuses, elapsed) = asyncio.run(run())
        p95 = percentile(lat, 0.95) * 1000
        print(f"{args.participants} participants au rythme d'un atelier : {len(lat) / args.seconds:.0f} réponses/s, "
              f"latence p50 {statistics.median(lat) * 1000:.1f} ms, p95 {p95:.1f} ms, "
              f"p99 {percentile(lat, 0.99) * 1000:.1f} ms (cible p95 ≤ 100 ms) — statuts {statuses}")
        print(f"  retard de la boucle des clients eux-mêmes (même machine) : "
              f"p95 {percentile(lags, 0.95) * 1000:.1f} ms, max {max(lags) * 1000:.0f} ms")
        ok &= p95 <= 100 and set(statuses) == {200}
        print(f"{args.participants} réponses au même instant : p50 {statistics.median(blat) * 1000:.0f} ms, "
              f"p95 {percentile(blat, 0.95) * 1000:.0f} ms, max {max(blat) * 1000:.0f} ms — statuts {bstatuses}")
        accepted = sstatuses.get(200, 0)
        print(f"réponses enchaînées sans pause : {accepted / elapsed:.0f} réponses/s acceptées "
              f"(p95 {percentile(slat, 0.95) * 1000:.0f} ms) — statuts {sstatuses} (429 = limite par personne)")
        delays = widget_delay(session)
        print(f"réponse → graphique du carnet à jour : médiane {statistics.median(delays):.2f} s, "
              f"max {max(delays):.2f} s (cible ≤ 2 s)")
        ok &= max(delays) <= 2.0
    finally:
        session.stop()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"charge de la machine pendant la mesure : {load:.1f} (2 cœurs partagés ; au-delà de 2, les "
          "autres processus prennent une part du temps de calcul et allongent la queue de latence)")
    print("cibles atteintes" if ok else "CIBLE MANQUÉE")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
