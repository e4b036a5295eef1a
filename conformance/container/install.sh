#!/usr/bin/env bash
# The container stage of install-tools.sh: a container engine, the Dockerfile frontend the generated Dockerfiles
# name, and a minimal Debian root to assemble stand-in base images from, all in the tools cache and all pinned
# (../versions.env). Idempotent: each part is rebuilt only when its pins change. Prints one status word on stdout
# (installed or cached) and its progress on stderr. The stand-in images themselves are built on first use by the
# runtime stage (runtime.py), from this root, under exactly the names the generated files use.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../versions.env
source "$here/../versions.env"
# shellcheck source-path=SCRIPTDIR source=../cache-lock.sh
source "$here/../cache-lock.sh"
tools=${SPECQL_TOOLS:-$HOME/.cache/specql-deploy/tools}
lock_tools_cache "$tools"
container=$tools/container
mkdir -p "$container"
status=cached

key_of() {
  printf '%s\n' "$@" | sha256sum | cut -c1-12
}

# private_apt ARGS...: apt-get with its own sources, lists and archives in the cache, so nothing of the host's
# apt state is read or changed. Debian's archive keyring verifies the suites' Release files.
private_apt() {
  local apt=$container/apt
  mkdir -p "$apt/state/lists/partial" "$apt/cache/archives/partial"
  local suite keyring=/usr/share/keyrings/debian-archive-keyring.gpg
  : > "$apt/sources.list"
  for suite in trixie bookworm; do
    printf 'deb [signed-by=%s] http://deb.debian.org/debian %s main\n' "$keyring" "$suite" "$keyring" "$suite-updates" >> "$apt/sources.list"
    printf 'deb [signed-by=%s] http://deb.debian.org/debian-security %s-security main\n' "$keyring" "$suite" >> "$apt/sources.list"
  done
  apt-get -q -o Dir::Etc::SourceList="$apt/sources.list" -o Dir::Etc::SourceParts=/dev/null \
    -o Dir::State="$apt/state" -o Dir::State::status=/dev/null -o Dir::Cache="$apt/cache" \
    -o Dir::Etc::Preferences=/dev/null -o Dir::Etc::PreferencesParts=/dev/null -o Acquire::Languages=none \
    -o APT::Sandbox::User=root "$@"
}

# engine: dockerd, its client and plugins, containerd, runc, tini, iptables and debootstrap, unpacked.
engine() {
  local key target
  key=$(key_of "$CONTAINER_TRIXIE_DEBS" "$CONTAINER_BOOKWORM_DEBS")
  target=$container/engine-$key
  if [ ! -f "$target/.complete" ]; then
    echo "container: downloading the engine's Debian packages ..." >&2
    rm -rf "$target" "$target.tmp"
    mkdir -p "$target.tmp/debs" "$target.tmp/root" "$target.tmp/bin"
    private_apt update >&2
    # shellcheck disable=SC2086 # the pins are space-separated package=version words
    (cd "$target.tmp/debs" && private_apt download $CONTAINER_TRIXIE_DEBS $CONTAINER_BOOKWORM_DEBS) >&2 || {
      echo "container: a pinned package is no longer on deb.debian.org; move its pin in conformance/versions.env" >&2
      return 1
    }
    local deb
    for deb in "$target.tmp"/debs/*.deb; do
      dpkg-deb --extract "$deb" "$target.tmp/root"
    done
    rm -rf "$target.tmp/debs"
    # The names dockerd calls, as Debian's alternatives would set them: iptables on its nft backend.
    local name
    for name in iptables iptables-save iptables-restore ip6tables ip6tables-save ip6tables-restore; do
      ln -s ../root/usr/sbin/xtables-nft-multi "$target.tmp/bin/$name"
    done
    ln -s ../root/usr/bin/docker "$target.tmp/bin/docker"
    mkdir -p "$target.tmp/docker-config/cli-plugins"
    touch "$target.tmp/.complete"
    mv "$target.tmp" "$target"
    status=installed
  fi
  ln -sfn "engine-$key" "$container/engine"
  # The client finds its plugins (buildx, compose) in DOCKER_CONFIG; engine.sh points it here.
  mkdir -p "$container/docker-config/cli-plugins"
  ln -sf "$container/engine/root/usr/libexec/docker/cli-plugins/docker-buildx" "$container/docker-config/cli-plugins/"
  ln -sf "$container/engine/root/usr/libexec/docker/cli-plugins/docker-compose" "$container/docker-config/cli-plugins/"
}

# frontend: BuildKit's Dockerfile frontend, built from its Go module. BuildKit runs it as an image; runtime.py
# imports it under the `# syntax=` name with the labels BuildKit reads.
frontend() {
  local target=$container/frontend-$DOCKERFILE_FRONTEND_VERSION
  if [ -x "$target/dockerfile-frontend" ]; then
    return 0
  fi
  echo "container: building BuildKit's Dockerfile frontend $DOCKERFILE_FRONTEND_VERSION ..." >&2
  local source
  source=$(go mod download -json "github.com/moby/buildkit@$BUILDKIT_MODULE_VERSION" | python3 -c 'import json, sys; print(json.load(sys.stdin)["Dir"])')
  rm -rf "$target.tmp"
  mkdir -p "$target.tmp"
  cp -r "$source" "$target.tmp/src"
  chmod -R u+w "$target.tmp/src"
  (cd "$target.tmp/src" && CGO_ENABLED=0 GOFLAGS=-mod=mod go build -trimpath -o "$target.tmp/dockerfile-frontend" \
    -tags "netgo static_build osusergo" \
    -ldflags "-s -w -X main.Version=$DOCKERFILE_FRONTEND_VERSION -X main.Package=github.com/moby/buildkit/frontend/dockerfile/cmd/dockerfile-frontend" \
    ./frontend/dockerfile/cmd/dockerfile-frontend) >&2
  rm -rf "$target.tmp/src" "$target"
  mv "$target.tmp" "$target"
  status=installed
}

# rootfs SUITE: a minimal Debian root (debootstrap --variant=minbase), trimmed as the official slim images are,
# packed as a tar for `docker import`. The stand-ins add their packages on top with apt.
rootfs() {
  local suite=$1
  local target=$container/rootfs-$suite.tar
  if [ -f "$target" ]; then
    return 0
  fi
  echo "container: assembling a minimal Debian $suite root ..." >&2
  local root=$container/rootfs-$suite.tmp engine_root=$container/engine/root
  rm -rf "$root"
  DEBOOTSTRAP_DIR=$engine_root/usr/share/debootstrap "$engine_root/usr/sbin/debootstrap" --variant=minbase \
    --keyring=/usr/share/keyrings/debian-archive-keyring.gpg "$suite" "$root" http://deb.debian.org/debian >&2
  # The apt sources of the official images: the suite, its updates and its security archive (sid has neither).
  if [ "$suite" = sid ]; then
    printf 'deb http://deb.debian.org/debian sid main\n' > "$root/etc/apt/sources.list"
  else
    printf 'deb http://deb.debian.org/debian %s main\ndeb http://deb.debian.org/debian %s-updates main\ndeb http://deb.debian.org/debian-security %s-security main\n' \
      "$suite" "$suite" "$suite" > "$root/etc/apt/sources.list"
  fi
  rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb \
    "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/var/log/*.log
  find "$root/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} +
  tar --numeric-owner -C "$root" -cf "$target.tmp" .
  rm -rf "$root"
  mv "$target.tmp" "$target"
  status=installed
}

engine
frontend
for suite in $STANDIN_SUITES; do
  rootfs "$suite"
done
echo "$status"
