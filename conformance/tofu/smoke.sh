#!/usr/bin/env bash
# Proves the tofu + AWS provider install works offline: copies smoke/ to a scratch directory and runs
# tofu fmt -check, init -backend=false, validate and test (with mock_provider) against the mirrored provider.
# As root, each tofu command runs in a fresh network namespace (unshare --net: loopback only), so any
# attempt to reach a registry fails. Run install.sh first. Cache: $SPECQL_TOOLS or ~/.cache/specql-deploy/tools.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../versions.env
source "$here/../versions.env"
tools=${SPECQL_TOOLS:-$HOME/.cache/specql-deploy/tools}
export TF_CLI_CONFIG_FILE="$tools/tofu.rc" TF_IN_AUTOMATION=1 TF_INPUT=0

if ! grep -q "version *= *\"$AWS_PROVIDER_VERSION\"" "$here/smoke/main.tf"; then
  echo "smoke/main.tf must pin hashicorp/aws to the mirrored $AWS_PROVIDER_VERSION" >&2
  exit 1
fi

offline=()
if unshare --net true 2>/dev/null; then
  offline=(unshare --net)
  echo "running tofu with no network (unshare --net)" >&2
else
  echo "unshare --net is not allowed here: running tofu with the network as it is" >&2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -R "$here/smoke/." "$work/"
cd "$work"

passed=0 failed=0
step() {
  echo "== tofu $*" >&2
  if "${offline[@]}" "$tools/bin/tofu" "$@" -no-color >&2; then
    passed=$((passed + 1))
  else
    echo "FAILED: tofu $*" >&2
    failed=$((failed + 1))
  fi
}

step fmt -check -recursive
step init -backend=false
step validate
step test
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
