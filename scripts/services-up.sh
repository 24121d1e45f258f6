#!/usr/bin/env bash
# services-up.sh — everything the tests and the demo need: PostgreSQL, Redis (started only if
# they do not answer) and the private test Dovecot. Human log on stderr, export lines on stdout.
#
# Usage: eval "$(bash scripts/services-up.sh)"
# Env: whatever postgres-up.sh, redis-up.sh and dovecot-up.sh read (PG_PORT, REDIS_PORT, IMAP_PORT, IMAP_USERS…).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bash "$here/postgres-up.sh"
bash "$here/redis-up.sh"
bash "$here/dovecot-up.sh"
