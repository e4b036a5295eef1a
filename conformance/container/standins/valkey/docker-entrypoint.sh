#!/usr/bin/env bash
# The stand-in valkey image's entrypoint: the server as the valkey user, without protected mode (as the official
# image builds it), every other argument as given.
set -euo pipefail

if [ "${1:-}" = valkey-server ] && [ "$(id -u)" = 0 ]; then
  chown -R valkey:valkey /data
  exec setpriv --reuid valkey --regid valkey --init-groups "$0" "$@"
fi
if [ "${1:-}" = valkey-server ]; then
  exec "$@" --protected-mode no
fi
exec "$@"
