# HAProxy in front of instances of the jar, for the ops/ proofs. Sourced, not run.

# ensure_load_tools: haproxy and wrk, installed with apt-get where missing.
ensure_load_tools() {
  local pkg
  for pkg in haproxy wrk; do
    if ! command -v "$pkg" >/dev/null; then
      echo "ops: installing $pkg" >&2
      export DEBIAN_FRONTEND=noninteractive
      apt-get install -y -q "$pkg" >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q "$pkg" >/dev/null; }
    fi
  done
}

# haproxy_config FILE FRONT STATS SERVER_OPTIONS NAME:PORT...: HTTP on 127.0.0.1:FRONT, round robin over the
# instances with an active readiness check (GET /health/ready must be 200; SERVER_OPTIONS: the timing of the checks,
# e.g. "inter 500 fall 1 rise 2"), connection failures retried on another instance, the stats page on STATS
# (/stats;csv).
haproxy_config() {
  local file=$1 front=$2 stats=$3 options=$4 server
  shift 4
  {
    cat <<EOF
global
  maxconn 2048
defaults
  mode http
  timeout connect 2s
  timeout client 30s
  timeout server 30s
  timeout http-keep-alive 30s
  timeout check 2s
  option redispatch
  retries 3
  http-reuse safe
frontend front
  bind 127.0.0.1:$front
  default_backend instances
backend instances
  balance roundrobin
  option httpchk GET /health/ready
  http-check expect status 200
  default-server $options
EOF
    for server in "$@"; do echo "  server ${server%%:*} 127.0.0.1:${server##*:} check"; done
    cat <<EOF
listen stats
  bind 127.0.0.1:$stats
  stats enable
  stats uri /stats
EOF
  } >"$file"
  haproxy -c -q -f "$file"
}

# haproxy_status STATS NAME: UP, DOWN, ... as HAProxy sees the instance.
haproxy_status() {
  curl -fsS "http://127.0.0.1:$1/stats;csv" 2>/dev/null | awk -F, -v s="$2" '$1 == "instances" && $2 == s {print $18}'
}
