#!/usr/bin/env python3
"""Holds idle, half-sent and slow-body connections against a running instance and prints what it costs.

usage: ops/edge-abuse.py --port 8080 --pid <service pid> [--idle 2000] [--half 2000] [--bodies 500] [--hold 30]

Phase 1 opens --idle connections that send nothing and times normal requests (a new connection each) beside them.
Phase 2 adds --half connections that send part of a request head and --bodies connections that send a 64 KiB
PATCH body but its last bytes, then, every second for --hold seconds, times a normal request and reads the
service's resident memory (VmRSS of --pid), and counts the abusive connections the service has closed.
The last line: edge_abuse idle_ms_p50=… idle_ms_max=… rss_mb_max=… refused=… closed_half=… closed_bodies=…
"""
import argparse
import socket
import statistics
import time

BODY = 64 * 1024


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def timed_request(port):
    """Milliseconds for GET /health/live on a new connection, or None when it is refused or unanswered."""
    start = time.monotonic()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
            s.sendall(b"GET /health/live HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            answer = s.recv(64)
            if not answer.startswith(b"HTTP/1.1 200"):
                return None
    except OSError:
        return None
    return (time.monotonic() - start) * 1000


def open_many(port, count, first_bytes):
    sockets, refused = [], 0
    for _ in range(count):
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=5)
            if first_bytes:
                s.sendall(first_bytes)
            s.setblocking(False)
            sockets.append(s)
        except OSError:
            refused += 1
    return sockets, refused


def split_closed(sockets):
    """(still open, how many the server answered or closed); the closed ones are closed here too."""
    still, closed = [], 0
    for s in sockets:
        try:
            data = s.recv(65536)
            if data == b"" or data.startswith(b"HTTP/1.1 4"):
                closed += 1
                s.close()
                continue
        except BlockingIOError:
            pass
        except OSError:
            closed += 1
            s.close()
            continue
        still.append(s)
    return still, closed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--idle", type=int, default=2000)
    parser.add_argument("--half", type=int, default=2000)
    parser.add_argument("--bodies", type=int, default=500)
    parser.add_argument("--hold", type=int, default=30)
    args = parser.parse_args()

    baseline = [timed_request(args.port) for _ in range(20)]
    idle, refused = open_many(args.port, args.idle, b"")
    beside_idle = [timed_request(args.port) for _ in range(50)]
    answered = [ms for ms in beside_idle if ms is not None]
    print(f"idle={len(idle)} refused={refused} baseline_ms_p50={statistics.median(filter(None, baseline)):.2f}"
          f" beside_idle_answered={len(answered)}/50 p50={statistics.median(answered) if answered else -1:.2f}"
          f" max={max(answered) if answered else -1:.2f} rss_mb={rss_mb(args.pid):.0f}")

    half, refused_half = open_many(args.port, args.half, b"GET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
    head = (f"PATCH /v1/segments HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer sgk_{'0' * 32}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {BODY}\r\n\r\n").encode()
    bodies, refused_bodies = open_many(args.port, args.bodies, head + b"[" * (BODY - 10))
    refused += refused_half + refused_bodies
    rss_max, closed_half, closed_bodies, during = rss_mb(args.pid), 0, 0, []
    for second in range(args.hold):
        time.sleep(1)
        during.append(timed_request(args.port))
        rss_max = max(rss_max, rss_mb(args.pid))
        half, closed = split_closed(half)
        closed_half += closed
        bodies, closed = split_closed(bodies)
        closed_bodies += closed
        print(f"t={second + 1}s rss_mb={rss_mb(args.pid):.0f} request_ms={during[-1]} closed_half={closed_half}"
              f" closed_bodies={closed_bodies}")
    answered_during = [ms for ms in during if ms is not None]
    print(f"edge_abuse idle_ms_p50={statistics.median(answered) if answered else -1:.2f}"
          f" idle_ms_max={max(answered) if answered else -1:.2f} rss_mb_max={rss_max:.0f} refused={refused}"
          f" answered_during_abuse={len(answered_during)}/{len(during)} closed_half={closed_half}/{args.half}"
          f" closed_bodies={closed_bodies}/{args.bodies}")
    for s in idle + half + bodies:
        s.close()


if __name__ == "__main__":
    main()
