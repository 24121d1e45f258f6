# apt-ensure.sh — sourced by the *-up.sh scripts that install Debian packages a test or a role
# needs: `apt_ensure TAG PKG...` installs the packages (root only), updating the package lists once
# if the first try fails (stale on a fresh machine). Logs to stderr; returns non-zero on failure.
apt_ensure() {
  local tag=$1; shift
  [[ $# == 0 ]] && return 0
  if [[ $(id -u) != 0 ]]; then echo "[$tag] need root to apt-get install $*" >&2; return 1; fi
  local apt_log
  apt_log=$(mktemp "/tmp/$tag-apt.XXXXXX.log")
  echo "[$tag] installing $* (apt, log: $apt_log)…" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q --no-install-recommends "$@" >"$apt_log" 2>&1 \
    || { apt-get update -qq >>"$apt_log" 2>&1 && apt-get install -y -q --no-install-recommends "$@" >>"$apt_log" 2>&1; } \
    || { tail -20 "$apt_log" >&2; echo "[$tag] apt-get install $* failed" >&2; return 1; }
  echo "[$tag] installed $*" >&2
}
