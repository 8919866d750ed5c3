#!/usr/bin/env bash
# Proves the Grafana dashboard against the real thing: starts the local stack (fresh data, one
# escalation round, so an unacknowledged alert is exhausted within a minute) and a real Prometheus
# scraping all four services with the jobs of ops/prometheus/prometheus.yml, runs an incident through
# it, and checks that every metric the dashboard queries exists and moved and that every query
# evaluates (ops/verify/verify_metrics.py).
#
#   ops/verify-metrics.sh          # takes 3-5 minutes; needs the local stack's ports free
#
# Installs Debian's prometheus package with apt-get when no prometheus is on the PATH.
# Environment: KEEP_WORKDIR=1 keeps logs and data; PROMETHEUS_PORT (default 9099).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PROMETHEUS_PORT=${PROMETHEUS_PORT:-9099}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/verify-metrics.XXXXXX")
STACK_PID=""
PROMETHEUS_PID=""

log() { printf '[verify-metrics] %s\n' "$*"; }

stop() {
  local pid=$1 name=$2
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  log "stopping $name"
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || return 0; sleep 1; done
  kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
  stop "$PROMETHEUS_PID" prometheus
  stop "$STACK_PID" "local stack"
  if [[ "${KEEP_WORKDIR:-0}" == 1 ]]; then log "logs and data kept in $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

for port in 8080 8081 8082 8083 8084 8089 8090 8025 2525 9092 "$PROMETHEUS_PORT"; do
  if port_busy "$port"; then
    log "port $port is in use: stop the local stack (or whatever listens there) first"; exit 2
  fi
done

for tool in java curl python3; do
  command -v "$tool" >/dev/null || { log "$tool is needed"; exit 2; }
done

if ! command -v prometheus >/dev/null; then
  log "installing Debian's prometheus package"
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends prometheus >/dev/null
  # the package may start its own service on :9090; ours runs separately on $PROMETHEUS_PORT
fi
log "$(prometheus --version 2>&1 | head -1)"

# the compose jobs, pointed at the local stack, scraped every 2 s so the check is quick
# (the local stack runs one escalation worker, compose two)
sed -e 's/, "escalation-worker-2:[0-9]*"//' \
    -e 's/"\(contact-service\|alert-dispatcher\|escalation-worker\|ack-receiver\):/"localhost:/' \
    -e 's/scrape_interval: .*/scrape_interval: 2s/' \
    "$ROOT/ops/prometheus/prometheus.yml" > "$WORK/prometheus.yml"
if grep -qE '"(contact-service|alert-dispatcher|escalation-worker|ack-receiver):' "$WORK/prometheus.yml"; then
  log "could not point ops/prometheus/prometheus.yml at localhost"; exit 1
fi

log "starting the local stack (log: $WORK/stack.log)"
MVN="$ROOT/mvnw"; [[ -x "$MVN" ]] || MVN=mvn
(cd "$ROOT" && exec setsid "$MVN" -q -pl local-stack -am compile exec:java \
    -Dalerting.data-dir="$WORK/data" -Dalerting.dispatcher.escalation.rounds=1) \
    >"$WORK/stack.log" 2>&1 &
STACK_PID=$!

log "starting prometheus on :$PROMETHEUS_PORT (log: $WORK/prometheus.log)"
setsid prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/prometheus" \
    --web.listen-address="127.0.0.1:$PROMETHEUS_PORT" >"$WORK/prometheus.log" 2>&1 &
PROMETHEUS_PID=$!

deadline=$((SECONDS + 600))
# health on the management ports (README, "Ports"); the public ones serve no actuator
for port in 9081 9082 9083 9084; do
  until curl -fsS "http://localhost:$port/actuator/health" 2>/dev/null | grep -q '"UP"'; do
    if ! kill -0 "$STACK_PID" 2>/dev/null || ((SECONDS > deadline)); then
      log "the local stack did not come up; last lines of its log:"; tail -40 "$WORK/stack.log"; exit 1
    fi
    sleep 2
  done
  log "service on :$port is UP"
done

PROMETHEUS_URL="http://127.0.0.1:$PROMETHEUS_PORT" python3 "$ROOT/ops/verify/verify_metrics.py"
