#!/usr/bin/env bash
# segment-gateway load-test harness: seeds segments through the API, drives PATCH with wrk, runs
# pgbench with the service's own UPDATE on the same database, and prints the ratio of the two as
# its last line. Usage: bench/run.sh --help (and bench/README.md).
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: bench/run.sh [options]
  --segments N        segments to seed through POST /v1/segments (default 10000)
  --duration S        seconds of each measured wrk and pgbench run (default 20)
  --warmup S          seconds of the unreported wrk warm-up (default 5)
  --connections "L"   wrk connection counts, in order (default "16 64"); the ratio uses the last
  --pg-clients "L"    pgbench client counts (default "8 16 32"); the ratio uses the best
  --batched-clients N pgbench clients of the 10-updates-per-commit run (default 16)
  --url URL           drive an already-running service (needs --key; PGDATABASE must name its database)
  --key KEY           API key for --url
  --keep              keep the database (or, with --url, the seeded segments)
  --build             rebuild target/segment-gateway.jar even if it exists
  --patch-only        skip the GET and POST runs and their pgbench comparisons (quicker A/B runs)
  --minimal           PATCH with "Prefer: return=minimal" (204, no body: what the body costs)
  --idempotency       every PATCH carries a new Idempotency-Key (its record rides in the UPDATE); prints the
                      records kept and their bytes each (idempotency_records=... bytes_per_record=...)
  --keys-ab           then, on the same service at the last connection count, a warm-up of the other kind and six
                      PATCH runs alternating without and with a new Idempotency-Key on every PATCH (ABBAAB), and
                      print their ratio
                      (idempotency_ab keyed_over_plain=... keyed_rps=... plain_rps=...): the cost of the keys,
                      measured in one run, so that a change of the machine between runs does not enter it
  --profile           profile the service (async-profiler, from Maven Central) during the last PATCH run and
                      the GET run, and print the CPU per request by layer (bench/lib/layers.py)
  --redis             share the rate limit through Redis (REDIS_URL), on a redis-server of the run's own on a free
                      port (installed with apt-get where missing); without it the limit is per instance
Environment: PGHOST PGPORT PGUSER (default 127.0.0.1 5432 postgres), PGPASSWORD, JAVA_OPTS (service JVM flags
  after conf/jvm.options; default -XX:MaxRAM=256m, the memory of a 256 MiB container).
The last lines are: post_ratio=... post_rps=... pg_insert_tps=..., get_ratio=... get_rps=... pg_read_tps=...
get_p99_ms=..., then ratio=... service_rps=... pg_tps=... p50_ms=... p99_ms=... non2xx=... rss_mb=...
A run with socket errors, non-2xx responses or a dead service exits 1 without that line.
EOF
}

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
JAR="$ROOT/target/segment-gateway.jar"
SEGMENTS=10000 DURATION=20 WARMUP=5 CONNECTIONS="16 64" PG_CLIENTS="8 16 32" BATCHED_CLIENTS=16
URL="" KEY="" KEEP=0 BUILD=0 PATCH_ONLY=0 MINIMAL=0 IDEMPOTENCY=0 KEYS_AB=0 PROFILE=0 REDIS=0
while (($#)); do
  case "$1" in
    --segments) SEGMENTS=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --pg-clients) PG_CLIENTS=$2; shift 2 ;;
    --batched-clients) BATCHED_CLIENTS=$2; shift 2 ;;
    --url) URL=${2%/}; shift 2 ;;
    --key) KEY=$2; shift 2 ;;
    --keep) KEEP=1; shift ;;
    --build) BUILD=1; shift ;;
    --patch-only) PATCH_ONLY=1; shift ;;
    --minimal) MINIMAL=1; shift ;;
    --idempotency) IDEMPOTENCY=1; shift ;;
    --keys-ab) KEYS_AB=1; shift ;;
    --profile) PROFILE=1; shift ;;
    --redis) REDIS=1; shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "bench: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done
[[ $SEGMENTS =~ ^[0-9]+$ ]] && ((SEGMENTS >= 10 && SEGMENTS <= 99999999)) || { echo "bench: --segments must be 10..99999999" >&2; exit 2; }
[[ -z $URL || -n $KEY ]] || { echo "bench: --url needs --key" >&2; exit 2; }
[[ -z $URL || $REDIS == 0 ]] || { echo "bench: --redis starts the service itself; it does not go with --url" >&2; exit 2; }

