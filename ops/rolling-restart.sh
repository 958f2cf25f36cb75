#!/usr/bin/env bash
# Rolling restart under load, proved: two instances behind HAProxy (active checks on /health/ready),
# PATCH load through HAProxy with wrk, and every instance restarted in turn with SIGTERM, twice
# over. Prints the counts of 2xx and non-2xx responses and of connection errors; exits 1 unless
# every response was 2xx, no connection failed and every instance exited 0.
# Usage: ops/rolling-restart.sh --help
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: ops/rolling-restart.sh [options]
  --rounds N        full rolling restarts (default 2)
  --connections N   wrk connections through HAProxy (default 16)
  --segments N      segments seeded and PATCHed (default 1000)
  --grace-ms MS     SHUTDOWN_GRACE_MILLIS of the instances (default: the service's own, 5000)
  --settle S        seconds an instance back in rotation serves before the next restart (default 5)
  --build           rebuild target/segment-gateway.jar even if it exists
Environment: PGHOST PGPORT PGUSER (default 127.0.0.1 5432 postgres), PGPASSWORD, JAVA_OPTS, IO_TRANSPORT
(the instances' transport; when set, every instance must say at start that it runs on it).
The last line is: rolling_restart ok_2xx=... non2xx=... socket_errors=... restarts=... exit_codes=...
EOF
}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_DIR="$ROOT/bench"
JAR="$ROOT/target/segment-gateway.jar"
ROUNDS=2 CONNECTIONS=16 SEGMENTS=1000 GRACE_MS="" SETTLE=5 BUILD=0
while (($#)); do
  case "$1" in
    --rounds) ROUNDS=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --segments) SEGMENTS=$2; shift 2 ;;
    --grace-ms) GRACE_MS=$2; shift 2 ;;
    --settle) SETTLE=$2; shift 2 ;;
    --build) BUILD=1; shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "rolling: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done

export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
source "$BENCH_DIR/lib/measure.sh" # free_port, kv
source "$BENCH_DIR/lib/class-archive.sh" # class_archive_flag
source "$ROOT/ops/lib/haproxy.sh" # ensure_load_tools, haproxy_config, haproxy_status
WORK=$(mktemp -d /tmp/rolling-restart.XXXXXX)
say() { echo "rolling: $*" >&2; }
die() { say "$*"; exit 2; }

# --- what the run needs --------------------------------------------------------------------------
ensure_load_tools
for tool in haproxy wrk psql curl java; do
  command -v "$tool" >/dev/null || die "$tool is missing (psql: apt-get install postgresql-client)"
done
if ((BUILD == 1)) || [[ ! -f $JAR ]]; then
  say "building $JAR"
  (cd "$ROOT" && mvn -B -q -DskipTests package >"$WORK/build.log" 2>&1) || { tail -n 30 "$WORK/build.log" >&2; die "the build failed"; }
fi

