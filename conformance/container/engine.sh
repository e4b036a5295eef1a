# Sourced: starts and stops the container engine the container stage unpacked into the tools cache, with its
# state (images, build cache, volumes) in the cache too, so a warm run reuses images and layers.
# shellcheck shell=bash

container_dir=${SPECQL_TOOLS:-$HOME/.cache/specql-deploy/tools}/container
engine_run=$container_dir/run

# engine_env: the client's environment. The daemon's own variables stay on the daemon's command line.
engine_env() {
  export DOCKER_HOST=unix://$engine_run/docker.sock
  export DOCKER_CONFIG=$container_dir/docker-config
  export PATH=$container_dir/engine/bin:$PATH
  # docker compose v2.26 builds through buildx; "bake" needs a newer buildx than Debian's 0.13.
  export COMPOSE_BAKE=false
}

engine_up() {
  docker version >/dev/null 2>&1
}

# engine_start: starts dockerd unless one already answers on the socket. Records the host's firewall rules and
# forwarding switch first, which dockerd changes and engine_stop puts back.
engine_start() {
  engine_env
  if engine_up; then
    return 0
  fi
  local root=$container_dir/engine/root
  if [ ! -x "$root/usr/sbin/dockerd" ]; then
    echo "engine: no container engine in $container_dir/engine (run conformance/install-tools.sh)" >&2
    return 1
  fi
  mkdir -p "$engine_run" "$container_dir/docker" || return
  local iptables
  for iptables in iptables ip6tables; do
    engine_xtables "$iptables-save" > "$engine_run/$iptables.before" || return
  done
  cat /proc/sys/net/ipv4/ip_forward > "$engine_run/ip_forward.before" || return
  if ip link show docker0 >/dev/null 2>&1; then rm -f "$engine_run/docker0.added"; else touch "$engine_run/docker0.added"; fi
  setsid env PATH="$container_dir/engine/bin:$root/usr/sbin:$root/usr/bin:$PATH" \
    LD_LIBRARY_PATH="$root/usr/lib/x86_64-linux-gnu" XTABLES_LIBDIR="$root/usr/lib/x86_64-linux-gnu/xtables" \
    "$root/usr/sbin/dockerd" --data-root "$container_dir/docker" --exec-root "$engine_run/exec" \
    --pidfile "$engine_run/dockerd.pid" --host "$DOCKER_HOST" --group root \
    --userland-proxy-path "$root/usr/sbin/docker-proxy" --init-path "$root/usr/bin/docker-init" \
    > "$engine_run/dockerd.log" 2>&1 < /dev/null &
  local waited=0
  until engine_up; do
    if [ "$waited" -ge 60 ]; then
      echo "engine: dockerd did not answer within 30 s; its log:" >&2
      tail -20 "$engine_run/dockerd.log" >&2
      return 1
    fi
    sleep 0.5
    waited=$((waited + 1))
  done
}

# engine_xtables COMMAND ARGS...: the unpacked iptables (nft backend) with its libraries.
engine_xtables() {
  local root=$container_dir/engine/root
  LD_LIBRARY_PATH="$root/usr/lib/x86_64-linux-gnu" XTABLES_LIBDIR="$root/usr/lib/x86_64-linux-gnu/xtables" \
    "$container_dir/engine/bin/$1" "${@:2}"
}

# engine_stop: stops the dockerd engine_start started, and restores the firewall, forwarding and bridge as they were.
engine_stop() {
  local pidfile=$engine_run/dockerd.pid
  if [ -f "$pidfile" ]; then
    local pid
    pid=$(cat "$pidfile")
    kill "$pid" 2>/dev/null || true
    local waited=0
    while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt 60 ]; do
      sleep 0.5
      waited=$((waited + 1))
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "engine: dockerd $pid did not stop in 30 s; killing it" >&2
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$pidfile"
  fi
  local iptables table
  for iptables in iptables ip6tables; do
    if [ -f "$engine_run/$iptables.before" ]; then
      if [ -s "$engine_run/$iptables.before" ]; then
        engine_xtables "$iptables-restore" < "$engine_run/$iptables.before"
      else
        for table in filter nat; do
          engine_xtables "$iptables" -t "$table" -F 2>/dev/null || true
          engine_xtables "$iptables" -t "$table" -X 2>/dev/null || true
        done
        engine_xtables "$iptables" -P FORWARD ACCEPT 2>/dev/null || true
      fi
      rm -f "$engine_run/$iptables.before"
    fi
  done
  if [ -f "$engine_run/docker0.added" ]; then
    ip link delete docker0 2>/dev/null || true
    rm -f "$engine_run/docker0.added"
  fi
  if [ -f "$engine_run/ip_forward.before" ]; then
    cat "$engine_run/ip_forward.before" > /proc/sys/net/ipv4/ip_forward
    rm -f "$engine_run/ip_forward.before"
  fi
}
