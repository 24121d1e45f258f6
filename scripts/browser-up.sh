#!/usr/bin/env bash
# browser-up.sh — Debian's Chromium and CJK fonts for the dashboard's browser test
# (test/integration/dashboard-browser.test.ts) and its screenshots: installed with apt when
# missing (needs root; CI runs as root). Prints nothing on stdout; exits non-zero on failure.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/apt-ensure.sh"

need_pkgs=()
[[ -x /usr/bin/chromium ]] || need_pkgs+=(chromium)
# Without a CJK font the screenshots show boxes instead of Chinese.
fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || need_pkgs+=(fonts-noto-cjk)
apt_ensure browser-up "${need_pkgs[@]}"