export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
RESULTS="$BENCH_DIR/results/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$RESULTS"
SUMMARY="$RESULTS/summary.txt"
source "$BENCH_DIR/lib/measure.sh"
source "$BENCH_DIR/lib/class-archive.sh"
source "$BENCH_DIR/lib/profile.sh"
source "$ROOT/.ci/redis.sh" # ensure_redis_server, start_private_redis

note() { echo "bench: $*" | tee -a "$SUMMARY" >&2; }
say() { echo "$*" | tee -a "$SUMMARY"; }
die() { note "$*"; exit 2; }
PROBLEMS=()
problem() { PROBLEMS+=("$*"); note "error: $*"; }

# --- what the run needs --------------------------------------------------------------------------
if ! command -v wrk >/dev/null; then
  note "installing wrk"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q wrk >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }
fi
if ! command -v pidstat >/dev/null; then
  note "installing sysstat (pidstat: the CPU split by process)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q sysstat >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q sysstat >/dev/null; }
fi
for tool in wrk psql pgbench curl perl java pidstat; do
  command -v "$tool" >/dev/null || die "$tool is missing (psql and pgbench: apt-get install postgresql-client)"
done
psql -d postgres -Atqc 'select 1' >/dev/null || die "cannot reach PostgreSQL at $PGHOST:$PGPORT as $PGUSER"
idle_busy=$(machine_busy_pct 2)
((idle_busy < 15)) || note "warning: the machine was ${idle_busy}% busy before the run (other work): the rates will be low and noisy"

# --- the rate limit: per instance, or shared through a private Redis -------------------------------
REDIS_PID=""
if ((REDIS == 1)); then
  ensure_redis_server || die "redis-server is missing and could not be installed"
  REDIS_PORT=$(free_port) || die "no free port found for redis-server"
  REDIS_PID=$(start_private_redis "$REDIS_PORT" "$RESULTS/redis.log") || die "redis-server did not start (log: $RESULTS/redis.log)"
  export REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
  note "rate limit shared through a private redis-server at 127.0.0.1:$REDIS_PORT (pid $REDIS_PID)"
else
  unset REDIS_URL
  note "rate limit per instance (no --redis)"
fi

