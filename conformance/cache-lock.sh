# Sourced by the installers: one install at a time into a tools cache.
# shellcheck shell=bash

# lock_tools_cache DIR: holds DIR's lock until this process and its children end; a second install into the same
# cache waits here instead of racing on the same temporary files. Re-entrant: an installer started by one that
# holds the lock (install-tools.sh running tofu/install.sh) goes on without waiting for itself.
lock_tools_cache() {
  local dir=$1
  if [ "${SPECQL_TOOLS_LOCKED:-}" = "$dir" ]; then
    return 0
  fi
  mkdir -p "$dir" || return
  exec 9>"$dir/.install.lock" || return
  if ! flock --nonblock 9; then
    echo "Waiting for another install into $dir to finish ..." >&2
    flock 9 || return
  fi
  export SPECQL_TOOLS_LOCKED=$dir
}
