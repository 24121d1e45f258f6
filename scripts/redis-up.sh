#!/usr/bin/env bash
# redis-up.sh — make sure Redis answers on 127.0.0.1:$REDIS_PORT; start a loopback-only,
# non-persistent redis-server (the machine's own start command) if it does not.
#
# Usage: eval "$(bash scripts/redis-up.sh)"   # exports REDIS_URL
# Env: REDIS_PORT (6379), REDIS_DIR (/tmp/intake-redis)
set -euo pipefail

REDIS_PORT="${REDIS_PORT:-6379}"
REDIS_DIR="${REDIS_DIR:-/tmp/intake-redis}"
log() { echo "[redis-up] $*" >&2; }
die() { echo "[redis-up] ERROR: $*" >&2; exit 1; }
ping() { [[ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" == PONG ]]; }

if ! command -v redis-server >/dev/null; then
  [[ $(id -u) == 0 ]] || die "redis-server not installed and not root (apt-get install -y redis-server)"
  log "installing redis-server…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null 2>&1 && apt-get install -y -q --no-install-recommends redis-server >/dev/null 2>&1 \
    || die "apt-get install redis-server failed"
fi

if ping; then
  log "Redis already answers on 127.0.0.1:$REDIS_PORT"
else
  mkdir -p "$REDIS_DIR"
  log "starting redis-server on 127.0.0.1:$REDIS_PORT…"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no \
    --dir "$REDIS_DIR" --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/redis.log" \
    </dev/null >/dev/null 2>&1 || die "redis-server failed to start"
  for _ in $(seq 1 100); do ping && break; sleep 0.1; done
  ping || { tail -20 "$REDIS_DIR/redis.log" >&2; die "redis did not answer"; }
fi
echo "export REDIS_URL=redis://127.0.0.1:$REDIS_PORT"