DB="sg_rolling_$(date +%s)_$$"
declare -A PID PORT
HAPROXY_PID="" WRK_PID=""
cleanup() {
  local code=$?
  for pid in ${WRK_PID:-} ${HAPROXY_PID:-} "${PID[@]:-}"; do
    [[ -n $pid ]] && kill -TERM "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  psql -d postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  ((code == 0)) || say "logs kept in $WORK"
  ((code != 0)) || rm -rf "$WORK"
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
psql -d postgres -v ON_ERROR_STOP=1 -qc "CREATE DATABASE $DB" >/dev/null

# --- two instances --------------------------------------------------------------------------------
START=0
start_instance() { # NAME: starts it on its port and waits until it is ready
  local name=$1 started
  START=$((START + 1))
  # One key drives all the load: its rate limit is raised far above what the instances serve.
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of JVM flags, ARCHIVE one flag or none
  (cd "$ROOT" && exec env PGDATABASE="$DB" PORT="${PORT[$name]}" ${GRACE_MS:+SHUTDOWN_GRACE_MILLIS=$GRACE_MS} \
    RATE_LIMIT_PER_SECOND=1000000 RATE_LIMIT_BURST=1000000 \
    java @conf/jvm.options $ARCHIVE ${JAVA_OPTS:-} -jar "$JAR" >"$WORK/$name-$START.log" 2>&1) &
  PID[$name]=$!
  started=$(date +%s)
  until curl -fsS -o /dev/null "http://127.0.0.1:${PORT[$name]}/health/ready" 2>/dev/null; do
    kill -0 "${PID[$name]}" 2>/dev/null || { tail -n 20 "$WORK/$name-$START.log" >&2; die "$name exited during start-up"; }
    (($(date +%s) - started < 60)) || die "$name was not ready within 60 s"
    sleep 0.1
  done
  for _ in $(seq 1 50); do # the start's last line may reach the log just after readiness answers
    TRANSPORT=$(grep -o 'event loop verticles on [a-z_]*' "$WORK/$name-$START.log" | head -n 1 | awk '{print $NF}' \
      || true)
    [[ -n $TRANSPORT ]] && break
    sleep 0.1
  done
  [[ -z ${IO_TRANSPORT:-} || $TRANSPORT == "$IO_TRANSPORT" ]] || die "$name runs on '$TRANSPORT', not on $IO_TRANSPORT"
}
# The key first: create-key migrates the database, on which the warm-up makes the class archive the instances
# start with, as the image's do (README, "Start-up").
KEY=$(cd "$ROOT" && PGDATABASE=$DB java -jar "$JAR" create-key --app rolling 2>>"$WORK/create-key.log") || die "create-key failed"
ARCHIVE=$(PGDATABASE=$DB class_archive_flag "$ROOT" "$JAR" "$WORK/class-archive.log")
[[ -n $ARCHIVE ]] || say "warning: no class archive could be made (log: $WORK/class-archive.log): the instances start without"
for name in s1 s2; do
  PORT[$name]=$(free_port) || die "no free port"
  start_instance "$name"
done

# --- seed (straight to s1: the seeding is not under test) ----------------------------------------
ALPHABET=ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789
TAG=""
for _ in 1 2 3 4; do TAG+=${ALPHABET:RANDOM%62:1}; done
export BENCH_KEY=$KEY BENCH_SEGMENTS=$SEGMENTS BENCH_TAG=$TAG
wrk -t1 -c8 -d120s -s "$BENCH_DIR/seed.lua" "http://127.0.0.1:${PORT[s1]}" >"$WORK/seed.txt" 2>&1 || true
seeded=$(psql -d "$DB" -Atc "SELECT count(*) FROM segments")
[[ $seeded == "$SEGMENTS" ]] || die "seeding created $seeded of $SEGMENTS segments (see $WORK/seed.txt)"

# --- HAProxy ----------------------------------------------------------------------------------------
# Out of rotation after one failed check (inter 500 ms): well within the instances' drain grace. A check
# may take up to 2 s: readiness itself answers within its 1 s database timeout, a cold JVM a bit later.
# Back in rotation after two passing checks, its share of the traffic growing over 3 s (slowstart), as a
# JVM that has just started is slow for its first requests.
FRONT=$(free_port) STATS=$(free_port)
while [[ $STATS == "$FRONT" ]]; do STATS=$(free_port); done
haproxy_config "$WORK/haproxy.cfg" "$FRONT" "$STATS" "inter 500 fall 1 rise 2 slowstart 3s" \
  "s1:${PORT[s1]}" "s2:${PORT[s2]}" || die "the generated HAProxy configuration is invalid ($WORK/haproxy.cfg)"
haproxy -db -f "$WORK/haproxy.cfg" >"$WORK/haproxy.log" 2>&1 &
HAPROXY_PID=$!

server_status() { # NAME: UP, DOWN, ... as HAProxy sees it
  haproxy_status "$STATS" "$1"
}
await_status() { # NAME STATUS
  local started
  started=$(date +%s)
  until [[ $(server_status "$1") == "$2" ]]; do
    (($(date +%s) - started < 60)) || die "HAProxy did not see $1 $2 within 60 s"
    sleep 0.1
  done
}
await_status s1 UP
await_status s2 UP

say "seeded $seeded segments; PATCH load through HAProxy on port $FRONT with $CONNECTIONS connections"

BENCH_LABEL=rolling wrk -t2 -c"$CONNECTIONS" -d600s --timeout 10s -s "$BENCH_DIR/patch.lua" \
  "http://127.0.0.1:$FRONT" >"$WORK/wrk.txt" 2>&1 &
WRK_PID=$!
sleep "$SETTLE"

# --- the rolling restarts -------------------------------------------------------------------------
EXIT_CODES=() RESTARTS=0
for round in $(seq 1 "$ROUNDS"); do
  for name in s1 s2; do
    other=$([[ $name == s1 ]] && echo s2 || echo s1)
    await_status "$other" UP
    stopping=$(date +%s%N)
    kill -TERM "${PID[$name]}"
    code=0
    wait "${PID[$name]}" || code=$?
    EXIT_CODES+=("$code")
    say "round $round: $name exited $code after $((($(date +%s%N) - stopping) / 1000000)) ms (SIGTERM)"
    start_instance "$name"
    await_status "$name" UP
    RESTARTS=$((RESTARTS + 1))
    say "round $round: $name is back in rotation"
    # As a deployment waits before it replaces the next instance (Kubernetes: minReadySeconds).
    sleep "$SETTLE"
  done
done
kill -INT "$WRK_PID"
wait "$WRK_PID" || true
WRK_PID=""

# --- the verdict ----------------------------------------------------------------------------------
line=$(grep '^wrk_result ' "$WORK/wrk.txt" || true)
[[ -n $line ]] || { cat "$WORK/wrk.txt" >&2; die "wrk printed no result"; }
requests=$(kv "$line" requests) non2xx=$(kv "$line" non2xx) socket_errors=$(kv "$line" socket_errors)
grep '^wrk_error_sample ' "$WORK/wrk.txt" | sed 's/^/rolling: /' >&2 || true
say "wrk: $line"
codes=$(IFS=,; echo "${EXIT_CODES[*]}")
echo "rolling_restart ok_2xx=$((requests - non2xx)) non2xx=$non2xx socket_errors=$socket_errors" \
  "(connect/read/write/timeout $(kv "$line" connect)/$(kv "$line" read)/$(kv "$line" write)/$(kv "$line" timeout))" \
  "restarts=$RESTARTS exit_codes=$codes rps=$(kv "$line" rps) p99_ms=$(kv "$line" p99_ms) max_ms=$(kv "$line" max_ms)" \
  "transport=$TRANSPORT"
failed=0
((requests > 0 && non2xx == 0 && socket_errors == 0)) || failed=1
[[ $codes =~ ^0(,0)*$ ]] || failed=1
if ((failed)); then
  say "FAILED: every response must be 2xx, no connection may fail and every instance must exit 0"
  exit 1
fi
