#!/usr/bin/env bash
# One rate limit for a fleet, proved: three instances behind HAProxy (round robin, active checks on
# /health/ready) share one key's limit (L = 200 requests a second) through a redis-server of the
# script's own; wrk offers 3 L for 30 s, and Redis is stopped from 10 s to 20 s and started again.
# Prints, per 10 s window, the admitted rate / L, then the 5xx count and the longest request; exits 1
# unless the windows with Redis up are within 5 % of L, the window without it within the fallback's
# bound (10 %), and no answer was a 5xx or a failed connection.
# Usage: ops/fleet-rate-limit.sh --help
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: ops/fleet-rate-limit.sh [options]
  --instances N     instances behind HAProxy (default 3)
  --limit L         the key's rate, requests a second (default 200); wrk offers 3 L
  --burst B         the key's burst (default L / 5: 0.2 s of the rate)
  --warmup S        seconds of the same load before the measured 30 s, not counted (default 10): JVMs just
                    started are slow, and a closed connection pool then offers less than 3 L
  --build           rebuild target/segment-gateway.jar even if it exists
Environment: PGHOST PGPORT PGUSER (default 127.0.0.1 5432 postgres), PGPASSWORD, JAVA_OPTS.
The last line is: fleet_rate_limit windows=... fivexx=... socket_errors=... max_ms=... fallback_ms=... recovery_ms=...
EOF
}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JAR="$ROOT/target/segment-gateway.jar"
INSTANCES=3 LIMIT=200 BURST="" WARMUP=10 BUILD=0
while (($#)); do
  case "$1" in
    --instances) INSTANCES=$2; shift 2 ;;
    --limit) LIMIT=$2; shift 2 ;;
    --burst) BURST=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --build) BUILD=1; shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "fleet: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done
BURST=${BURST:-$((LIMIT / 5 > 0 ? LIMIT / 5 : 1))}
UP_TOLERANCE_PCT=5 DOWN_TOLERANCE_PCT=10 WINDOW_S=10 THREADS=2 CONNECTIONS=64

export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
source "$ROOT/bench/lib/measure.sh" # free_port, kv
source "$ROOT/bench/lib/class-archive.sh" # class_archive_flag
source "$ROOT/.ci/redis.sh" # ensure_redis_server, start_private_redis
source "$ROOT/ops/lib/haproxy.sh" # ensure_load_tools, haproxy_config, haproxy_status
WORK=$(mktemp -d /tmp/fleet-rate-limit.XXXXXX)
say() { echo "fleet: $*" >&2; }
die() { say "$*"; exit 2; }
now_ms() { date +%s%3N; }

# --- what the run needs --------------------------------------------------------------------------
ensure_load_tools
ensure_redis_server || die "redis-server is missing and could not be installed"
for tool in haproxy wrk redis-server redis-cli psql curl java; do
  command -v "$tool" >/dev/null || die "$tool is missing (psql: apt-get install postgresql-client)"
done
if ((BUILD == 1)) || [[ ! -f $JAR ]]; then
  say "building $JAR"
  (cd "$ROOT" && mvn -B -q -DskipTests package >"$WORK/build.log" 2>&1) || { tail -n 30 "$WORK/build.log" >&2; die "the build failed"; }
fi

