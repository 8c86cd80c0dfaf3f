#!/usr/bin/env bash
# Whether the distribution name is free (or already ours) on the three
# registries: the Rust registry, PyPI and npm. Needs the network, so it is
# run by hand (README, "Names"), not by the test run:
#
#   scripts/check-names.sh            # cme-pdp
#   scripts/check-names.sh other-name
set -uo pipefail
name=${1:-cme-pdp}
cd "$(dirname "$0")/.."
taken=0
# Outside the workspace: inside it, `cargo info` finds our own crate.
if (cd "$(mktemp -d)" && cargo info "$name" >/dev/null 2>&1); then echo "Rust registry: $name is taken"; taken=1
else echo "Rust registry: $name is free"; fi
py=$( [ -x .venv/bin/pip ] && echo "$PWD/.venv/bin/pip" || echo pip3 )
if $py index versions "$name" >/dev/null 2>&1; then echo "PyPI: $name is taken"; taken=1
else echo "PyPI: $name is free"; fi
if npm view "$name" name >/dev/null 2>&1; then echo "npm: $name is taken"; taken=1
else echo "npm: $name is free"; fi
exit $taken
