#!/usr/bin/env bash
# The installer's own guarantees, checked on copies of it whose slow step (tofu/install.sh) is replaced, against
# the real cache (run after install-tools.sh, every other step is then cached and this takes seconds):
# a failing step fails the install with its exit code and a FAILED row, and two installs at once take turns.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
export SPECQL_TOOLS=${SPECQL_TOOLS:-$HOME/.cache/specql-deploy/tools}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# installer NAME STEP: a copy of the installer in $work/NAME whose tofu step runs STEP.
installer() {
  mkdir -p "$work/$1/tofu"
  cp -r "$here/install-tools.sh" "$here/versions.env" "$here/cache-lock.sh" "$here/compose-check" "$here/dashboard-check" "$here/alloy-check" "$here/k8s-check" "$here/apiserver-check" "$here/container" "$work/$1/"
  printf '#!/usr/bin/env bash\n%s\n' "$2" > "$work/$1/tofu/install.sh"
  chmod +x "$work/$1/tofu/install.sh"
}

fail() {
  echo "installer-test: $*" >&2
  exit 1
}

installer failing 'echo "building tofu ..." >&2; exit 3'
rc=0
"$work/failing/install-tools.sh" > "$work/failing.out" 2>&1 || rc=$?
[ "$rc" -eq 3 ] || fail "a failing tofu step must fail the install with its code 3, got $rc: $(cat "$work/failing.out")"
grep -q 'tofu+aws .* FAILED(3)' "$work/failing.out" || fail "no FAILED row for the failing step: $(cat "$work/failing.out")"
if grep -q 'tofu+aws .* ready' "$work/failing.out"; then
  fail "the failing step was reported ready"
fi
echo "installer-test: a failing step fails the install (exit 3, FAILED row)"

# Each copy's tofu step writes its start and end; with the lock the two intervals cannot overlap.
installer slow "echo \"\$\$ start \$(date +%s%N)\" >> '$work/steps'; sleep 2; echo \"\$\$ end \$(date +%s%N)\" >> '$work/steps'"
"$work/slow/install-tools.sh" > "$work/first.out" 2>&1 &
first=$!
sleep 0.5
"$work/slow/install-tools.sh" > "$work/second.out" 2>&1 || fail "the second install failed: $(cat "$work/second.out")"
wait "$first" || fail "the first install failed: $(cat "$work/first.out")"
grep -q "Waiting for another install" "$work/second.out" || fail "the second install did not wait: $(cat "$work/second.out")"
python3 - "$work/steps" <<'PY' || fail "the two installs ran their steps at the same time: $(cat "$work/steps")"
import sys
events = [line.split() for line in open(sys.argv[1])]
assert [e[1] for e in events] == ["start", "end", "start", "end"], events
assert events[0][0] == events[1][0] and events[2][0] == events[3][0], events
PY
echo "installer-test: two installs at once take turns on the cache's lock"
