#!/usr/bin/env bash
# fault-drills.sh — the long fault drills of docs/reliability.md (scripts/fault-drills.ts):
# SIGKILL of `intake start` mid-burst, PostgreSQL stopped for 20 s, Redis restarted empty, SMTP
# refusing for a minute, each during a burst of emails through the real poller and workers.
#
#   bash scripts/fault-drills.sh [--burst 200] [--only kill,pg,redis,smtp]
#
# It STOPS AND RESTARTS the machine's shared PostgreSQL and Redis, so it waits until no test run
# (vitest) is going on, and it starts both again on exit whatever happened. Needs root (as
# scripts/test.sh) for pg_ctlcluster. Takes 10–20 minutes on 2 cores; results also go to
# /tmp/fault-drills-*/results.json with the service logs beside them.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
log() { echo "[drills] $*" >&2; }

while pgrep -f vitest >/dev/null; do
  log "a test run (vitest) is going on; waiting for it to end before touching PostgreSQL and Redis…"
  sleep 15
done

eval "$(bash scripts/services-up.sh)"
export DATABASE_URL REDIS_URL IMAP_HOST IMAP_PORT IMAP_USER IMAP_PASS

pg_version=$(ls /etc/postgresql | head -1)
restart_services() {
  if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
    log "starting PostgreSQL again"
    pg_ctlcluster --skip-systemctl-redirect "$pg_version" main start || true
  fi
  if ! redis-cli -p 6379 ping >/dev/null 2>&1; then
    log "starting Redis again"
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log || true
  fi
}
trap restart_services EXIT

npx tsx scripts/fault-drills.ts "$@"
