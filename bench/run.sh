#!/usr/bin/env bash
# Whole-process benchmark of the notify hook's reconcile (issue #7): our CLI through the checkout's
# launcher, the installed tool (the runtime image with its built-in class-data archive), the
# TypeScript original, and the `cat` floor (reading the same files), side by side in one run, for
# state dirs of several sizes. Prints a markdown table of medians, ratios and peak RSS.
#
#   bench/run.sh [--sizes "1 1000 10000 100000"] [--runs N] [--warmup N] [--rounds N]
#                [--rss-runs N] [--big-runs N] [--no-resume] [--build] [--out DIR]
#                [--installed BIN | --no-installed]
#
# The installed tool is dist/target's tarball unpacked into the output dir (built with
# `./mvnw -Pdist package -DskipTests` when missing or with --build), or the ralph-resume named by
# --installed (e.g. /opt/ralph-resume/bin/ralph-resume after installing the .deb).
#
# Sizes of 50,000 sessions and more run --big-runs times per round (default 3) with one warmup
# run and at most 3 RSS runs: the original takes over 10 s there.
#
# Every size runs the "no match" case: the current OMX session (OMX_SESSION_ID) has no document
# and the payload's Codex session owns no loop, so every document is read and judged and nothing
# is written: all runs see the same files. Size 1 also runs the "resume" case (one matching loop
# moves into the current session; hyperfine --prepare restores the state dir before each run) and
# the "active" case (every later turn: the current session owns the loop; nothing is written).
# Each JVM run is cold (a new process); the launcher's class-data archive is created by a priming
# run first, as it is after the first hook of a build. The page cache is warm for all three.
#
# Rounds: hyperfine runs one command's runs back to back, so a burst of load from elsewhere can
# land on one tool only. Each round runs all three in a rotated order, and the medians pool all
# rounds. Needs hyperfine, GNU time and node (installed with apt-get when run as root).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sizes="1 1000 10000"
runs=15
warmup=3
rounds=3
rss_runs=5
big_runs=3
resume=1
build=0
installed=auto
out="$here/bench/out"

while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --rss-runs) rss_runs="$2"; shift 2 ;;
    --big-runs) big_runs="$2"; shift 2 ;;
    --no-resume) resume=0; shift ;;
    --build) build=1; shift ;;
    --installed) installed="$2"; shift 2 ;;
    --no-installed) installed=none; shift ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,30p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/run.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

say() { echo "bench: $*" >&2; }

# --- tools -----------------------------------------------------------------------------------
missing=()
command -v hyperfine >/dev/null 2>&1 || missing+=(hyperfine)
[ -x /usr/bin/time ] || missing+=(time)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing ${missing[*]}"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "bench/run.sh: missing ${missing[*]}; install them (Debian: apt-get install ${missing[*]})" >&2
    exit 1
  fi
fi

# --- the contenders --------------------------------------------------------------------------
ours="$here/bin/ralph-resume"
if [ "$build" = 1 ] || [ ! -f "$here/app-cli/target/ralph-resume.jar" ]; then
  say "building the CLI"
  (cd "$here" && ./mvnw -q -B -o install -DskipTests -pl app-cli -am >&2 \
    || ./mvnw -q -B install -DskipTests -pl app-cli -am >&2)
fi
# The installed tool, unpacked fresh from the tarball as a user would (its first run is measured
# like any other: there is nothing to prime).
if [ "$installed" = auto ]; then
  version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$here/pom.xml" | head -n 1)
  tarball="$here/dist/target/ralph-resume-$version-linux-x64.tar.gz"
  if [ "$build" = 1 ] || [ ! -f "$tarball" ]; then
    say "building the packages (./mvnw -Pdist package)"
    (cd "$here" && ./mvnw -q -B -Pdist package -DskipTests -pl dist -am >&2)
  fi
  rm -rf "$out/installed" && mkdir -p "$out/installed"
  tar -xzf "$tarball" -C "$out/installed"
  installed="$out/installed/ralph-resume-$version/bin/ralph-resume"
fi
if [ "$installed" != none ] && [ ! -x "$installed" ]; then
  echo "bench/run.sh: $installed is not an executable ralph-resume" >&2
  exit 1
fi
reference="$here/../shared/reference/ralph-resume-reference"
[ -x "$reference" ] || { echo "bench/run.sh: $reference not found" >&2; exit 1; }
ref_home="${RALPH_REFERENCE_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/ralph-reference}"
if [ ! -f "$ref_home/current/package/dist/scripts/notify-hook/ralph-session-resume-seed.js" ]; then
  say "building the original (../shared/reference/setup.sh)"
  "$here/../shared/reference/setup.sh" >&2
fi

