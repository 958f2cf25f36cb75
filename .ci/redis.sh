# Redis for CI and the scripts that start a redis-server of their own (ops/fleet-rate-limit.sh, bench/run.sh --redis).
# Sourced, not run.

# ensure_redis_server: installs redis-server with apt-get where it is missing (Debian's package also starts it as a
# service on 6379 where systemd runs; nothing here relies on that one).
ensure_redis_server() {
  command -v redis-server >/dev/null 2>&1 && return 0
  echo "redis: redis-server is not installed; installing it" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q redis-server >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q redis-server >/dev/null; }
  command -v redis-server >/dev/null 2>&1
}

# ensure_redis: the machine's Redis at 127.0.0.1:6379, installed and running (started without persistence when it is
# down), for a test run that sets REDIS_URL=redis://127.0.0.1:6379.
ensure_redis() {
  ensure_redis_server || return 1
  if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
    echo "redis: starting redis-server on 127.0.0.1:6379" >&2
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no >/dev/null
  fi
  for _ in $(seq 1 50); do
    redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "redis: nothing answers on 127.0.0.1:6379" >&2
  return 1
}

# start_private_redis PORT LOG: a redis-server of the caller's own on 127.0.0.1:PORT, without persistence, in the
# background; prints its pid once it answers (the caller stops it with kill). Never the machine's 6379.
start_private_redis() {
  local port=$1 log=$2 pid
  redis-server --bind 127.0.0.1 --port "$port" --save "" --appendonly no --daemonize no >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do
    if redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null 2>&1; then
      echo "$pid"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  kill "$pid" 2>/dev/null || true
  echo "redis: the private redis-server on port $port did not start (log: $log)" >&2
  return 1
}
