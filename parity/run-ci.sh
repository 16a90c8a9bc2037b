#!/usr/bin/env bash
# Differential parity check for CI: builds the TypeScript reference (idempotent), then runs a bounded
# number of generated cases with a fixed seed against the already built Java CLI.
#
#   PARITY_CASES   number of cases (default 150)
#   PARITY_SEED    seed (default 20260227)
#   PARITY_JOBS    parallel jobs (default 2)
#   PARITY_KEEP    directory to keep failing cases in (default: target/parity-failures)
#   PARITY_LANG    LANG for both tools (default: unset, as the brief's clean environment)
#
# Runs ours through bin/ralph-resume, the documented entry point. Assumes the jar was built
# (./mvnw -q package -DskipTests). Exits non-zero when a case fails.
set -euo pipefail

root="$(git -C "$(dirname "${BASH_SOURCE[0]}")" rev-parse --show-toplevel)"
cd "$root"

jar="app-cli/target/ralph-resume.jar"
[ -f "$jar" ] || { echo "run-ci.sh: $jar is missing; build it first (./mvnw -q package -DskipTests)" >&2; exit 2; }
command -v node >/dev/null || { echo "run-ci.sh: node (>= 18) is required" >&2; exit 2; }

bash "$root/../shared/reference/setup.sh" >&2

args=(--cases "${PARITY_CASES:-150}" --seed "${PARITY_SEED:-20260227}" --jobs "${PARITY_JOBS:-2}"
      --keep-failures "${PARITY_KEEP:-$root/target/parity-failures}"
      --ref "$root/../shared/reference/ralph-resume-reference"
      --ours "'$root/bin/ralph-resume'")
if [ -n "${PARITY_LANG:-}" ]; then args+=(--lang "$PARITY_LANG"); fi

unset TMUX TMUX_PANE
exec node "$root/parity/run.mjs" "${args[@]}"
