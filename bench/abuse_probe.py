#!/usr/bin/env python3
"""Latency of /healthz and nearby while one client abuses the server (issue 22), and a console
station save. Driven by bench/abuse_bench.sh, which starts the server on the 200,000-station
registry; see that script for the command and bench/README.md for the figures.

Phases, each measured the same way (PROBES sequential requests of each kind over one keep-alive
connection from 127.0.0.1, fixed seed): idle; while 8 loops fetch the national GeoJSON (plain,
99 MB each); while 1,000 slow connections come from one other address (127.0.0.2: they send
half a request line and stall); while 100 anonymous clients (127.0.0.3) post 10 MB bodies to the
console's upload route. The server's resident memory is sampled every 100 ms of each phase.
"""
import http.client
import json
import os
import random
import socket
import statistics
import sys
import threading
import time

PORT = int(sys.argv[1])
PID = int(sys.argv[2])
ADMIN_PASSWORD = sys.argv[3]
PROBES = int(os.environ.get("PROBES", "400"))
CITIES = [(39.90, 116.40), (31.23, 121.47), (23.13, 113.26), (30.57, 104.07), (34.34, 108.94),
          (36.07, 120.38), (30.27, 120.15), (22.54, 114.06), (29.56, 106.55), (45.80, 126.53)]


def rss_mb():
    with open(f"/proc/{PID}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def probe(rng):
    """PROBES requests of /healthz, then of nearby: (healthz ms list, nearby ms list, errors)."""
    out = {"healthz": [], "nearby": []}
    errors = 0
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    for kind in ("healthz", "nearby"):
        for _ in range(PROBES):
            if kind == "healthz":
                target = "/healthz"
            else:
                lat, lng = rng.choice(CITIES)
                target = (f"/api/v1/stations/nearby?lat={lat + rng.uniform(-0.1, 0.1):.5f}"
                          f"&lng={lng + rng.uniform(-0.1, 0.1):.5f}&limit=10")
            t0 = time.perf_counter()
            try:
                conn.request("GET", target)
                r = conn.getresponse()
                r.read()
                if r.status != 200:
                    errors += 1
            except (OSError, http.client.HTTPException):
                errors += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
            out[kind].append((time.perf_counter() - t0) * 1000)
    conn.close()
    return out["healthz"], out["nearby"], errors


class Load:
    """A background attack running until stop()."""

    def __init__(self, target, count):
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=target, args=(self.stopping, i), daemon=True)
                        for i in range(count)]
        self.done = 0

    def start(self):
        for t in self.threads:
            t.start()
        return self

    def stop(self):
        self.stopping.set()
        for t in self.threads:
            t.join(timeout=30)


def geojson_loop(stopping, _):
    while not stopping.is_set():
        try:
            conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
            conn.request("GET", "/api/v1/stations.geojson")
            r = conn.getresponse()
            while r.read(1 << 20):
                pass
            conn.close()
        except (OSError, http.client.HTTPException):
            time.sleep(0.05)


def slow_connections(stopping, _):
    sockets = []
    for _ in range(1000):
        if stopping.is_set():
            break
        try:
            s = socket.socket()
            s.bind(("127.0.0.2", 0))
            s.settimeout(5)
            s.connect(("127.0.0.1", PORT))
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")  # and never the end
            sockets.append(s)
        except OSError:
            pass
    # Keep them open; reopen the ones the server closed.
    while not stopping.is_set():
        time.sleep(0.5)
        for i, s in enumerate(sockets):
            try:
                s.setblocking(False)
                if s.recv(1 << 16) == b"":
                    raise OSError("closed")
            except BlockingIOError:
                continue
            except OSError:
                s.close()
                try:
                    n = socket.socket()
                    n.bind(("127.0.0.2", 0))
                    n.settimeout(5)
                    n.connect(("127.0.0.1", PORT))
                    n.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
                    sockets[i] = n
                except OSError:
                    pass
    for s in sockets:
        s.close()


