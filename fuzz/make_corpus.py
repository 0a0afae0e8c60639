#!/usr/bin/env python3
"""Writes the seed corpus of request_fuzzer into fuzz/corpus/: a dozen valid HTTP/1.1 requests of
every route of the route table (src/app/routes.cpp), on the demonstration city's stations.
Deterministic; rerun after adding a route:  python3 fuzz/make_corpus.py"""
import json
import pathlib

OUT = pathlib.Path(__file__).resolve().parent / "corpus"
CODES = ["SG-C001", "SG-C002", "SG-C011", "SG-C029", "SG-C040", "SG-T001", "SG-T020", "SG-C050",
         "SG-C035", "SG-T010", "NOPE-1", "SG-C%30%30%31"]
CATEGORIES = ["sanitation", "landscaping", "courier", "delivery", "driver", "traffic_police",
              "construction", "domestic", "other", "astronaut", "", "courier"]


def request(method, target, body=None, headers=()):
    lines = [f"{method} {target} HTTP/1.1", "Host: 127.0.0.1:8080"]
    lines += list(headers)
    data = b""
    if body is not None:
        data = body.encode() if isinstance(body, str) else body
        lines += ["Content-Type: application/json", f"Content-Length: {len(data)}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + data


def requests():
    nearby = [
        "lat=36.85&lng=118.74", "lat=36.85&lng=118.74&limit=3", "lat=36.86&lng=118.73&radius_m=2000",
        "lat=36.85&lng=118.74&amenity=toilet,wifi", "lat=36.85&lng=118.74&service=insurance",
        "lat=36.85&lng=118.74&host_type=bank,union", "lat=36.85&lng=118.74&open_now=1",
        "lat=36.85&lng=118.74&at=2025-01-15T10:30:00%2B08:00", "lat=36.849&lng=118.736&crs=gcj02",
        "lat=36.849&lng=118.736&crs=bd09&limit=100", "lat=91&lng=0", "lng=118.74",
    ]
    yield "nearby", [request("GET", "/api/v1/stations/nearby?" + q) for q in nearby]
    yield "detail", [request("GET", f"/api/v1/stations/{c}") for c in CODES]
    yield "geojson", [request("GET", "/api/v1/stations.geojson" + s) for s in
                      ["", "?x=1", "?crs=gcj02", "?", "?a=%20", "?lat=1"] * 2]
    checkins = []
    for i, (code, category) in enumerate(zip(CODES, CATEGORIES)):
        body = {"worker_category": category}
        if i % 3 == 0:
            body["device_id"] = f"device-{i}"
        checkins.append(request("POST", f"/api/v1/stations/{code}/checkins", json.dumps(body)))
    yield "checkin", checkins
    rating_bodies = [{"token": "t" * 32, "stars": s, "comment": "很好" * s} for s in range(0, 7)] + [
        {"token": "x", "stars": 5}, {"stars": 3}, {"token": "abc", "stars": "5"}, {}, {"token": "", "stars": 1}]
    yield "rating", [request("POST", f"/api/v1/checkins/ck{i:04d}/rating", json.dumps(b))
                     for i, b in enumerate(rating_bodies)]
    report_categories = ["facility", "supplies", "cleanliness", "safety", "suggestion", "other"] * 2
    yield "report", [request("POST", f"/api/v1/stations/{CODES[i]}/reports",
                             json.dumps({"category": c, "description": "饮水机坏了" * (i + 1),
                                         **({"amenity": "drinking_water"} if i % 2 else {})}))
                     for i, c in enumerate(report_categories)]
    yield "qr_svg", [request("GET", f"/api/v1/stations/{c}/qr.svg") for c in CODES]
    yield "qr_png", [request("GET", f"/api/v1/stations/{c}/qr.png") for c in CODES]
    yield "checkin_page", [request("GET", f"/s/{c}") for c in CODES]
    yield "station_page", [request("GET", f"/station/{c}") for c in CODES]
    ops = ["/healthz", "/metrics", "/openapi.json", "/api/v1/config", "/", "/stations"]
    yield "ops", [request(m, t) for t in ops for m in ("GET", "HEAD")]
    files = ["leaflet.js", "leaflet.css", "app.css", "checkin.js", "find.html", "nope.txt"]
    yield "static", [request("GET", f"/{d}/{f}") for d in ("vendor", "assets") for f in files]
    yield "edge", [
        request("DELETE", "/api/v1/stations/SG-C001"), request("GET", "/api/v1/stations/a%2Fb"),
        request("GET", "//"), request("GET", "/api/v1/stations/%ZZ"),
        request("POST", "/api/v1/stations/SG-C001/checkins", "{not json"),
        request("POST", "/api/v1/stations/SG-C001/checkins", "[]"),
        request("POST", "/api/v1/stations/SG-C001/checkins", json.dumps({"worker_category": "courier", "device_id": 7})),
        request("GET", "/healthz", headers=["Connection: close"]) + request("GET", "/metrics"),
        request("GET", "/api/v1/stations/nearby?lat=36.85&lng=118.74&limit=0"),
        request("GET", "/api/v1/stations/nearby?lat=36.85&lng=118.74&radius_m=-1"),
        request("OPTIONS", "*"),
        request("POST", "/api/v1/stations/SG-C001/checkins",
                headers=["Content-Type: application/json", "Transfer-Encoding: chunked"])
        + b'14\r\n{"worker_category": \r\n0A\r\n"courier"}\r\n0\r\n\r\n',
    ]


def main():
    OUT.mkdir(exist_ok=True)
    for old in OUT.glob("*.http"):
        old.unlink()
    for name, items in requests():
        for i, data in enumerate(items):
            (OUT / f"{name}-{i:02d}.http").write_bytes(data)


if __name__ == "__main__":
    main()
