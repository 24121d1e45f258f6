#!/usr/bin/env bash
# dovecot-up.sh — start a private, loopback-only Dovecot for the tests and the demo (idempotent).
# The project's own copy of ../shared/services/dovecot-up.sh, so it works where ../shared is absent.
#
# Usage:   bash dovecot-up.sh              # human log on stderr, KEY=value on stdout
#          eval "$(bash dovecot-up.sh)"    # export IMAP_* settings into this shell
#
# Environment (all optional):
#   DOVECOT_DIR   state/config dir            (default /tmp/intake-dovecot)
#   IMAP_PORT     plain IMAP on 127.0.0.1     (default 1143; plaintext auth allowed)
#   IMAPS         1 = also serve IMAP over TLS (default 0). NOTE: turning TLS on makes
#                 Dovecot advertise STARTTLS on the plain port too (and on LMTP); clients
#                 that upgrade opportunistically (imapflow, nodemailer) then fail on the
#                 self-signed cert unless told doSTARTTLS:false / ignoreTLS:true / tls.ca.
#   IMAPS_PORT    its port on 127.0.0.1       (default 1993; used only when IMAPS=1)
#   LMTP_PORT     LMTP delivery on 127.0.0.1  (default 0 = off; e.g. 1024; needs dovecot-lmtpd)
#   IMAP_USERS    "user:pass user:pass ..."   (default "intake:intake-pass applicant:applicant-pass demo:demo-pass")
#   MAIL_OWNER    system user owning Maildirs (default mail)
#   WAIT_SECS     how long to wait for the port (default 30)
#
# Never touches the system Dovecot (/etc/dovecot, /run/dovecot, ports 143/993):
# everything lives in $DOVECOT_DIR and runs as `dovecot -c $DOVECOT_DIR/dovecot.conf`.
# Users are addressed as "intake" or "intake@any.domain" (the domain is stripped).
# Mail of user U is a Maildir at $DOVECOT_DIR/mail/U (new/ cur/ tmp/).
# Stop with dovecot-down.sh (same DOVECOT_DIR).
set -euo pipefail

DOVECOT_DIR="${DOVECOT_DIR:-/tmp/intake-dovecot}"
IMAP_PORT="${IMAP_PORT:-1143}"
IMAPS="${IMAPS:-0}"
IMAPS_PORT="${IMAPS_PORT:-1993}"
[[ "$IMAPS" == 1 ]] || IMAPS_PORT=0
LMTP_PORT="${LMTP_PORT:-0}"
IMAP_USERS="${IMAP_USERS:-intake:intake-pass applicant:applicant-pass demo:demo-pass}"
MAIL_OWNER="${MAIL_OWNER:-mail}"
WAIT_SECS="${WAIT_SECS:-30}"
CONF="$DOVECOT_DIR/dovecot.conf"
RUN="$DOVECOT_DIR/run"
PIDFILE="$RUN/master.pid"

log() { echo "[dovecot-up] $*" >&2; }
die() { echo "[dovecot-up] ERROR: $*" >&2; exit 1; }