mkdir -p "$out/data" "$out/results"
# Each tool sees only this environment (no TMUX_PANE: the original is never asked to use tmux).
base_env=(env -i "PATH=$PATH" "HOME=$HOME")
[ -n "${XDG_CACHE_HOME:-}" ] && base_env+=("XDG_CACHE_HOME=$XDG_CACHE_HOME")
[ -n "${RALPH_REFERENCE_HOME:-}" ] && base_env+=("RALPH_REFERENCE_HOME=$RALPH_REFERENCE_HOME")
[ -n "${RALPH_RESUME_JAVA:-}" ] && base_env+=("RALPH_RESUME_JAVA=$RALPH_RESUME_JAVA")
[ -n "${RALPH_RESUME_CACHE:-}" ] && base_env+=("RALPH_RESUME_CACHE=$RALPH_RESUME_CACHE")

field() { node -e 'process.stdout.write(String(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))[process.argv[2]]))' "$1" "$2"; }

# A state dir per size, regenerated when older than 6 h so that its timestamps stay fresh.
state_for() {
  local n=$1 dir="$out/data/s$1"
  if [ ! -f "$dir/case.json" ] || [ ! -d "$dir/.omx/state/sessions" ] \
    || [ -n "$(find "$dir/case.json" -mmin +360 2>/dev/null)" ]; then
    rm -rf "$dir"
    say "generating $n sessions"
    node "$here/bench/generate.mjs" --sessions "$n" --out "$dir" > "$dir.json.tmp"
    mv "$dir.json.tmp" "$dir/case.json"
  fi
  echo "$dir"
}

# Peak RSS in KiB: the median of N runs of GNU time's "Maximum resident set size" of cmd[@]
# (after running $rss_prepare, when set).
rss_prepare=""
current_size=0
peak_rss() {
  local values=() i count=$rss_runs
  if [ "$current_size" -ge 50000 ] && [ "$count" -gt 3 ]; then count=3; fi
  for ((i = 0; i < count; i++)); do
    [ -z "$rss_prepare" ] || bash -c "$rss_prepare"
    values+=("$("${base_env[@]}" "$@" /usr/bin/time -v "${cmd[@]}" 2>&1 >/dev/null \
      | sed -n 's/^\s*Maximum resident set size (kbytes): //p')")
  done
  printf '%s\n' "${values[@]}" | sort -n | sed -n "$(( (count + 1) / 2 ))p"
}

