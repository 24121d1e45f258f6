#!/usr/bin/env bash
# ocr-up.sh — Debian's Tesseract (with Simplified Chinese) and poppler's pdftoppm/pdfimages for
# reading stamped scans (src/scan/): installed with apt when missing (needs root; CI runs as root).
# Without them the service still runs: scans are then not read (scan.text_source null) and start-up
# logs a warning. Prints nothing on stdout; exits non-zero on failure.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/apt-ensure.sh"

need_pkgs=()
command -v tesseract >/dev/null 2>&1 || need_pkgs+=(tesseract-ocr)
# The language data is a separate package: tesseract alone reads no Chinese.
[[ -n $(ls /usr/share/tesseract-ocr/*/tessdata/chi_sim.traineddata 2>/dev/null) ]] || need_pkgs+=(tesseract-ocr-chi-sim)
command -v pdftoppm >/dev/null 2>&1 && command -v pdfimages >/dev/null 2>&1 || need_pkgs+=(poppler-utils)
apt_ensure ocr-up "${need_pkgs[@]}"
