# Helpers of run.sh: ports, result parsing, CPU and RSS sampling. Sourced, not run.

# A TCP port on 127.0.0.1 that nothing listens on.
free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

# The pid of the local process listening on the port of URL, if ss can tell.
listening_pid() {
  local port=${1##*:}
  port=${port%%/*}
  command -v ss >/dev/null || return 1
  ss -Htlnp "sport = :$port" 2>/dev/null | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -n 1 | grep .
}

# kv LINE KEY: the value of KEY=value in a result line.
kv() {
  sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<" $1"
}

_cpu_now() {
  awk '/^cpu /{busy = $2 + $3 + $4 + $7 + $8 + $9; print busy, busy + $5 + $6}' /proc/stat
}

# CPU ticks of process PID so far; 0 without a PID, -1 when the process is gone.
_proc_ticks() {
  if [[ -z $1 ]]; then
    echo 0
  elif [[ -r /proc/$1/stat ]]; then
    sed 's/^.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'
  else
    echo -1
  fi
}

# CPU seconds of this shell's finished children (the load generator), as written by `times`
# (which must run in this shell, not in a $(...) subshell, whose children are its own).
_child_seconds() {
  awk 'NR == 2 {
    s = 0
    for (i = 1; i <= 2; i++) { split($i, t, "m"); s += t[1] * 60 + substr(t[2], 1, length(t[2]) - 1) }
    print s
  }' "$RESULTS/.times"
}

# machine_busy_pct SECONDS: how busy all cores were over the next SECONDS, in percent.
machine_busy_pct() {
  local b0 t0 b1 t1
  read -r b0 t0 < <(_cpu_now)
  sleep "$1"
  read -r b1 t1 < <(_cpu_now)
  awk -v b=$((b1 - b0)) -v t=$((t1 - t0)) 'BEGIN{printf "%.0f", (t > 0) ? 100 * b / t : 0}'
}

# _pg_sampler DB: from one second into a run, prints "<ns> <pid> <ticks>" every half second for
# each backend then connected to DB (the service's pool, or pgbench's clients), read from /proc, so
# only for a PostgreSQL on this machine. Backends that connect later are not followed.
_pg_sampler() {
  local pids live p
  sleep 1
  pids=$(psql -d "$1" -Atc "SELECT pid FROM pg_stat_activity WHERE datname = '$1' AND pid <> pg_backend_pid()")
  while :; do
    live=()
    for p in $pids; do [[ -r /proc/$p/stat ]] && live+=("/proc/$p/stat"); done
    ((${#live[@]})) || return 0
    cat "${live[@]}" 2>/dev/null | awk -v t="$(date +%s%N)" '{pid = $1; sub(/^.*\) /, ""); print t, pid, $12 + $13}'
    sleep 0.5
  done
}

# measure_start PID DB / measure_stop PID: snapshots around one run; cpu_report OPS_PER_SECOND
# [0 when the service is idle in the run] then prints the machine's busy share and the shares of the load generator, the service, DB's
# PostgreSQL backends and everything else (percent of all cores), and the CPU time the service
# and PostgreSQL spent per operation (us), commits per updated row and the share of HOT updates.
# Commits in DB and updates of its segments table (all, and HOT ones, which touch no index).
_db_counters() {
  psql -d "$1" -Atc "SELECT d.xact_commit, t.n_tup_upd, t.n_tup_hot_upd FROM pg_stat_database d,
    pg_stat_user_tables t WHERE d.datname = current_database() AND t.relname = 'segments'" | tr '|' ' '
}

measure_start() {
  read -r _M_COMMITS _M_UPD _M_HOT < <(_db_counters "$2")
  _M_DB=$2
  read -r _M_BUSY _M_TOTAL < <(_cpu_now)
  _M_SVC=$(_proc_ticks "$1")
  times >"$RESULTS/.times"
  _M_CHILD=$(_child_seconds)
  _M_WALL=$(date +%s%N)
  _pg_sampler "$2" >"$RESULTS/.pgcpu" 2>/dev/null &
  _M_PG_PID=$!
}

measure_stop() {
  read -r _M_BUSY1 _M_TOTAL1 < <(_cpu_now)
  _M_SVC1=$(_proc_ticks "$1")
  times >"$RESULTS/.times"
  _M_CHILD1=$(_child_seconds)
  _M_WALL1=$(date +%s%N)
  kill "$_M_PG_PID" 2>/dev/null || true
  wait "$_M_PG_PID" 2>/dev/null || true
  # The statistics of a backend reach the views within about a second of its last commit.
  sleep 1
  read -r _M_COMMITS1 _M_UPD1 _M_HOT1 < <(_db_counters "$_M_DB")
}

cpu_report() {
  local pg
  # Ticks per second of DB's backends: each backend's last sample less its first (a backend that
  # exits, such as an idle pool connection, keeps what it had used until then).
  pg=$(awk 'NR == 1 {t0 = $1} {t = $1; if (!($2 in first)) first[$2] = $3; last[$2] = $3}
    END {for (p in last) s += last[p] - first[p]; if (t > t0) printf "%.6f", s / ((t - t0) / 1e9); else print "na"}' "$RESULTS/.pgcpu")
  awk -v b=$((_M_BUSY1 - _M_BUSY)) -v t=$((_M_TOTAL1 - _M_TOTAL)) -v s=$((_M_SVC1 < 0 ? -1 : _M_SVC1 - _M_SVC)) \
    -v c=$(awk -v a="$_M_CHILD" -v b="$_M_CHILD1" 'BEGIN{print b - a}') -v w=$((_M_WALL1 - _M_WALL)) \
    -v hz="$(getconf CLK_TCK)" -v n="$(nproc)" -v pg="$pg" -v ops="$1" -v svcop="${2:-1}" \
    -v commits=$((_M_COMMITS1 - _M_COMMITS)) -v upd=$((_M_UPD1 - _M_UPD)) -v hot=$((_M_HOT1 - _M_HOT)) 'BEGIN {
      secs = w / 1e9
      busy = (t > 0) ? 100 * b / t : 0
      client = 100 * c / secs / n
      if (s < 0) svcop = 0
      svc = (s < 0) ? 0 : 100 * s / hz / secs / n
      other = busy - client - svc
      out = sprintf("cpu_busy_pct=%.0f client_cpu_pct=%.0f svc_cpu_pct=%s", busy, client, (s < 0) ? "na" : sprintf("%.0f", svc))
      if (pg != "na") {
        pgpct = 100 * pg / hz / n
        other -= pgpct
        out = out sprintf(" pg_cpu_pct=%.0f", pgpct)
      }
      out = out sprintf(" other_cpu_pct=%.0f", (other < 0) ? 0 : other)
      if (ops > 0 && svcop) out = out sprintf(" svc_us_per_op=%.0f", 1e6 * s / hz / secs / ops)
      if (ops > 0 && pg != "na") out = out sprintf(" pg_us_per_op=%.0f", 1e6 * pg / hz / ops)
      if (upd > 0) out = out sprintf(" commits_per_update=%.2f hot_pct=%.0f", commits / upd, 100 * hot / upd)
      print out
    }'
}

# start_rss PID FILE: append the VmRSS of PID (kB) to FILE every second until stop_rss.
start_rss() {
  RSS_PID=""
  [[ -n $1 ]] || return 0
  (
    while [[ -r /proc/$1/status ]]; do
      awk '/^VmRSS:/{print $2}' "/proc/$1/status" 2>/dev/null || true
      sleep 1
    done
  ) >>"$2" &
  RSS_PID=$!
}

stop_rss() {
  if [[ -n ${RSS_PID:-} ]]; then
    kill "$RSS_PID" 2>/dev/null || true
    wait "$RSS_PID" 2>/dev/null || true
    RSS_PID=""
  fi
}

# The largest sample of FILE in MiB, or "na" without samples.
max_rss_mb() {
  if [[ -s $1 ]]; then
    sort -n "$1" | tail -n 1 | awk '{printf "%.0f", $1 / 1024}'
  else
    echo na
  fi
}
