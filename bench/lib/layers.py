#!/usr/bin/env python3
"""Splits an async-profiler profile (collapsed stacks, one thread frame first) into the layers of a request.

usage: layers.py PROFILE.collapsed US_PER_REQUEST WHAT

Each sample goes to one layer. Threads that serve no request (the collector, the JIT, the logging thread) are
layers of their own. A sample whose leaf is a kernel or system-call frame is the kernel's. Otherwise the
innermost frame that names a layer of its own decides (the service's classes, the libraries with a role: Jackson,
logback, Micrometer, the PostgreSQL client, vertx-web), so that a HashMap.get in the validator is validation;
only a stack that names none of them falls to the generic layers (Netty's HTTP codec, its transport). The shares,
times the service's CPU per request measured in the same run (US_PER_REQUEST), give microseconds per request.
"""
import re
import sys

SPECIFIC = [
    ("access log", r"io/segmentgateway/telemetry/Access|ch/qos/logback|org/slf4j"),
    ("HTTP metrics", r"io/micrometer|io/segmentgateway/telemetry/(HttpMetrics|RouteTemplates)"),
    ("rate limit", r"io/segmentgateway/(auth/RateLimit|ratelimit/)"),
    # The guard's own work; EdgeGuard.channelRead itself is on the stack of everything the decoder does after it.
    ("HTTP edge guard (its scans)", r"io/segmentgateway/edge/(RequestScanner|HeadRules|EdgeLimits|EdgeRefusals"
                                    r"|EdgeAnswer|EdgeConnections)"),
    ("auth (key hash, cache)", r"io/segmentgateway/auth/|sun/security/provider/|java/security/MessageDigest"),
    ("body parse (Jackson)", r"com/fasterxml/jackson|io/segmentgateway/http/JsonBody|io/vertx/core/json/jackson"),
    ("validation", r"io/segmentgateway/segment/validation/"),
    ("canonicalisation (constraints text)", r"io/segmentgateway/segment/wire/ConstraintsText"),
    ("response body (SegmentWriter)", r"io/segmentgateway/segment/wire/"),
    ("PATCH batching", r"io/segmentgateway/segment/batch/"),
    ("PostgreSQL client (encode, decode, pool)", r"io/vertx/pgclient|io/vertx/sqlclient|io/segmentgateway/(db/|segment/SegmentRepository)"),
    ("segment handlers (answer, headers)", r"io/segmentgateway/segment/"),
    ("request id, drain, problems", r"io/segmentgateway/(http|ops)/"),
    ("vertx-web routing and body handler", r"io/vertx/ext/web"),
]
GENERIC = [
    ("HTTP codec (Netty, Vert.x HTTP)", r"io/netty/handler/codec|io/vertx/core/http|io/vertx/core/net"),
    ("event loop, futures, buffers (Netty, Vert.x core)", r"io/netty/|io/vertx/core/"),
]
KERNEL = re.compile(r"_\[k\]$|^(__)?(libc_)?(write|read|writev|readv|epoll_wait|epoll_ctl|send|recv|sendmsg|recvmsg"
                    r"|syscall|futex)\b|^entry_SYSCALL|^\[unknown\]$")
THREADS = [
    ("garbage collector", r"GC Thread|ParGC|G1 |VM Thread|GC task"),
    ("JIT compiler", r"C1 CompilerThre|C2 CompilerThre|CompilerThread"),
    ("logging thread", r"AsyncAppender|access-log"),
]


def innermost(stack, layers):
    for frame in reversed(stack):
        name = frame.replace(".", "/")
        for layer, pattern in layers:
            if re.search(pattern, name):
                return layer
    return None


def layer_of(frames):
    for layer, pattern in THREADS:
        if re.search(pattern, frames[0]):
            return layer
    stack = frames[1:]
    if stack and KERNEL.search(stack[-1]):
        return "kernel and system calls"
    return innermost(stack, SPECIFIC) or innermost(stack, GENERIC) or "other (JVM, JDK)"


def main():
    path, us, what = sys.argv[1], float(sys.argv[2] or 0), sys.argv[3]
    totals, samples = {}, 0
    with open(path) as f:
        for line in f:
            stack, _, count = line.rstrip("\n").rpartition(" ")
            if not stack:
                continue
            n = int(count)
            layer = layer_of(stack.split(";"))
            totals[layer] = totals.get(layer, 0) + n
            samples += n
    print(f"profile {what}: {samples} samples, {us:.0f} us of service CPU per request")
    for layer, n in sorted(totals.items(), key=lambda item: -item[1]):
        share = n / samples if samples else 0
        print(f"profile {what}: {layer:50s} {100 * share:5.1f} %  {us * share:6.1f} us")


if __name__ == "__main__":
    main()
