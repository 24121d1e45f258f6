#!/usr/bin/env bash
# browser-up.sh — Debian's Chromium and CJK fonts for the dashboard's browser test
# (test/integration/dashboard-browser.test.ts) and its screenshots: installed with apt when
# missing (needs root; CI runs as root). Prints nothing on stdout; exits non-zero on failure.
set -euo pipefail
log() { echo "[browser-up] $*" >&2; }

need_pkgs=()
[[ -x /usr/bin/chromium ]] || need_pkgs+=(chromium)
# Without a CJK font the screenshots show boxes instead of Chinese.
fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || need_pkgs+=(fonts-noto-cjk)
[[ ${#need_pkgs[@]} == 0 ]] && exit 0

[[ $(id -u) == 0 ]] || { log "need root to apt-get install ${need_pkgs[*]}"; exit 1; }
apt_log=$(mktemp /tmp/browser-up-apt.XXXXXX.log)
log "installing ${need_pkgs[*]} (apt, log: $apt_log)…"
export DEBIAN_FRONTEND=noninteractive
# The package lists may be stale on a fresh machine: update once if the first try fails.
apt-get install -y -q --no-install-recommends "${need_pkgs[@]}" >"$apt_log" 2>&1 \
  || { apt-get update -qq >>"$apt_log" 2>&1 && apt-get install -y -q --no-install-recommends "${need_pkgs[@]}" >>"$apt_log" 2>&1; } \
  || { tail -20 "$apt_log" >&2; log "apt-get install ${need_pkgs[*]} failed"; exit 1; }
log "installed ${need_pkgs[*]}"
