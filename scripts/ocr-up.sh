#!/usr/bin/env bash
# ocr-up.sh — Debian's Tesseract (with Simplified Chinese) and poppler's pdftoppm/pdfimages for
# reading stamped scans (src/scan/): installed with apt when missing (needs root; CI runs as root).
# Without them the service still runs: scans are then not read (scan.text_source null) and start-up
# logs a warning. Prints nothing on stdout; exits non-zero on failure.
set -euo pipefail
log() { echo "[ocr-up] $*" >&2; }

need_pkgs=()
command -v tesseract >/dev/null 2>&1 || need_pkgs+=(tesseract-ocr)
# The language data is a separate package: tesseract alone reads no Chinese.
[[ -n $(ls /usr/share/tesseract-ocr/*/tessdata/chi_sim.traineddata 2>/dev/null) ]] || need_pkgs+=(tesseract-ocr-chi-sim)
command -v pdftoppm >/dev/null 2>&1 && command -v pdfimages >/dev/null 2>&1 || need_pkgs+=(poppler-utils)
[[ ${#need_pkgs[@]} == 0 ]] && exit 0

[[ $(id -u) == 0 ]] || { log "need root to apt-get install ${need_pkgs[*]}"; exit 1; }
apt_log=$(mktemp /tmp/ocr-up-apt.XXXXXX.log)
log "installing ${need_pkgs[*]} (apt, log: $apt_log)…"
export DEBIAN_FRONTEND=noninteractive
# The package lists may be stale on a fresh machine: update once if the first try fails.
apt-get install -y -q --no-install-recommends "${need_pkgs[@]}" >"$apt_log" 2>&1 \
  || { apt-get update -qq >>"$apt_log" 2>&1 && apt-get install -y -q --no-install-recommends "${need_pkgs[@]}" >>"$apt_log" 2>&1; } \
  || { tail -20 "$apt_log" >&2; log "apt-get install ${need_pkgs[*]} failed"; exit 1; }
log "installed ${need_pkgs[*]}"
