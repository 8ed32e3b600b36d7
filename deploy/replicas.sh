#!/usr/bin/env bash
# N read-only `./mevo serve` replicas on loopback ports behind HAProxy (deploy/haproxy.cfg.template).
#
#   deploy/replicas.sh start   [--count N] [--port P] [--release DIR] [--dir RUN]   replicas on P+1..P+N, HAProxy on P
#   deploy/replicas.sh restart I [--dir RUN]             start replica I again (after a crash), same release
#   deploy/replicas.sh roll    --release DIR [--dir RUN] switch every replica to another release, one at a time
#   deploy/replicas.sh status  [--dir RUN]               HAProxy's view of the replicas
#   deploy/replicas.sh stop    [--dir RUN]               stop HAProxy and every replica
#
# Defaults: --count 2, --port 8080, --release release, --dir ${TMPDIR:-/tmp}/mevo-replicas. HAProxy's runtime API
# listens on 127.0.0.1:P+99. A replica is `./mevo serve --no-build --localhost --port PORT --release DIR`, or
# $MEVO_SERVE_CMD followed by the same options. HAProxy comes from Debian (apt-get install haproxy; installed here
# when missing and running as root). A rolling switch takes one replica out of HAProxy's rotation (maintenance),
# waits until its requests are answered, stops it, starts it on the new release, waits for /$/ready, and puts it
# back; the others serve meanwhile, so no request fails.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

cmd="${1:-}"; shift || true
count=2; port=8080; release="release"; dir="${TMPDIR:-/tmp}/mevo-replicas"; index=""
while (($#)); do
  case "$1" in
    --count) count="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --release) release="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    [0-9]*) index="$1"; shift ;;
    *) echo "replicas: unknown option $1" >&2; exit 2 ;;
  esac
done

log() { echo "[replicas] $*" >&2; }
die() { echo "[replicas] ERROR: $*" >&2; exit 1; }

ensure_haproxy() {
  command -v haproxy >/dev/null 2>&1 && return 0
  [[ $EUID -eq 0 ]] || die "haproxy is not installed (Debian: apt-get install haproxy)"
  log "installing haproxy (apt-get)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null; } \
    || die "apt-get install haproxy failed"
}

# one command to HAProxy's runtime API; prints the answer
admin() {
  local p; p="$(cat "$dir/admin.port")"
  exec 3<>"/dev/tcp/127.0.0.1/$p" || die "HAProxy runtime API on port $p does not answer"
  printf '%s\n' "$1" >&3
  cat <&3
  exec 3<&- 3>&-
}

# field F (name from the CSV header) of replica rI in `show stat`
stat_field() {
  admin "show stat" | awk -F, -v srv="r$1" -v f="$2" 'NR==1 { for (i = 1; i <= NF; i++) { h = $i; sub(/^# /, "", h); col[h] = i } }
    $1 == "replicas" && $2 == srv { print $col[f] }'
}

wait_ready() { # replica port, seconds
  local deadline=$((SECONDS + $2))
  until curl -fs -o /dev/null "http://127.0.0.1:$1/\$/ready"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}

start_replica() { # index, release dir
  local i="$1" rel="$2" p=$(( $(cat "$dir/port") + $1 ))
  local -a serve
  if [[ -n "${MEVO_SERVE_CMD:-}" ]]; then read -r -a serve <<<"$MEVO_SERVE_CMD"; else serve=(./mevo serve); fi
  "${serve[@]}" --no-build --localhost --port "$p" --release "$rel" </dev/null >>"$dir/r$i.log" 2>&1 &
  echo $! >"$dir/r$i.pid"
  echo "$rel" >"$dir/r$i.release"
  wait_ready "$p" "${MEVO_REPLICA_START_SECONDS:-180}" || die "replica r$i (port $p) not ready; see $dir/r$i.log"
  log "r$i ready on 127.0.0.1:$p (release $rel, pid $(cat "$dir/r$i.pid"))"
}

stop_replica() { # index: SIGTERM, then wait for the process to end
  local pid; pid="$(cat "$dir/r$1.pid" 2>/dev/null || true)"
  [[ -n "$pid" ]] || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$dir/r$1.pid"
}

wait_status() { # index, status (UP / MAINT), seconds
  local deadline=$((SECONDS + $3))
  until [[ "$(stat_field "$1" status)" == "$2"* ]]; do
    ((SECONDS < deadline)) || die "r$1 not $2 in HAProxy after $3 s (status: $(stat_field "$1" status))"
    sleep 0.2
  done
}

case "$cmd" in
  start)
    ensure_haproxy
    [[ -f "$release/mevo.nq" ]] || die "$release: no built release (./mevo build)"
    release="$(cd "$release" && pwd)"
    mkdir -p "$dir"
    [[ -f "$dir/haproxy.pid" ]] && kill -0 "$(cat "$dir/haproxy.pid")" 2>/dev/null && die "already running in $dir (stop first)"
    echo "$port" >"$dir/port"; echo "$count" >"$dir/count"; echo $((port + 99)) >"$dir/admin.port"
    for i in $(seq "$count"); do start_replica "$i" "$release"; done
    servers=""
    for i in $(seq "$count"); do servers+="    server r$i 127.0.0.1:$((port + i))"$'\n'; done
    awk -v servers="$servers" -v port="$port" -v admin="$((port + 99))" -v bind="${MEVO_BIND:-127.0.0.1}" '
      { gsub(/@PORT@/, port); gsub(/@ADMIN_PORT@/, admin); gsub(/@BIND@/, bind) }
      /^@SERVERS@$/ { printf "%s", servers; next } { print }' deploy/haproxy.cfg.template >"$dir/haproxy.cfg"
    haproxy -c -q -f "$dir/haproxy.cfg" || die "invalid $dir/haproxy.cfg"
    haproxy -D -f "$dir/haproxy.cfg" -p "$dir/haproxy.pid" || die "haproxy did not start"
    for i in $(seq "$count"); do wait_status "$i" UP 30; done
    log "HAProxy on ${MEVO_BIND:-127.0.0.1}:$port -> $count replicas; SPARQL: http://127.0.0.1:$port/mevo/sparql"
    ;;
  restart)
    [[ -n "$index" ]] || die "restart needs a replica number"
    stop_replica "$index"
    start_replica "$index" "$(cat "$dir/r$index.release")"
    wait_status "$index" UP 30
    ;;
  roll)
    [[ -f "$release/mevo.nq" ]] || die "$release: no built release"
    release="$(cd "$release" && pwd)"
    for i in $(seq "$(cat "$dir/count")"); do
      admin "set server replicas/r$i state maint" >/dev/null
      # in-flight requests of r$i finish; new ones go to the others
      for _ in $(seq 300); do [[ "$(stat_field "$i" scur)" == "0" ]] && break; sleep 0.1; done
      stop_replica "$i"
      start_replica "$i" "$release"
      admin "set server replicas/r$i state ready" >/dev/null
      wait_status "$i" UP 30
      log "r$i switched to $release"
    done
    ;;
  status)
    admin "show stat" | awk -F, '$1 == "replicas" { print $2, $18, "sessions=" $5, "total=" $8 }'
    ;;
  stop)
    [[ -f "$dir/haproxy.pid" ]] && { kill "$(cat "$dir/haproxy.pid")" 2>/dev/null || true; rm -f "$dir/haproxy.pid"; }
    for f in "$dir"/r*.pid; do [[ -e "$f" ]] || continue; i="${f##*/r}"; stop_replica "${i%.pid}"; done
    log "stopped"
    ;;
  *) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