# --- the service ---------------------------------------------------------------------------------
SVC_PID="" OWNED=0 RSS_PID="" DB="" ARCHIVE=""
cleanup() {
  local code=$?
  stop_rss
  if ((OWNED == 1)) && kill -0 "$SVC_PID" 2>/dev/null; then
    kill -TERM "$SVC_PID" 2>/dev/null || true
    for _ in $(seq 1 400); do kill -0 "$SVC_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SVC_PID" 2>/dev/null || true
  fi
  [[ -z $REDIS_PID ]] || kill -TERM "$REDIS_PID" 2>/dev/null || true
  if ((KEEP == 0)) && [[ -n $DB ]]; then
    if [[ -z $URL ]]; then
      psql -d postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
    else
      psql -d "$DB" -qc "DELETE FROM segments WHERE id LIKE 'seg_b${TAG}%'" >/dev/null 2>&1 || true
    fi
  fi
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Starts the jar on $DB at $PORT and waits until it is ready: sets SVC_PID and READY_MS (from the launch).
start_service() { # LOG ARCHIVE_FLAG [ENV=VALUE...]
  local log=$1 archive=$2 started
  shift 2
  started=$(date +%s%N)
  # One key drives all the load: a per-key limit far above what one instance serves keeps the limiter's cost in
  # the measurement without refusing anything (the default, 1000/s, would answer most requests 429).
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of JVM flags, ARCHIVE_FLAG one flag or none
  (cd "$ROOT" && exec env PGDATABASE="$DB" PORT="$PORT" RATE_LIMIT_PER_SECOND="${RATE_LIMIT_PER_SECOND:-1000000}" \
    RATE_LIMIT_BURST="${RATE_LIMIT_BURST:-1000000}" "$@" \
    java @conf/jvm.options $archive ${JAVA_OPTS:--XX:MaxRAM=256m} -jar "$JAR" >"$log" 2>&1) &
  SVC_PID=$! OWNED=1
  until curl -fsS -o /dev/null "$URL/health/ready" 2>/dev/null; do
    kill -0 "$SVC_PID" 2>/dev/null || { tail -n 20 "$log" >&2; OWNED=0; die "the service exited during start-up (log: $log)"; }
    (($(date +%s%N) - started < 120000000000)) || die "the service was not ready within 120 s"
    sleep 0.02
  done
  READY_MS=$((($(date +%s%N) - started) / 1000000))
}

ALPHABET=ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789
TAG=""
for _ in 1 2 3 4; do TAG+=${ALPHABET:RANDOM%62:1}; done

if [[ -z $URL ]]; then
  if ((BUILD == 1)) || [[ ! -f $JAR ]]; then
    note "building $JAR"
    (cd "$ROOT" && mvn -B -q -DskipTests package >"$RESULTS/build.log" 2>&1) || { tail -n 30 "$RESULTS/build.log" >&2; die "the build failed (log: $RESULTS/build.log)"; }
  fi
  DB=sg_bench
  psql -d postgres -v ON_ERROR_STOP=1 -q -c "SET client_min_messages TO warning" \
    -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >/dev/null
  # The key first: create-key migrates the new database, on which the warm-up then makes the class archive, as
  # the image does at its build (README, "Start-up").
  KEY=$(cd "$ROOT" && PGDATABASE=$DB java -jar "$JAR" create-key --app bench 2>>"$RESULTS/create-key.log") || die "create-key failed"
  ARCHIVE=$(PGDATABASE=$DB class_archive_flag "$ROOT" "$JAR" "$RESULTS/class-archive.log")
  [[ -n $ARCHIVE ]] || note "warning: no class archive could be made (log: $RESULTS/class-archive.log): the service starts without"
  PORT=$(free_port) || die "no free port found"
  URL="http://127.0.0.1:$PORT"
  start_service "$RESULTS/service.log" "$ARCHIVE"
  note "service ready in $READY_MS ms (pid $SVC_PID, $URL, JAVA_OPTS='${JAVA_OPTS:--XX:MaxRAM=256m}', ${ARCHIVE:-no class archive})"
else
  DB=${PGDATABASE:?with --url, set PGDATABASE to the database of the service}
  SVC_PID=$(listening_pid "$URL" || true)
  [[ -n $SVC_PID ]] || note "no local process found listening for $URL: no RSS or service CPU figures"
fi
[[ $KEY =~ ^[A-Za-z0-9_]+$ ]] || die "the API key looks wrong: '$KEY'"
export BENCH_KEY=$KEY BENCH_SEGMENTS=$SEGMENTS BENCH_TAG=$TAG BENCH_POST_TAG=$TAG
((MINIMAL == 0)) || export BENCH_PREFER="return=minimal"
((IDEMPOTENCY == 0)) || export BENCH_IDEMPOTENCY=1
note "results in $RESULTS"

alive() { [[ -z $SVC_PID ]] || kill -0 "$SVC_PID" 2>/dev/null; }

# --- seeding -------------------------------------------------------------------------------------
seed_started=$(date +%s%N)
wrk -t1 -c32 -d$((60 + SEGMENTS / 100))s -s "$BENCH_DIR/seed.lua" "$URL" >"$RESULTS/seed.txt" 2>&1 || true
seeded=$(psql -d "$DB" -Atc "SELECT count(*) FROM segments WHERE id LIKE 'seg_b${TAG}%'")
seed_line=$(grep '^wrk_result ' "$RESULTS/seed.txt" || true)
if [[ $seeded != "$SEGMENTS" || $(kv "$seed_line" non2xx) != 0 ]]; then
  grep '^wrk_error_sample ' "$RESULTS/seed.txt" >&2 || true
  die "seeding created $seeded of $SEGMENTS segments ($seed_line)"
fi
APP=$(psql -d "$DB" -Atc "SELECT app_id FROM segments WHERE id = 'seg_b${TAG}00000001'")
psql -d "$DB" -qc "VACUUM ANALYZE segments" >/dev/null
say "seed segments=$SEGMENTS seconds=$(awk -v ns=$(($(date +%s%N) - seed_started)) 'BEGIN{printf "%.1f", ns/1e9}') rps=$(kv "$seed_line" rps)"

# --- the service under PATCH load ----------------------------------------------------------------
# run_wrk LABEL CONNECTIONS SECONDS [SCRIPT]: one run (PATCH unless SCRIPT names another); sets W_LINE to its
# result line. With --profile, PROFILE_LABEL names the run that is profiled.
run_wrk() {
  local label=$1 conns=$2 secs=$3 script=${4:-patch.lua} threads=2 out="$RESULTS/wrk-$1.txt"
  ((conns >= threads)) || threads=$conns
  measure_start "$SVC_PID" "$DB"
  [[ $PROFILE != 1 || $label != "${PROFILE_LABEL:-}" ]] || profile_start "$SVC_PID" "$secs" "$RESULTS/profile-$label"
  BENCH_LABEL=$label wrk -t"$threads" -c"$conns" -d"${secs}"s -s "$BENCH_DIR/$script" "$URL" >"$out" 2>&1 || problem "wrk $label failed (see $out)"
  measure_stop "$SVC_PID"
  W_LINE=$(grep '^wrk_result ' "$out" || true)
  if [[ -z $W_LINE ]]; then
    problem "wrk $label printed no result (see $out)"
    W_LINE="wrk_result label=$label requests=0 rps=0 p50_ms=0 p99_ms=0 max_ms=0 non2xx=0 socket_errors=0"
    return
  fi
  grep '^wrk_error_sample ' "$out" | sed "s/^/bench: $label: /" >&2 || true
  (($(kv "$W_LINE" socket_errors) == 0)) || problem "$label: wrk socket errors: $(kv "$W_LINE" socket_errors) (connect/read/write/timeout $(kv "$W_LINE" connect)/$(kv "$W_LINE" read)/$(kv "$W_LINE" write)/$(kv "$W_LINE" timeout))"
  (($(kv "$W_LINE" non2xx) == 0)) || problem "$label: $(kv "$W_LINE" non2xx) non-2xx responses (statuses $(kv "$W_LINE" statuses))"
  alive || problem "$label: the service died (log: $RESULTS/service.log)"
}

# tally: adds the last run's answers (W_LINE) to the run's counts of 2xx and non-2xx.
tally() {
  NON2XX=$((NON2XX + $(kv "$W_LINE" non2xx))) OK_2XX=$((OK_2XX + $(kv "$W_LINE" requests) - $(kv "$W_LINE" non2xx)))
}

NON2XX=0 OK_2XX=0
read -r -a conns_list <<<"$CONNECTIONS"
PROFILE_LABEL="c${conns_list[-1]}"
run_wrk warmup "${conns_list[0]}" "$WARMUP"
tally
psql -d "$DB" -qc "CHECKPOINT" >/dev/null
for c in "${conns_list[@]}"; do
  alive || break
  start_rss "$SVC_PID" "$RESULTS/rss_kb.txt"
  run_wrk "c$c" "$c" "$DURATION"
  stop_rss
  tally
  SVC_RPS=$(kv "$W_LINE" rps) SVC_P50=$(kv "$W_LINE" p50_ms) SVC_P99=$(kv "$W_LINE" p99_ms)
  CPU_LINE=$(cpu_report "$SVC_RPS")
  say "service conns=$c rps=$SVC_RPS p50_ms=$SVC_P50 p99_ms=$SVC_P99 max_ms=$(kv "$W_LINE" max_ms)" \
    "non2xx=$(kv "$W_LINE" non2xx) socket_errors=$(kv "$W_LINE" socket_errors) $CPU_LINE"
  [[ $PROFILE != 1 || $PROFILE_LABEL != "c$c" ]] || profile_report "$RESULTS/profile-c$c" "$(kv "$CPU_LINE" svc_us_per_op)" PATCH
done
if ((KEYS_AB == 1)); then
  # Plain and keyed windows in the order A B B A A B, so that a drift of the machine during the run weighs on both
  # alike; each window's rate and CPU split are printed, then the means.
  AB_RPS=(0 0) AB_SVC=(0 0) AB_PG=(0 0)
  # Each kind has three windows: a third of each goes into its mean.
  third() { awk -v a="$1" -v b="$2" 'BEGIN{print a + b / 3}'; }
  # A keyed warm-up first, unreported: the PATCHes before were all plain (or all keyed), and the JIT compiles the
  # other path's code during its first window otherwise.
  export BENCH_IDEMPOTENCY=$((1 - IDEMPOTENCY))
  run_wrk ab-warmup "${conns_list[-1]}" "$WARMUP"
  tally
  for keyed in 0 1 1 0 0 1; do
    alive || break
    export BENCH_IDEMPOTENCY=$keyed
    run_wrk "ab$keyed" "${conns_list[-1]}" "$DURATION"
    tally
    AB_LINE=$(cpu_report "$(kv "$W_LINE" rps)")
    say "keys_ab keyed=$keyed rps=$(kv "$W_LINE" rps) p99_ms=$(kv "$W_LINE" p99_ms) $AB_LINE"
    AB_RPS[keyed]=$(third "${AB_RPS[keyed]}" "$(kv "$W_LINE" rps)")
    AB_SVC[keyed]=$(third "${AB_SVC[keyed]}" "$(kv "$AB_LINE" svc_us_per_op)")
    AB_PG[keyed]=$(third "${AB_PG[keyed]}" "$(kv "$AB_LINE" pg_us_per_op)")
  done
  export BENCH_IDEMPOTENCY=$IDEMPOTENCY
  say "idempotency_ab keyed_over_plain=$(awk -v k="${AB_RPS[1]}" -v p="${AB_RPS[0]}" 'BEGIN{printf "%.3f", (p > 0) ? k / p : 0}')" \
    "keyed_rps=$(printf %.0f "${AB_RPS[1]}") plain_rps=$(printf %.0f "${AB_RPS[0]}")" \
    "keyed_svc_us=$(printf %.0f "${AB_SVC[1]}") plain_svc_us=$(printf %.0f "${AB_SVC[0]}")" \
    "keyed_pg_us=$(printf %.0f "${AB_PG[1]}") plain_pg_us=$(printf %.0f "${AB_PG[0]}")"
fi
RSS_MB=$(max_rss_mb "$RESULTS/rss_kb.txt")
# Every 200 must be a committed update: the rows' versions tell how many there were (a few more
# than wrk counted: requests in flight when a run ends are still applied).
DB_UPDATES=$(psql -d "$DB" -Atc "SELECT sum(version - 1) FROM segments WHERE app_id = '$APP' AND id LIKE 'seg_b${TAG}%'")
note "the database shows $DB_UPDATES updates for $OK_2XX successful PATCH responses"
if ((IDEMPOTENCY == 1 || KEYS_AB == 1)); then
  # One record per keyed PATCH that was applied (the warm-up's too), kept for idempotency.retentionHours.
  say "idempotency_records=$(psql -d "$DB" -Atc "SELECT count(*) FROM idempotency_records") bytes_per_record=$(psql -d "$DB" -Atc \
    "SELECT pg_total_relation_size('idempotency_records') / greatest(count(*), 1) FROM idempotency_records")"
fi
((DB_UPDATES >= OK_2XX)) || problem "the service answered $OK_2XX PATCHes with 2xx but only $DB_UPDATES updates reached the database"

# --- pgbench with the service's statement --------------------------------------------------------
# The statement comes from SegmentRepository.UPDATE, its parameters bound as the service binds them
# for a body with name and constraints; the row is a random seeded one, by its dense id.
ID_EXPR="('seg_b' || :tag || lpad(:N::text, 8, '0'))"
if STATEMENT=$(perl "$BENCH_DIR/lib/statement.pl" "$ROOT/src/main/java/io/segmentgateway/segment/SegmentRepository.java" \
  UPDATE 1=:app "2=$ID_EXPR" 3=:name 4=NULL 5=:constraints 6=NULL 2>"$RESULTS/statement.err"); then
  note "pgbench statement: SegmentRepository.UPDATE"
else
  STATEMENT=$(grep -v '^--' "$BENCH_DIR/pg/update-fallback.sql" | tr '\n' ' ')
  note "warning: could not read SegmentRepository.UPDATE ($(cat "$RESULTS/statement.err")); pgbench uses bench/pg/update-fallback.sql"
fi
{
  echo "\\set n random(1, :segments)"
  echo "${STATEMENT//:N/:n};"
} >"$RESULTS/update.sql"
{
  # Ten rows per commit, the k-th from the k-th tenth of the ids: locks are always taken in
  # ascending order, so concurrent transactions wait but never deadlock.
  echo "\\set stratum :segments / 10"
  for k in $(seq 0 9); do echo "\\set n$k $k * :stratum + random(1, :stratum)"; done
  echo "BEGIN;"
  for k in $(seq 0 9); do echo "${STATEMENT//:N/:n$k};"; done
  echo "COMMIT;"
} >"$RESULTS/update10.sql"
# Ten rows in one statement and one commit, as the service's PATCH batching sends them: its UPDATE_MANY, the
# arrays bound as the service binds ten PATCHes of name and constraints (rows from the ten tenths, as above).
IDS=""
for k in $(seq 0 9); do IDS+="${IDS:+, }${ID_EXPR//:N/:n$k}"; done
IDS="ARRAY[$IDS]"
if MANY=$(perl "$BENCH_DIR/lib/statement.pl" "$ROOT/src/main/java/io/segmentgateway/segment/SegmentRepository.java" \
  UPDATE_MANY "1=array_fill(:app::text, ARRAY[10])" "2=$IDS" "3=array_fill(:name::text, ARRAY[10])" \
  "4=array_fill(NULL::text, ARRAY[10])" "5=array_fill(:constraints::text, ARRAY[10])" \
  "6=array_fill(NULL::text, ARRAY[10])" 2>>"$RESULTS/statement.err"); then
  {
    echo "\\set stratum :segments / 10"
    for k in $(seq 0 9); do echo "\\set n$k $k * :stratum + random(1, :stratum)"; done
    echo "$MANY;"
  } >"$RESULTS/update-many.sql"
else
  note "warning: could not read SegmentRepository.UPDATE_MANY ($(cat "$RESULTS/statement.err")); no multi-row run"
fi
CONSTRAINTS=$(cat "$BENCH_DIR/pg/constraints.json")
PG_VARS=(-D "segments=$SEGMENTS" -D "app=$APP" -D "tag=$TAG" -D "name=Android phones in Poland 42" -D "constraints=$CONSTRAINTS")

# run_pgbench LABEL CLIENTS SCRIPT: sets P_TPS, P_LAT (average ms), P_P99 (ms).
run_pgbench() {
  local label=$1 clients=$2 script=$3 threads=2 out="$RESULTS/pgbench-$1.txt"
  ((clients >= threads)) || threads=$clients
  measure_start "$SVC_PID" "$DB"
  pgbench -n -M prepared -c "$clients" -j "$threads" -T "$DURATION" -f "$script" "${PG_VARS[@]}" \
    -l --log-prefix="$RESULTS/pglog-$label" "$DB" >"$out" 2>&1 || problem "pgbench $label failed (see $out)"
  measure_stop "$SVC_PID"
  P_TPS=$(sed -n 's/^tps = \([0-9]*\.[0-9]\).* (without initial connection time)$/\1/p' "$out")
  P_LAT=$(sed -n 's/^latency average = \([0-9.]*\) ms$/\1/p' "$out")
  P_P99=$(cat "$RESULTS/pglog-$label".* | awk '{print $3}' | sort -n | awk '{v[NR]=$1} END{i=int(NR*0.99); if(i<1)i=1; printf "%.2f", v[i]/1000}')
  rm -f "$RESULTS/pglog-$label".*
  grep -q '^number of failed transactions: 0 ' "$out" || problem "pgbench $label had failed transactions (see $out)"
  [[ -n $P_TPS ]] || { problem "pgbench $label reported no tps (see $out)"; P_TPS=0; }
}

psql -d "$DB" -qc "VACUUM ANALYZE segments" -c "CHECKPOINT" >/dev/null
PG_BEST=0
for c in $PG_CLIENTS; do
  run_pgbench "c$c" "$c" "$RESULTS/update.sql"
  say "pgbench clients=$c tps=$P_TPS lat_avg_ms=$P_LAT p99_ms=$P_P99 $(cpu_report "$P_TPS" 0)"
  PG_BEST=$(awk -v a="$PG_BEST" -v b="$P_TPS" 'BEGIN{print (b + 0 > a + 0) ? b : a}')
done
run_pgbench "batched" "$BATCHED_CLIENTS" "$RESULTS/update10.sql"
say "pg_batched_ups=$(awk -v t="$P_TPS" 'BEGIN{printf "%.0f", t * 10}') clients=$BATCHED_CLIENTS tps=$P_TPS updates_per_commit=10 lat_avg_ms=$P_LAT p99_ms=$P_P99 $(cpu_report "$(awk -v t="$P_TPS" 'BEGIN{print t * 10}')" 0)"

if [[ -f $RESULTS/update-many.sql ]]; then
  run_pgbench "many" "$BATCHED_CLIENTS" "$RESULTS/update-many.sql"
  say "pg_multirow_ups=$(awk -v t="$P_TPS" 'BEGIN{printf "%.0f", t * 10}') clients=$BATCHED_CLIENTS tps=$P_TPS rows_per_statement=10 lat_avg_ms=$P_LAT p99_ms=$P_P99 $(cpu_report "$(awk -v t="$P_TPS" 'BEGIN{print t * 10}')" 0)"
fi

# --- reads and creates ---------------------------------------------------------------------------
# GET of random seeded segments, then POST of new ones, at the last connection count (sets GET_* and POST_*).
run_other() { # LABEL SCRIPT
  run_wrk "$1" "${conns_list[-1]}" "$DURATION" "$2"
  NON2XX=$((NON2XX + $(kv "$W_LINE" non2xx)))
  CPU_LINE=$(cpu_report "$(kv "$W_LINE" rps)")
  say "service $1 conns=${conns_list[-1]} rps=$(kv "$W_LINE" rps) p50_ms=$(kv "$W_LINE" p50_ms) p99_ms=$(kv "$W_LINE" p99_ms)" \
    "max_ms=$(kv "$W_LINE" max_ms) non2xx=$(kv "$W_LINE" non2xx) socket_errors=$(kv "$W_LINE" socket_errors) $CPU_LINE"
}
if ((PATCH_ONLY == 0)) && alive; then
  # After the UPDATE runs, so that the rows POST adds (and their vacuum) cannot weigh on them.
  psql -d "$DB" -qc "VACUUM ANALYZE segments" -c "CHECKPOINT" >/dev/null
  PROFILE_LABEL=get
  run_other get get.lua
  GET_RPS=$(kv "$W_LINE" rps) GET_P99=$(kv "$W_LINE" p99_ms)
  ((PROFILE == 0)) || profile_report "$RESULTS/profile-get" "$(kv "$CPU_LINE" svc_us_per_op)" GET
  run_other post post.lua
  POST_RPS=$(kv "$W_LINE" rps) POST_P99=$(kv "$W_LINE" p99_ms)
  psql -d "$DB" -qc "VACUUM ANALYZE segments" -c "CHECKPOINT" >/dev/null
fi

# The service's own read and create, as pgbench runs them at its best client count: FIND of a random seeded
# segment; INSERT of a new one (ids of 24 random digits: a collision is not to be expected).
if ((PATCH_ONLY == 0)); then
  FIND=$(perl "$BENCH_DIR/lib/statement.pl" "$ROOT/src/main/java/io/segmentgateway/segment/SegmentRepository.java" \
    FIND 1=:app "2=$ID_EXPR" 2>>"$RESULTS/statement.err") || problem "cannot read SegmentRepository.FIND"
  INSERT=$(perl "$BENCH_DIR/lib/statement.pl" "$ROOT/src/main/java/io/segmentgateway/segment/SegmentRepository.java" \
    INSERT 1=:app "2=('seg_q' || :tag || lpad(:n::text, 12, '0') || lpad(:m::text, 12, '0'))" 3=:name 4=NULL 5=:constraints 2>>"$RESULTS/statement.err") \
    || problem "cannot read SegmentRepository.INSERT"
  printf '\\set n random(1, :segments)\n%s;\n' "${FIND//:N/:n}" >"$RESULTS/read.sql"
  printf '\\set n random(1, 999999999999)\n\\set m random(1, 999999999999)\n%s;\n' "$INSERT" >"$RESULTS/insert.sql"
  # best_pgbench WHAT: pgbench on $RESULTS/WHAT.sql at 16 and 32 clients; sets BEST to the better tps.
  best_pgbench() {
    BEST=0
    for c in 16 32; do
      run_pgbench "$1-c$c" "$c" "$RESULTS/$1.sql"
      say "pgbench $1 clients=$c tps=$P_TPS lat_avg_ms=$P_LAT p99_ms=$P_P99 $(cpu_report "$P_TPS" 0)"
      BEST=$(awk -v a="$BEST" -v b="$P_TPS" 'BEGIN{print (b + 0 > a + 0) ? b : a}')
    done
  }
  best_pgbench read
  PG_READ_BEST=$BEST
  best_pgbench insert
  PG_INSERT_BEST=$BEST
fi

rm -f "$RESULTS/.times" "$RESULTS/.pgcpu"
[[ -s $RESULTS/statement.err ]] || rm -f "$RESULTS/statement.err"

# --- the verdict ---------------------------------------------------------------------------------
alive || problem "the service died during the run (log: $RESULTS/service.log)"
if ((OWNED == 1)) && alive; then
  kill -TERM "$SVC_PID" 2>/dev/null || true
  stopping=$(date +%s%N)
  code=0
  wait "$SVC_PID" || code=$?
  OWNED=0
  note "service stopped on SIGTERM in $((($(date +%s%N) - stopping) / 1000000)) ms with exit code $code"
  # Start-up on a database that is already migrated and holds the seeded segments, as after a deploy: as the
  # image starts (with the class archive), then without it, for what the archive buys.
  restarts=("$ARCHIVE")
  [[ -z $ARCHIVE ]] || restarts+=("")
  for archive in "${restarts[@]}"; do
    start_service "$RESULTS/service-restart.log" "$archive" SHUTDOWN_GRACE_MILLIS=0
    say "restart ready_ms=$READY_MS on the migrated database class_archive=$([[ -n $archive ]] && echo yes || echo no)"
    kill -TERM "$SVC_PID" 2>/dev/null || true
    wait "$SVC_PID" || problem "the restarted service did not stop cleanly (log: $RESULTS/service-restart.log)"
    OWNED=0
  done
fi
if [[ -n $REDIS_PID ]]; then
  # What sharing the limit cost Redis: its commands (leases and heartbeats) and its CPU, for the whole run.
  redis_stats=$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" info stats 2>/dev/null | tr -d '\r')
  redis_cpu=$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" info cpu 2>/dev/null | tr -d '\r')
  say "rate_limit=shared redis_commands=$(sed -n 's/^total_commands_processed://p' <<<"$redis_stats")" \
    "redis_cpu_s=$(awk -F: '/^used_cpu_(sys|user):/ {s += $2} END {printf "%.2f", s}' <<<"$redis_cpu")"
else
  say "rate_limit=per-instance"
fi
if ((${#PROBLEMS[@]})); then
  note "refusing to report, the run had errors:"
  printf 'bench:   %s\n' "${PROBLEMS[@]}" | tee -a "$SUMMARY" >&2
  exit 1
fi
if ((PATCH_ONLY == 0)); then
  ratio() { awk -v s="$1" -v p="$2" 'BEGIN{printf "%.3f", (p > 0) ? s / p : 0}'; }
  say "post_ratio=$(ratio "$POST_RPS" "$PG_INSERT_BEST") post_rps=$POST_RPS pg_insert_tps=$PG_INSERT_BEST post_p99_ms=$POST_P99"
  say "get_ratio=$(ratio "$GET_RPS" "$PG_READ_BEST") get_rps=$GET_RPS pg_read_tps=$PG_READ_BEST get_p99_ms=$GET_P99"
fi
say "ratio=$(awk -v s="$SVC_RPS" -v p="$PG_BEST" 'BEGIN{printf "%.3f", (p > 0) ? s / p : 0}') service_rps=$SVC_RPS pg_tps=$PG_BEST p50_ms=$SVC_P50 p99_ms=$SVC_P99 non2xx=$NON2XX rss_mb=$RSS_MB"