# One hyperfine per round, all three commands, rotated order; JSON exports pooled later.
measure() {
  local name=$1 prepare=$2 env_extra=$3; shift 3
  local -a commands=("$@") order
  local round k runs=$runs warmup=$warmup
  if [ "$current_size" -ge 50000 ]; then runs=$big_runs; warmup=1; fi
  for ((round = 0; round < rounds; round++)); do
    order=()
    for ((k = 0; k < ${#commands[@]}; k++)); do
      order+=("${commands[(k + round) % ${#commands[@]}]}")
    done
    local -a prep=()
    [ -n "$prepare" ] && prep=(--prepare "$prepare")
    # shellcheck disable=SC2086
    "${base_env[@]}" $env_extra hyperfine -N --style none --warmup "$warmup" --runs "$runs" \
      "${prep[@]}" --export-json "$out/results/$name.round$round.json" "${order[@]}" >/dev/null
  done
}

summary="$out/results/summary.jsonl"
: > "$summary"

record() { # case sessions ours installed original floor rss_ours rss_installed rss_original rss_floor
  node - "$out/results" "$@" >> "$summary" <<'JS'
const fs = require('fs');
const [dir, name, sessions, ours, installed, original, floor, rssOurs, rssInstalled, rssOriginal, rssFloor] = process.argv.slice(2);
const pooled = {};
for (const file of fs.readdirSync(dir).filter((f) => f.startsWith(name + '.round'))) {
  for (const r of JSON.parse(fs.readFileSync(`${dir}/${file}`, 'utf8')).results) {
    const p = (pooled[r.command] ??= { times: [], cpu: [] });
    p.times.push(...r.times);
    // hyperfine exports user and system time as means per command (not per run).
    p.cpu.push(...r.times.map(() => r.user + r.system));
  }
}
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const stat = (cmd) => cmd && pooled[cmd] ? { wall: median(pooled[cmd].times), cpu: mean(pooled[cmd].cpu), n: pooled[cmd].times.length } : null;
process.stdout.write(JSON.stringify({
  name, sessions: Number(sessions), ours: stat(ours), installed: stat(installed), original: stat(original), floor: stat(floor),
  rss: { ours: Number(rssOurs), installed: rssInstalled ? Number(rssInstalled) : null, original: Number(rssOriginal), floor: rssFloor ? Number(rssFloor) : null },
}) + '\n');
JS
}

for n in $sizes; do
  current_size=$n
  dir="$(state_for "$n")"
  case_json="$dir/case.json"
  state="$dir/.omx/state" # not case.json's absolute path: bench/out may have moved
  current="$(field "$case_json" currentSessionId)"
  nomatch="$(field "$case_json" noMatchSessionId)"
  ours_cmd="$ours reconcile --state-dir $state --codex-session-id $nomatch --json"
  inst_cmd=""
  [ "$installed" = none ] || inst_cmd="$installed reconcile --state-dir $state --codex-session-id $nomatch --json"
  ref_cmd="$reference reconcile --state-dir $state --codex-session-id $nomatch --json"
  floor_cmd="find $state/sessions -name ralph-state.json -exec cat {} +"
  [[ "$state" != *" "* ]] || { echo "bench/run.sh: paths with spaces are not supported ($state)" >&2; exit 1; }

  # Prime the launcher's class-data archive and check that both tools agree.
  a="$("${base_env[@]}" OMX_SESSION_ID="$current" $ours_cmd)"
  b="$("${base_env[@]}" OMX_SESSION_ID="$current" $ref_cmd)"
  [ "$a" = "$b" ] || { echo "bench/run.sh: outputs differ for $n sessions:"$'\n'"  ours:     $a"$'\n'"  original: $b" >&2; exit 1; }
  if [ -n "$inst_cmd" ]; then
    c="$("${base_env[@]}" OMX_SESSION_ID="$current" $inst_cmd)"
    [ "$c" = "$b" ] || { echo "bench/run.sh: the installed tool differs for $n sessions: $c / $b" >&2; exit 1; }
  fi
  say "no match, $n sessions: $a"

  measure "nomatch-$n" "" "OMX_SESSION_ID=$current" "$ours_cmd" ${inst_cmd:+"$inst_cmd"} "$ref_cmd" "$floor_cmd"
  read -r -a cmd <<< "$ours_cmd"; rss_o="$(peak_rss OMX_SESSION_ID="$current")"
  rss_i=""
  if [ -n "$inst_cmd" ]; then read -r -a cmd <<< "$inst_cmd"; rss_i="$(peak_rss OMX_SESSION_ID="$current")"; fi
  read -r -a cmd <<< "$ref_cmd"; rss_r="$(peak_rss OMX_SESSION_ID="$current")"
  read -r -a cmd <<< "$floor_cmd"; rss_f="$(peak_rss OMX_SESSION_ID="$current")"
  record "nomatch-$n" "$n" "$ours_cmd" "$inst_cmd" "$ref_cmd" "$floor_cmd" "$rss_o" "$rss_i" "$rss_r" "$rss_f"

  if [ "$resume" = 1 ] && [ "$n" = 1 ]; then
    # The resume case writes: each run starts from a fresh copy of the generated state dir.
    resume_id="$(field "$case_json" resumeSessionId)"
    work="$out/data/resume-work"
    restore="rm -rf $work && cp -a $dir $work"
    rss_prepare="$restore"
    wstate="$work${state#"$dir"}"
    ours_r="$ours reconcile --state-dir $wstate --codex-session-id $resume_id --json"
    inst_r=""
    [ "$installed" = none ] || inst_r="$installed reconcile --state-dir $wstate --codex-session-id $resume_id --json"
    ref_r="$reference reconcile --state-dir $wstate --codex-session-id $resume_id --json"
    bash -c "$restore"; a="$("${base_env[@]}" OMX_SESSION_ID="$current" $ours_r)"
    bash -c "$restore"; b="$("${base_env[@]}" OMX_SESSION_ID="$current" $ref_r)"
    say "resume, $n session: ours $a"
    say "resume, $n session: original $b"
    if [ -n "$inst_r" ]; then
      bash -c "$restore"; c="$("${base_env[@]}" OMX_SESSION_ID="$current" $inst_r)"
      [ "$c" = "$a" ] || { echo "bench/run.sh: the installed tool resumed differently: $c / $a" >&2; exit 1; }
    fi
    measure "resume-$n" "bash -c '$restore'" "OMX_SESSION_ID=$current" "$ours_r" ${inst_r:+"$inst_r"} "$ref_r"
    read -r -a cmd <<< "$ours_r"; rss_o="$(peak_rss OMX_SESSION_ID="$current")"
    rss_i=""
    if [ -n "$inst_r" ]; then read -r -a cmd <<< "$inst_r"; rss_i="$(peak_rss OMX_SESSION_ID="$current")"; fi
    read -r -a cmd <<< "$ref_r"; rss_r="$(peak_rss OMX_SESSION_ID="$current")"
    record "resume-$n" "$n" "$ours_r" "$inst_r" "$ref_r" "" "$rss_o" "$rss_i" "$rss_r" ""
    rss_prepare=""
    rm -rf "$work"

    # The turn after that, and every turn until the next `codex resume`: the current session
    # owns the active loop, the hook only checks its owners and pane. Nothing changes, nothing is
    # written (the loop is moved once, by the original, before measuring).
    active="$out/data/active-work"
    rm -rf "$active" && cp -a "$dir" "$active"
    astate="$active/.omx/state"
    "${base_env[@]}" OMX_SESSION_ID="$current" \
      $reference reconcile --state-dir "$astate" --codex-session-id "$resume_id" --json >/dev/null
    ours_a="$ours reconcile --state-dir $astate --codex-session-id $resume_id --json"
    inst_a=""
    [ "$installed" = none ] || inst_a="$installed reconcile --state-dir $astate --codex-session-id $resume_id --json"
    ref_a="$reference reconcile --state-dir $astate --codex-session-id $resume_id --json"
    a="$("${base_env[@]}" OMX_SESSION_ID="$current" $ours_a)"
    b="$("${base_env[@]}" OMX_SESSION_ID="$current" $ref_a)"
    [ "$a" = "$b" ] || { echo "bench/run.sh: active case differs: $a / $b" >&2; exit 1; }
    if [ -n "$inst_a" ]; then
      c="$("${base_env[@]}" OMX_SESSION_ID="$current" $inst_a)"
      [ "$c" = "$b" ] || { echo "bench/run.sh: the installed tool differs in the active case: $c / $b" >&2; exit 1; }
    fi
    say "active, $n session: $a"
    measure "active-$n" "" "OMX_SESSION_ID=$current" "$ours_a" ${inst_a:+"$inst_a"} "$ref_a"
    read -r -a cmd <<< "$ours_a"; rss_o="$(peak_rss OMX_SESSION_ID="$current")"
    rss_i=""
    if [ -n "$inst_a" ]; then read -r -a cmd <<< "$inst_a"; rss_i="$(peak_rss OMX_SESSION_ID="$current")"; fi
    read -r -a cmd <<< "$ref_a"; rss_r="$(peak_rss OMX_SESSION_ID="$current")"
    record "active-$n" "$n" "$ours_a" "$inst_a" "$ref_a" "" "$rss_o" "$rss_i" "$rss_r" ""
    rm -rf "$active"
  fi
done

# --- the table -------------------------------------------------------------------------------
node - "$summary" "$(nproc)" "$(java -version 2>&1 | head -n 1)" "$(node --version)" <<'JS'
const fs = require('fs');
const [file, cores, javaVersion, nodeVersion] = process.argv.slice(2);
const rows = fs.readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
const ms = (s) => (s * 1000).toFixed(s < 1 ? 1 : 0);
const x = (a, b) => (a / b).toFixed(2) + '×';
const mib = (kb) => (kb ? (kb / 1024).toFixed(1) : '–');
const out = [];
out.push(`Wall time: medians of whole-process runs (${rows[0]?.ours?.n ?? '?'} per tool and case); cpu: mean user+system. ${cores} cores, ${javaVersion}, node ${nodeVersion}.`);
out.push('');
out.push('"ours" runs through the checkout\'s launcher, "installed" is the runtime image (dist/).');
out.push('');
out.push('| case | sessions | ours ms (cpu) | installed ms (cpu) | original ms (cpu) | cat floor ms | ours / original | installed / original | ours / floor | peak RSS ours / installed / original MiB |');
out.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  const floor = r.floor ? ms(r.floor.wall) : '–';
  const inst = r.installed ? `${ms(r.installed.wall)} (${ms(r.installed.cpu)})` : '–';
  out.push(`| ${r.name.replace(/-\d+$/, '')} | ${r.sessions} | ${ms(r.ours.wall)} (${ms(r.ours.cpu)}) | ${inst} | ${ms(r.original.wall)} (${ms(r.original.cpu)}) | ${floor} | ${x(r.ours.wall, r.original.wall)} | ${r.installed ? x(r.installed.wall, r.original.wall) : '–'} | ${r.floor ? x(r.ours.wall, r.floor.wall) : '–'} | ${mib(r.rss.ours)} / ${mib(r.rss.installed)} / ${mib(r.rss.original)} |`);
}
const nm = Object.fromEntries(rows.filter((r) => r.name.startsWith('nomatch')).map((r) => [r.sessions, r]));
if (nm[10000] && nm[100000]) {
  out.push('');
  out.push(`100k / 10k (ours): ${x(nm[100000].ours.wall, nm[10000].ours.wall)} wall, ${x(nm[100000].ours.cpu, nm[10000].ours.cpu)} cpu`);
}
console.log(out.join('\n'));
JS