def anonymous_upload(stopping, _):
    chunk = b"x" * 65536
    while not stopping.is_set():
        try:
            s = socket.socket()
            s.bind(("127.0.0.3", 0))
            s.settimeout(10)
            s.connect(("127.0.0.1", PORT))
            s.sendall(b"POST /api/v1/admin/uploads/stations HTTP/1.1\r\nHost: x\r\n"
                      b"Content-Type: text/csv\r\nContent-Length: 10485760\r\n\r\n")
            sent = 0
            while sent < 10485760 and not stopping.is_set():
                s.sendall(chunk)
                sent += len(chunk)
            s.close()
        except OSError:
            time.sleep(0.01)


def measure(name, rng, load=None):
    samples = []
    sampling = threading.Event()

    def sample():
        while not sampling.is_set():
            samples.append(rss_mb())
            time.sleep(0.1)

    before = rss_mb()
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    if load:
        load.start()
        time.sleep(3)  # let the attack build up
    healthz, nearby, errors = probe(rng)
    if load:
        load.stop()
    sampling.set()
    sampler.join()
    return {"phase": name, "healthz_p50": statistics.median(healthz),
            "healthz_p99": percentile(healthz, 99), "nearby_p50": statistics.median(nearby),
            "nearby_p99": percentile(nearby, 99), "errors": errors,
            "rss_before_mb": before, "rss_peak_mb": max(samples + [before])}


def station_saves(count):
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=120)
    conn.request("POST", "/api/v1/auth/login",
                 json.dumps({"username": "bench", "password": ADMIN_PASSWORD}),
                 {"Content-Type": "application/json"})
    r = conn.getresponse()
    body = json.loads(r.read())
    cookie = r.getheader("Set-Cookie").split(";")[0]
    csrf = body["csrf_token"]
    conn.request("GET", "/api/v1/stations/nearby?lat=39.9&lng=116.4&limit=1")
    code = json.loads(conn.getresponse().read())["stations"][0]["code"]
    times = []
    for i in range(count):
        t0 = time.perf_counter()
        conn.request("PATCH", f"/api/v1/admin/stations/{code}",
                     json.dumps({"name": f"测试改名 {i}"}),
                     {"Content-Type": "application/json", "Cookie": cookie,
                      "X-CSRF-Token": csrf})
        r = conn.getresponse()
        r.read()
        times.append((time.perf_counter() - t0) * 1000)
        if r.status != 200:
            print(f"station save answered {r.status}", file=sys.stderr)
    return times


def main():
    rng = random.Random(20261207)
    rows = [measure("idle", rng),
            measure("8 loops fetching the GeoJSON", rng, Load(geojson_loop, 8)),
            measure("1,000 slow connections from 127.0.0.2", rng, Load(slow_connections, 1)),
            measure("100 anonymous 10 MB uploads from 127.0.0.3", rng,
                    Load(anonymous_upload, 100))]
    idle = rows[0]
    print(f"{'phase':<44} {'healthz p50/p99 ms':>20} {'nearby p50/p99 ms':>20} "
          f"{'p99 vs idle':>14} {'RSS peak - before':>18} errors")
    for r in rows:
        ratio = (f"{r['healthz_p99'] / idle['healthz_p99']:.1f}x/"
                 f"{r['nearby_p99'] / idle['nearby_p99']:.1f}x")
        print(f"{r['phase']:<44} {r['healthz_p50']:>8.2f} / {r['healthz_p99']:<8.2f} "
              f"{r['nearby_p50']:>8.2f} / {r['nearby_p99']:<8.2f} {ratio:>14} "
              f"{r['rss_peak_mb'] - r['rss_before_mb']:>+14.0f} MB {r['errors']:>5}")
    saves = station_saves(int(os.environ.get("SAVES", "10")))
    print(f"console station save (PATCH a name), {len(saves)} saves: median "
          f"{statistics.median(saves):.1f} ms, p90 {percentile(saves, 90):.1f} ms, "
          f"max {max(saves):.0f} ms (goal < 50 ms)")


if __name__ == "__main__":
    main()