DB="sg_fleet_$(date +%s)_$$"
NAMES=()
for i in $(seq 1 "$INSTANCES"); do NAMES+=("s$i"); done
declare -A PID PORT
HAPROXY_PID="" WRK_PID="" REDIS_PID=""
cleanup() {
  local code=$?
  for pid in ${WRK_PID:-} ${HAPROXY_PID:-} "${PID[@]:-}"; do
    [[ -n $pid ]] && kill -TERM "$pid" 2>/dev/null || true
  done
  wait "${PID[@]:-}" 2>/dev/null || true
  # Redis last: the instances leave the fleet while they drain.
  [[ -z ${REDIS_PID:-} ]] || kill -TERM "$REDIS_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  psql -d postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  ((code == 0)) || say "logs kept in $WORK"
  ((code != 0)) || rm -rf "$WORK"
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
psql -d postgres -v ON_ERROR_STOP=1 -qc "CREATE DATABASE $DB" >/dev/null

# --- Redis of its own, the key, the instances ------------------------------------------------------
REDIS_PORT=$(free_port) || die "no free port"
REDIS_PID=$(start_private_redis "$REDIS_PORT" "$WORK/redis-1.log") || die "redis-server did not start"
export REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
# create-key migrates the database, on which the warm-up makes the class archive (README, "Start-up").
KEY=$(cd "$ROOT" && PGDATABASE=$DB java -jar "$JAR" create-key --app fleet --rate "$LIMIT" --burst "$BURST" \
  2>>"$WORK/create-key.log") || die "create-key failed"
ARCHIVE=$(PGDATABASE=$DB class_archive_flag "$ROOT" "$JAR" "$WORK/class-archive.log")
[[ -n $ARCHIVE ]] || say "warning: no class archive could be made (log: $WORK/class-archive.log): the instances start without"
for name in "${NAMES[@]}"; do
  PORT[$name]=$(free_port) || die "no free port"
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of JVM flags, ARCHIVE one flag or none
  (cd "$ROOT" && exec env PGDATABASE="$DB" PORT="${PORT[$name]}" \
    java @conf/jvm.options $ARCHIVE ${JAVA_OPTS:-} -jar "$JAR" >"$WORK/$name.log" 2>&1) &
  PID[$name]=$!
done
gauge() { # NAME SERIES: the instance's gauge, or nothing
  curl -fsS "http://127.0.0.1:${PORT[$1]}/metrics" 2>/dev/null | awk -v s="$2" '$1 == s {print $2 + 0}'
}
started=$(date +%s)
for name in "${NAMES[@]}"; do
  until [[ $(gauge "$name" segment_gateway_rate_limit_instances) == "$INSTANCES" ]]; do
    kill -0 "${PID[$name]}" 2>/dev/null || { tail -n 20 "$WORK/$name.log" >&2; die "$name exited during start-up"; }
    (($(date +%s) - started < 90)) || die "$name did not see $INSTANCES instances sharing through Redis within 90 s"
    sleep 0.2
  done
done

# --- HAProxy ----------------------------------------------------------------------------------------
FRONT=$(free_port) STATS=$(free_port)
while [[ $STATS == "$FRONT" ]]; do STATS=$(free_port); done
SERVERS=()
for name in "${NAMES[@]}"; do SERVERS+=("$name:${PORT[$name]}"); done
haproxy_config "$WORK/haproxy.cfg" "$FRONT" "$STATS" "inter 500 fall 1 rise 2" "${SERVERS[@]}" \
  || die "the generated HAProxy configuration is invalid ($WORK/haproxy.cfg)"
haproxy -db -f "$WORK/haproxy.cfg" >"$WORK/haproxy.log" 2>&1 &
HAPROXY_PID=$!
started=$(date +%s)
for name in "${NAMES[@]}"; do
  until [[ $(haproxy_status "$STATS" "$name") == UP ]]; do
    (($(date +%s) - started < 60)) || die "HAProxy did not see $name UP within 60 s"
    sleep 0.1
  done
done

# --- 30 s at 3 L, Redis stopped for the middle 10 s ---------------------------------------------------
say "$INSTANCES instances share L=$LIMIT/s (burst $BURST) through Redis on port $REDIS_PORT; wrk offers $((3 * LIMIT))/s through HAProxy on port $FRONT"
if ((WARMUP > 0)); then
  FLEET_KEY=$KEY FLEET_RATE=$((3 * LIMIT)) FLEET_THREADS=$THREADS \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" --timeout 10s -s "$ROOT/ops/lib/fleet-load.lua" \
    "http://127.0.0.1:$FRONT" >"$WORK/wrk-warmup.txt" 2>&1 || true
  say "warm-up: $(grep '^wrk_result ' "$WORK/wrk-warmup.txt" || echo 'no result')"
  # The key's bucket fills again within its burst / rate: the measured run starts as a fresh one would.
  sleep 1
fi
T0=$(now_ms)
FLEET_KEY=$KEY FLEET_RATE=$((3 * LIMIT)) FLEET_THREADS=$THREADS \
  wrk -t"$THREADS" -c"$CONNECTIONS" -d$((3 * WINDOW_S))s --timeout 10s -s "$ROOT/ops/lib/fleet-load.lua" \
  "http://127.0.0.1:$FRONT" >"$WORK/wrk.txt" 2>&1 &
WRK_PID=$!
sleep_until() { # MS since T0
  local left=$(($1 - ($(now_ms) - T0)))
  ((left <= 0)) || sleep "$(awk -v ms="$left" 'BEGIN{printf "%.3f", ms / 1000}')"
}
sleep_until $((WINDOW_S * 1000))
STOPPED=$(now_ms)
kill -TERM "$REDIS_PID"
while kill -0 "$REDIS_PID" 2>/dev/null; do sleep 0.01; done
REDIS_PID=""
say "Redis stopped at $((STOPPED - T0)) ms"
sleep_until $((2 * WINDOW_S * 1000))
RESTARTED=$(now_ms)
REDIS_PID=$(start_private_redis "$REDIS_PORT" "$WORK/redis-2.log") || die "redis-server did not start again"
say "Redis started again at $((RESTARTED - T0)) ms (empty: no data, no scripts)"
wait "$WRK_PID" || true
WRK_PID=""

# --- the verdict ----------------------------------------------------------------------------------
line=$(grep '^wrk_result ' "$WORK/wrk.txt" || true)
[[ -n $line ]] || { cat "$WORK/wrk.txt" >&2; die "wrk printed no result"; }
say "wrk: $line"
# Per window, by the time each answer came: admitted (2xx), refused (429), 5xx, other.
awk -v t0="$T0" -v w="$WINDOW_S" -v limit="$LIMIT" '
  $1 == "fleet_bucket" && $2 * 100 >= t0 {
    i = int(($2 * 100 - t0) / (w * 1000))
    if (i < 3) { ok[i] += $3; limited[i] += $4; bad[i] += $5; other[i] += $6 }
  }
  END {
    print "window   redis  admitted  admitted/L  refused  5xx  other"
    for (i = 0; i < 3; i++) {
      printf "%2d-%2d s  %-5s  %8d  %10.3f  %7d  %3d  %5d\n", i * w, (i + 1) * w, (i == 1 ? "down" : "up"),
        ok[i], ok[i] / (w * limit), limited[i], bad[i], other[i]
      csv = csv (i ? "," : "") sprintf("%.3f", ok[i] / (w * limit))
    }
    print "windows " csv
  }' "$WORK/wrk.txt" >"$WORK/windows.txt"
grep -v '^windows ' "$WORK/windows.txt"
WINDOWS=$(sed -n 's/^windows //p' "$WORK/windows.txt")
FIVEXX=$(awk '$1 == "fleet_bucket" {n += $5} END {print n + 0}' "$WORK/wrk.txt")
# From the instances' own log lines (once each): when the last went on its share after the stop, and when the last
# shared again after the start.
log_ms() { # LOG PATTERN FROM_MS: the time of the first matching line at or after FROM_MS, in epoch ms
  local ts at
  while read -r ts; do
    at=$(date -d "$ts" +%s%3N) || continue
    ((at >= $3)) && { echo "$at"; return 0; }
  done < <(grep "$2" "$1" | cut -d' ' -f1)
  return 1
}
latest() { # FROM_MS PATTERN: ms from FROM_MS until the last instance logged PATTERN, or nothing
  local from=$1 pattern=$2 worst=-1 at name
  for name in "${NAMES[@]}"; do
    at=$(log_ms "$WORK/$name.log" "$pattern" "$from") || return 0
    ((at - from > worst)) && worst=$((at - from))
  done
  echo "$worst"
}
FALLBACK_MS=$(latest "$STOPPED" 'does not answer')
RECOVERY_MS=$(latest "$RESTARTED" 'answers again')
WARNINGS=$(for name in "${NAMES[@]}"; do
  n=0
  while read -r ts; do
    at=$(date -d "$ts" +%s%3N)
    ((at >= STOPPED && at < RESTARTED)) && n=$((n + 1))
  done < <(grep 'does not answer' "$WORK/$name.log" | cut -d' ' -f1)
  echo "$n"
done | paste -sd, -)
say "warnings per instance: $WARNINGS; the last instance went on its share ${FALLBACK_MS:-?} ms after the stop and shared again ${RECOVERY_MS:-?} ms after the start"
echo "fleet_rate_limit windows=$WINDOWS fivexx=$FIVEXX socket_errors=$(kv "$line" socket_errors) max_ms=$(kv "$line" max_ms)" \
  "fallback_ms=${FALLBACK_MS:-none} recovery_ms=${RECOVERY_MS:-none} limit=$LIMIT burst=$BURST instances=$INSTANCES"
failed=0
IFS=, read -r up1 down up2 <<<"$WINDOWS"
within() { awk -v r="$1" -v pct="$2" 'BEGIN { exit !(r >= 1 - pct / 100 && r <= 1 + pct / 100) }'; }
within "$up1" "$UP_TOLERANCE_PCT" || { say "FAILED: 0-10 s admitted $up1 L, not within $UP_TOLERANCE_PCT %"; failed=1; }
within "$down" "$DOWN_TOLERANCE_PCT" || { say "FAILED: 10-20 s (Redis down) admitted $down L, not within $DOWN_TOLERANCE_PCT %"; failed=1; }
within "$up2" "$UP_TOLERANCE_PCT" || { say "FAILED: 20-30 s admitted $up2 L, not within $UP_TOLERANCE_PCT %"; failed=1; }
((FIVEXX == 0)) || { say "FAILED: $FIVEXX answers were 5xx"; failed=1; }
(($(kv "$line" socket_errors) == 0)) || { say "FAILED: $(kv "$line" socket_errors) connections failed"; failed=1; }
[[ -n $FALLBACK_MS && -n $RECOVERY_MS ]] || { say "FAILED: the instances did not fall back and share again"; failed=1; }
exit "$failed"