case "$DOVECOT_DIR" in /*) ;; *) die "DOVECOT_DIR must be an absolute path";; esac
for p in "$IMAP_PORT" "$IMAPS_PORT" "$LMTP_PORT"; do
  [[ "$p" =~ ^[0-9]+$ ]] || die "ports must be numbers (got '$p')"
done
for p in 143 993; do
  [[ "$IMAP_PORT" != "$p" && "$IMAPS_PORT" != "$p" ]] || die "port $p is reserved for a system Dovecot; pick another"
done

# ---------------------------------------------------------------- install
need_pkgs=()
[[ -x /usr/sbin/dovecot && -x /usr/lib/dovecot/imap ]] || need_pkgs+=(dovecot-imapd)
[[ "$LMTP_PORT" == 0 || -x /usr/lib/dovecot/lmtp ]] || need_pkgs+=(dovecot-lmtpd)
[[ "$IMAPS_PORT" == 0 ]] || command -v openssl >/dev/null || need_pkgs+=(openssl)
if ((${#need_pkgs[@]})); then
  [[ $(id -u) == 0 ]] || die "need root to apt-get install ${need_pkgs[*]}"
  apt_log=$(mktemp /tmp/dovecot-up-apt.XXXXXX.log)
  log "installing ${need_pkgs[*]} (apt-get update + install, log: $apt_log)…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >"$apt_log" 2>&1 \
    || { tail -20 "$apt_log" >&2; die "apt-get update failed"; }
  # policy-rc.d in containers normally stops the system service from starting;
  # if it does start, it only binds 143/993 and /run/dovecot, so no clash.
  apt-get install -y -q --no-install-recommends "${need_pkgs[@]}" >>"$apt_log" 2>&1 \
    || { tail -20 "$apt_log" >&2; die "apt-get install ${need_pkgs[*]} failed"; }
  log "installed"
fi
[[ $(id -u) == 0 ]] || die "must run as root (dovecot master needs it to switch users)"
id "$MAIL_OWNER" >/dev/null 2>&1 || die "MAIL_OWNER '$MAIL_OWNER' does not exist"
id dovenull >/dev/null 2>&1 && id dovecot >/dev/null 2>&1 \
  || die "system users dovecot/dovenull missing (dovecot-core postinst did not run?)"
MAIL_UID=$(id -u "$MAIL_OWNER"); MAIL_GID=$(id -g "$MAIL_OWNER")

# ---------------------------------------------------------------- files
mkdir -p "$DOVECOT_DIR"/{run,state,log,mail,ssl}
chmod 755 "$DOVECOT_DIR" "$DOVECOT_DIR/mail"
chmod 700 "$DOVECOT_DIR/ssl"

if [[ "$IMAPS_PORT" != 0 && ! -s "$DOVECOT_DIR/ssl/key.pem" ]]; then
  log "making self-signed certificate…"
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=localhost" \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
    -keyout "$DOVECOT_DIR/ssl/key.pem" -out "$DOVECOT_DIR/ssl/cert.pem" 2>/dev/null \
    || die "openssl failed"
  chmod 600 "$DOVECOT_DIR/ssl/key.pem"
fi

# passwd-file: user:{PLAIN}password  (rewritten each run; dovecot re-reads it on change)
umask 077
tmp_users=$(mktemp "$DOVECOT_DIR/users.XXXXXX")
for entry in $IMAP_USERS; do
  u=${entry%%:*}; pw=${entry#*:}
  [[ -n "$u" && "$entry" == *:* && "$u" =~ ^[A-Za-z0-9._-]+$ ]] || die "bad IMAP_USERS entry '$entry' (want user:pass)"
  printf '%s:{PLAIN}%s\n' "$u" "$pw" >>"$tmp_users"
  mkdir -p "$DOVECOT_DIR/mail/$u"
  chown "$MAIL_UID:$MAIL_GID" "$DOVECOT_DIR/mail/$u"
done
# the auth process runs as the "dovecot" user, so it must be able to read this
chgrp dovecot "$tmp_users"; chmod 640 "$tmp_users"
mv -f "$tmp_users" "$DOVECOT_DIR/users"
umask 022

protocols="imap"; [[ "$LMTP_PORT" == 0 ]] || protocols="imap lmtp"
if [[ "$IMAPS_PORT" != 0 ]]; then
  ssl_block="ssl = yes
ssl_cert = <$DOVECOT_DIR/ssl/cert.pem
ssl_key = <$DOVECOT_DIR/ssl/key.pem"
  [[ -f /usr/share/dovecot/dh.pem ]] && ssl_block+=$'\n'"ssl_dh = </usr/share/dovecot/dh.pem"
else
  ssl_block="ssl = no"
fi
lmtp_block=""
if [[ "$LMTP_PORT" != 0 ]]; then
  lmtp_block="service lmtp {
  unix_listener lmtp {
    mode = 0600
  }
  inet_listener lmtp {
    address = 127.0.0.1
    port = $LMTP_PORT
  }
}"
fi

new_conf=$(cat <<EOF
# generated by dovecot-up.sh — private test instance, do not edit
instance_name = intake-dovecot
base_dir = $RUN
state_dir = $DOVECOT_DIR/state
log_path = $DOVECOT_DIR/log/dovecot.log
info_log_path = $DOVECOT_DIR/log/dovecot.log
protocols = $protocols
listen = 127.0.0.1
login_greeting = intake-dovecot ready.

disable_plaintext_auth = no
auth_mechanisms = plain login
auth_username_format = %Ln
$ssl_block

passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%n $DOVECOT_DIR/users
}
userdb {
  driver = static
  args = uid=$MAIL_UID gid=$MAIL_GID home=$DOVECOT_DIR/mail/%n
}
first_valid_uid = $MAIL_UID
first_valid_gid = $MAIL_GID
mail_location = maildir:~
namespace inbox {
  inbox = yes
  separator = /
  mailbox Drafts {
    special_use = \\Drafts
    auto = create
  }
  mailbox Sent {
    special_use = \\Sent
    auto = create
  }
  mailbox Trash {
    special_use = \\Trash
    auto = create
  }
  mailbox Junk {
    special_use = \\Junk
    auto = create
  }
}
mail_max_userip_connections = 200
mailbox_idle_check_interval = 1 secs
imap_idle_notify_interval = 2 mins
# Log the IMAP ID each client sends (RFC 2971): the tests check what the poller really says.
imap_id_log = *

service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $IMAP_PORT
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $IMAPS_PORT
    ssl = yes
  }
}
$lmtp_block
EOF
)

running_pid() {
  [[ -s "$PIDFILE" ]] || return 1
  local pid; pid=$(<"$PIDFILE")
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null \
    && [[ "$(cat /proc/"$pid"/comm 2>/dev/null)" == dovecot ]] \
    && [[ "$(awk '{print $3}' /proc/"$pid"/stat 2>/dev/null)" != Z ]] && echo "$pid"   # zombies don't count
}

port_ready() {   # reads the IMAP greeting
  local line
  { exec 3<>"/dev/tcp/127.0.0.1/$IMAP_PORT"; } 2>/dev/null || return 1
  IFS= read -r -t 2 line <&3 || { exec 3<&- 3>&-; return 1; }
  printf 'a1 LOGOUT\r\n' >&3 2>/dev/null || true
  exec 3<&- 3>&-
  [[ "$line" == "* OK"* ]]
}

if pid=$(running_pid); then
  if [[ -f "$CONF" && "$(cat "$CONF")" == "$new_conf" ]] && port_ready; then
    log "already running (pid $pid), config unchanged"
    started=0
  else
    log "running (pid $pid) with other config or not answering — restarting"
    doveadm -c "$CONF" stop >/dev/null 2>&1 || kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do running_pid >/dev/null || break; sleep 0.1; done
    rm -f "$PIDFILE"
    started=1
  fi
else
  rm -f "$PIDFILE"
  started=1
fi

if [[ "$started" == 1 ]]; then
  printf '%s\n' "$new_conf" >"$CONF"
  err=$(doveconf -c "$CONF" -n 2>&1 >/dev/null) || die "config check failed: $err"
  log "starting: dovecot -c $CONF"
  # dovecot keeps the stderr it was started with (master + log process): never let it
  # inherit ours, or `bash dovecot-up.sh 2>&1 | tee …` / CI log pipes never see EOF.
  dovecot -c "$CONF" </dev/null >>"$DOVECOT_DIR/log/start.log" 2>&1 \
    || { tail -20 "$DOVECOT_DIR/log/start.log" >&2; die "dovecot failed to start; see $DOVECOT_DIR/log/dovecot.log"; }
  ok=0
  for _ in $(seq 1 $((WAIT_SECS * 10))); do
    if port_ready; then ok=1; break; fi
    sleep 0.1
  done
  ((ok)) || { tail -20 "$DOVECOT_DIR/log/dovecot.log" >&2 || true; die "127.0.0.1:$IMAP_PORT did not answer within ${WAIT_SECS}s"; }
  log "up (pid $(running_pid || echo '?'))"
fi

first=${IMAP_USERS%% *}
if [[ "$IMAPS_PORT" == 0 ]]; then
  log "IMAP  127.0.0.1:$IMAP_PORT (plain, no STARTTLS)   users: $IMAP_USERS"
else
  log "IMAP  127.0.0.1:$IMAP_PORT (plain, STARTTLS offered: imapflow needs doSTARTTLS:false or tls.ca)   users: $IMAP_USERS"
  log "IMAPS 127.0.0.1:$IMAPS_PORT (self-signed; trust $DOVECOT_DIR/ssl/cert.pem with servername 'localhost')"
fi
[[ "$LMTP_PORT" == 0 ]] || log "LMTP  127.0.0.1:$LMTP_PORT (nodemailer: {host,port,lmtp:true}; rcpt user@anything -> user)"
log "log: $DOVECOT_DIR/log/dovecot.log   maildirs: $DOVECOT_DIR/mail/<user>"

# machine-readable settings (stdout)
cat <<EOF
export IMAP_HOST=127.0.0.1
export IMAP_PORT=$IMAP_PORT
export IMAP_TLS=false
export IMAPS_PORT=$IMAPS_PORT
export LMTP_PORT=$LMTP_PORT
export IMAP_USER=${first%%:*}
export IMAP_PASS=${first#*:}
export IMAP_USERS='$IMAP_USERS'
export IMAP_TLS_CA=$([[ "$IMAPS_PORT" == 0 ]] || echo "$DOVECOT_DIR/ssl/cert.pem")
export DOVECOT_DIR=$DOVECOT_DIR
export DOVECOT_CONF=$CONF
EOF
