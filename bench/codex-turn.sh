#!/usr/bin/env bash
# A hook's share of a real Codex turn: the Codex CLI (@openai/codex, the version the end-to-end
# tests use) runs `codex exec resume` turns against the test suite's mock of the Responses API
# (MockResponsesApi: it answers at once, so a turn here is Codex's own overhead plus the hooks;
# with a real model a turn is seconds to minutes longer, and the share smaller).
#
#   bench/codex-turn.sh [--runs N]
#
# Two setups, their turns interleaved (A B A B ...) so that load from elsewhere hits both alike:
#   without  no hooks.json at all
#   with     the three hooks `install codex` writes (SessionStart, UserPromptSubmit, Stop)
# The project holds the case every turn but the first after a resume meets: the current OMX
# session already owns the active loop. It also times `ralph-resume hook` alone, with a Stop
# event on stdin, run by bash as Codex runs it. Prints medians and the hooks' share of a turn:
# (with - without) / with. Needs a build (app-cli/target, test classes included: ./mvnw verify or
# package), node, and the Codex CLI at $RALPH_RESUME_CODEX or where .ci/run installs it.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=15
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    -h|--help) sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/codex-turn.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

codex_version=0.171.0
codex=${RALPH_RESUME_CODEX:-${XDG_CACHE_HOME:-$HOME/.cache}/ralph-resume-ci/codex-$codex_version/node_modules/.bin/codex}
if ! "$codex" --version >/dev/null 2>&1; then
  echo "bench/codex-turn.sh: no codex at $codex; install it with:" >&2
  echo "  npm install --prefix \"\${XDG_CACHE_HOME:-\$HOME/.cache}/ralph-resume-ci/codex-$codex_version\" @openai/codex@$codex_version" >&2
  exit 1
fi
classes=$here/app-cli/target/test-classes
if [ ! -f "$classes/io/github/ralphresume/app/cli/MockResponsesApi.class" ] \
  || [ ! -f "$here/app-cli/target/ralph-resume.jar" ]; then
  echo "bench/codex-turn.sh: build first (./mvnw -pl app-cli -am package -DskipTests=false)" >&2
  exit 1
fi
launcher=$here/bin/ralph-resume

work=$(mktemp -d "${TMPDIR:-/tmp}/ralph-codex-turn.XXXXXX")
mock_pid=
cleanup() {
  [ -z "$mock_pid" ] || kill "$mock_pid" 2>/dev/null || true
  rm -rf -- "$work"
}
trap cleanup EXIT

java -cp "$classes" io.github.ralphresume.app.cli.MockResponsesApi > "$work/port" &
mock_pid=$!
for _ in $(seq 1 100); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(head -n 1 "$work/port")

home=$work/codex-home
project=$work/project
mkdir -p "$home" "$project/.omx/state/sessions/omx-b"
cat > "$home/config.toml" <<EOF
model = "mock-model"
model_provider = "mock"
approval_policy = "never"
sandbox_mode = "read-only"

[model_providers.mock]
name = "mock"
base_url = "http://127.0.0.1:$port/v1"
wire_api = "responses"
requires_openai_auth = false
request_max_retries = 0
stream_max_retries = 0

[features]
unbounded_connection_retries = false
plugins = false
remote_plugin = false
apps = false

[analytics]
enabled = false
EOF

export CODEX_HOME=$home OMX_SESSION_ID=omx-b TMUX_TMPDIR=$work
unset TMUX_PANE TMUX
cd "$project"
turn() { "$codex" exec --json --skip-git-repo-check --dangerously-bypass-hook-trust "$@" </dev/null; }

# The conversation, then the loop it owns in the current OMX session, as OMX writes it.
session=$(turn "start" 2>/dev/null | sed -n 's/.*"thread_id":"\([^"]*\)".*/\1/p' | head -n 1)
[ -n "$session" ] || { echo "bench/codex-turn.sh: codex exec failed" >&2; exit 1; }
now=$(date -u +%Y-%m-%dT%H:%M:%S.000Z)
cat > .omx/state/sessions/omx-b/ralph-state.json <<EOF
{
  "active": true,
  "iteration": 1,
  "max_iterations": 10,
  "current_phase": "executing",
  "updated_at": "$now",
  "owner_omx_session_id": "omx-b",
  "owner_codex_session_id": "$session"
}
EOF

"$launcher" install codex --dry-run > "$work/hooks.json" 2>/dev/null
payload="{\"session_id\":\"$session\",\"cwd\":\"$project\",\"hook_event_name\":\"Stop\"}"
# One run records the launcher's class-data archive, as the first hook after a build does.
printf '%s' "$payload" | bash -c "'$launcher' hook"

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
: > "$work/without"; : > "$work/with"; : > "$work/hook"
for i in $(seq 1 "$runs"); do
  rm -f "$home/hooks.json"
  start=$(date +%s%N); turn resume "$session" "turn $i" >/dev/null 2>&1; ms "$start" >> "$work/without"
  cp "$work/hooks.json" "$home/hooks.json"
  start=$(date +%s%N); turn resume "$session" "turn $i" >/dev/null 2>&1; ms "$start" >> "$work/with"
  start=$(date +%s%N); printf '%s' "$payload" | bash -c "'$launcher' hook"; ms "$start" >> "$work/hook"
done

median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
without=$(median "$work/without"); with=$(median "$work/with"); hook=$(median "$work/hook")
echo "| runs | turn without hooks | turn with the three hooks | one hook alone | hooks' share of a turn |"
echo "| ---: | ---: | ---: | ---: | ---: |"
echo "| $runs | $without ms | $with ms | $hook ms | $(( (with - without) * 100 / with )) % |"
