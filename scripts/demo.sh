#!/usr/bin/env bash
# demo.sh — run the service on the bundled sample mailbox (README Quick start):
# dependencies, PostgreSQL/Redis/Dovecot, the sample emails APPENDed to the demo user's INBOX
# (skipping those already there), migrations, a dashboard login (admin), then `intake start` in the
# foreground: poller, workers and the dashboard on http://127.0.0.1:8080 (Ctrl-C stops).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
log() { echo "[demo] $*" >&2; }

if [[ ! -d node_modules || ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  log "installing dependencies (npm ci)…"
  npm ci --no-audit --no-fund --loglevel=error
fi

eval "$(bash scripts/services-up.sh)"

# The demo's own database, storage and queue prefix: it never touches test or production data.
export DATABASE_URL="postgres://${PGUSER:-postgres}@${PGHOST:-127.0.0.1}:${PGPORT:-5432}/intake_demo"
export STORAGE_DIR="${STORAGE_DIR:-$PWD/data/demo-store}"
export QUEUE_PREFIX="${QUEUE_PREFIX:-intake-demo}"
export IMAP_HOST=127.0.0.1 IMAP_PORT="${IMAP_PORT:-1143}" IMAP_TLS=false IMAP_USER=demo IMAP_PASS=demo-pass IMAP_FOLDER=INBOX
export POLL_INTERVAL_SECONDS="${POLL_INTERVAL_SECONDS:-30}"
export LOG_LEVEL="${LOG_LEVEL:-info}"
unset IMAP_TLS_CA

log "appending test/fixtures/sample-mailbox/*.eml to demo@127.0.0.1:$IMAP_PORT INBOX…"
node --import tsx scripts/append-mailbox.ts test/fixtures/sample-mailbox

node bin/intake.js migrate

# A dashboard login for the demo (its own database only); an existing one is kept as it is.
DEMO_ADMIN_PASSWORD="${DEMO_ADMIN_PASSWORD:-demo-admin-pass}"
if ! node bin/intake.js user list 2>/dev/null | grep -q '^admin'; then
  printf '%s' "$DEMO_ADMIN_PASSWORD" | node bin/intake.js user add admin --role admin --password-stdin >&2
fi
export WEB_HOST="${WEB_HOST:-127.0.0.1}" WEB_PORT="${WEB_PORT:-8080}"

cat >&2 <<EOT

[demo] ----------------------------------------------------------------------------------
[demo] Mailbox : demo / demo-pass on 127.0.0.1:$IMAP_PORT (Dovecot, maildir ${DOVECOT_DIR:-/tmp/intake-dovecot}/mail/demo)
[demo] Database: $DATABASE_URL
[demo] Files   : $STORAGE_DIR  (raw messages and attachments, by sha256)
[demo] Dashboard: http://$WEB_HOST:$WEB_PORT/  (login: admin / $DEMO_ADMIN_PASSWORD unless you changed it)
[demo] Look at the records (in another terminal):
[demo]   psql "$DATABASE_URL" -c "select id, received_at, late, status, last_run, is_submission, subject from messages order by received_at"
[demo]   psql "$DATABASE_URL" -c "select message_id, ordinal, depth, kind, readable, filename from attachments order by message_id, ordinal"
[demo]   psql "$DATABASE_URL" -c "select id, unit_name, complete, late, flags, review_state from applications where active"
[demo]   psql "$DATABASE_URL" -c "select message_id, state, reason, left(text_body, 60) from ack_outbox order by id"  (ACK_MODE=dry-run: rendered, not sent)
[demo] Run the CLI on the demo's data with the same settings (database, store, queues):
[demo]   DATABASE_URL="$DATABASE_URL" STORAGE_DIR="$STORAGE_DIR" QUEUE_PREFIX="$QUEUE_PREFIX" node bin/intake.js applications list
[demo] Add mail while it runs: node --import tsx scripts/append-mailbox.ts FILE.eml  (same IMAP_* as above)
[demo] Ctrl-C stops the service.
[demo] ----------------------------------------------------------------------------------

EOT
exec node bin/intake.js start
