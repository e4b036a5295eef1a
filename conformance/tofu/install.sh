#!/usr/bin/env bash
# Builds OpenTofu's tofu and the HashiCorp AWS provider from the Go module proxy (no release download,
# no registry), lays the provider out as a filesystem mirror and writes a CLI configuration that installs
# hashicorp/aws from that mirror only. Idempotent: what is already built for the pinned versions is kept.
# Versions: ../versions.env (the one file of pinned validator versions) and the tools modules tools/tofu and tools/aws beside this file.
# Cache: $SPECQL_TOOLS or ~/.cache/specql-deploy/tools (binaries, ~1 GB); Go's GOCACHE/GOMODCACHE as set.
# Afterwards: TF_CLI_CONFIG_FILE="$tools/tofu.rc" "$tools/bin/tofu" init -backend=false (works offline).
# Cold cost on this 2-core machine (README.md): tofu ~2-3 min; the AWS provider ~22 min, 9 GB peak RSS
# (its link step), 8 GB of GOCACHE and 1.4 GB of GOMODCACHE.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../versions.env
source "$here/../versions.env"
# shellcheck source-path=SCRIPTDIR source=../cache-lock.sh
source "$here/../cache-lock.sh"
tools=${SPECQL_TOOLS:-$HOME/.cache/specql-deploy/tools}
lock_tools_cache "$tools"
mkdir -p "$tools/bin"

# The builds follow the upstream release builds: static, -trimpath, stripped, version stamped. They are
# reproducible: the same Go toolchain gives bit-identical binaries, hence the same lock-file h1: hash.
export CGO_ENABLED=0 GOTOOLCHAIN=local GOFLAGS="-mod=readonly -buildvcs=false"
platform="$(go env GOOS)_$(go env GOARCH)"

now_s() { date +%s; }

# require_version DIR MODULE EXPECTED: fails unless DIR/go.mod requires MODULE at EXPECTED.
require_version() {
  local required
  required=$(sed -n "s|^require $2 ||p" "$1/go.mod")
  if [ "$required" != "$3" ]; then
    echo "$1/go.mod requires $2 ${required:-(nothing)} but versions.env says $3" >&2
    exit 1
  fi
}

# module_key DIR: changes whenever the tools module in DIR (and so what it builds) changes.
module_key() { cat "$1/go.mod" "$1/go.sum" "$1/tools.go" | sha256sum | cut -c1-16; }

# tofu: built inside tools/tofu, whose replace and godebug lines are OpenTofu's own.
require_version "$here/tools/tofu" github.com/opentofu/opentofu "$TOFU_VERSION"
tofu="$tools/tofu/$TOFU_VERSION-$(module_key "$here/tools/tofu")/tofu"
start=$(now_s)
if [ ! -x "$tofu" ]; then
  mkdir -p "$(dirname "$tofu")"
  (cd "$here/tools/tofu" && go build -trimpath \
    -ldflags "-s -w -X 'github.com/opentofu/opentofu/version.dev=no'" \
    -o "$tofu.tmp" github.com/opentofu/opentofu/cmd/tofu)
  mv "$tofu.tmp" "$tofu"
  status=installed
else
  status=cached
fi
ln -sf "$tofu" "$tools/bin/tofu"
echo "tofu $TOFU_VERSION: $status in $(($(now_s) - start))s" >&2

# The AWS provider: built inside tools/aws, whose go and godebug lines are the provider's own
# (`go install module@version` would build it too, but drops its `godebug tlsmlkem=0`).
require_version "$here/tools/aws" github.com/hashicorp/terraform-provider-aws "$AWS_PROVIDER_MODULE_VERSION"
mirror="$tools/tofu-mirror/aws-$AWS_PROVIDER_VERSION-$(module_key "$here/tools/aws")"
provider="$mirror/registry.opentofu.org/hashicorp/aws/$AWS_PROVIDER_VERSION/$platform/terraform-provider-aws_v$AWS_PROVIDER_VERSION"
start=$(now_s)
if [ ! -x "$provider" ]; then
  mkdir -p "$(dirname "$provider")"
  (cd "$here/tools/aws" && go build -trimpath \
    -ldflags "-s -w -X 'github.com/hashicorp/terraform-provider-aws/version.ProviderVersion=$AWS_PROVIDER_VERSION'" \
    -o "$provider.tmp" github.com/hashicorp/terraform-provider-aws)
  mv "$provider.tmp" "$provider"
  status=installed
else
  status=cached
fi
echo "hashicorp/aws $AWS_PROVIDER_VERSION ($AWS_PROVIDER_MODULE_VERSION): $status in $(($(now_s) - start))s" >&2

# The CLI configuration: hashicorp/aws from the mirror only; any other provider would go to the registry,
# which is unreachable here, so a configuration that needs one fails at init instead of silently passing.
# The mirror uses the unpacked layout, so `tofu init` symlinks the provider instead of copying 900 MB.
cat >"$tools/tofu.rc" <<EOF
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["registry.opentofu.org/hashicorp/aws"]
  }
  direct {
    exclude = ["registry.opentofu.org/hashicorp/aws"]
  }
}
EOF
echo "CLI configuration: TF_CLI_CONFIG_FILE=$tools/tofu.rc" >&2
