#!/usr/bin/env node
// Generates a realistic OMX state dir for the whole-process benchmarks (no dependencies).
//
//   node bench/generate.mjs --sessions N --out DIR [--seed S]
//
// Writes DIR/.omx/state/sessions/<id>/ralph-state.json for N prior sessions, plus the current
// session's directory (no document: OMX has just started it after `codex resume`), and prints one
// JSON line describing the case:
//   {"stateDir","currentSessionId","noMatchSessionId","resumeSessionId","resumeThreadId","sessions","bytes"}
//
// The documents look like the ones OMX writes during a long day: about 1 KB each, with the fields
// the rules read plus the ones other OMX components own (task, prompt, verification, history…),
// a third of them active (active, non-terminal), owners spread over many Codex conversations
// (some legacy thread-only owners, some without owners), and fresh timestamps (minutes to a few
// hours old, so nothing turns stale during a benchmark of a few hours).
//
// Cases the description supports (the benchmark runs with OMX_SESSION_ID=currentSessionId):
//   no match: --codex-session-id noMatchSessionId  (scans every document, writes nothing:
//             every run sees the same files, so runs are repeatable)
//   resume:   --codex-session-id resumeSessionId    (exactly one fresh active loop is owned by
//             it: the reconcile moves it into the current session, so a run changes the files;
//             restore a copy before each run)
import fs from 'fs';
import path from 'path';

function parseArgs(argv) {
  const opts = { sessions: 1000, out: null, seed: 7 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) fail(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--sessions') opts.sessions = Number.parseInt(value(), 10);
    else if (arg === '--out') opts.out = value();
    else if (arg === '--seed') opts.seed = Number.parseInt(value(), 10);
    else fail(`unknown argument ${arg}`);
  }
  if (!opts.out) fail('--out DIR is required');
  if (!Number.isInteger(opts.sessions) || opts.sessions < 1) fail('--sessions must be >= 1');
  return opts;
}

function fail(message) {
  process.stderr.write(`bench/generate.mjs: ${message}\n` +
    'usage: node bench/generate.mjs --sessions N --out DIR [--seed S]\n');
  process.exit(2);
}

// mulberry32: small, seeded, good enough for spreading values around.
function makeRng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    hex: (n) => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(next() * 16)]).join(''),
  };
}

// Codex session ids are UUIDv7-like strings.
const uuid = (rng) => `019a${rng.hex(4)}-${rng.hex(4)}-7${rng.hex(3)}-${rng.pick(['8', '9', 'a', 'b'])}${rng.hex(3)}-${rng.hex(12)}`;

const TASKS = [
  'make the flaky integration test deterministic',
  'port the billing export to the new storage API and keep the CSV format byte for byte',
  'fix the race between the heartbeat and the lock release under load',
  'add pagination to the audit log endpoint, with tests for the edge cases',
  'migrate the build from Gradle 7 to 8 without changing the published artifacts',
  'reduce the cold start of the CLI below 100 ms',
  'document the recovery procedure for half-done transfers',
  'rename the legacy config keys and keep reading the old ones for one release',
];
const PHASES_ACTIVE = ['executing', 'verifying', 'planning', 'fixing', 'executing', 'executing'];
const PHASES_DONE = ['complete', 'cancelled', 'failed', 'blocked_on_user', 'interrupted', 'complete'];
const STOP_REASONS = ['verified_complete', 'user_cancelled', 'ownership_transferred', 'max_iterations'];
const MINUTE = 60_000;

function isoAgo(now, ms) {
  return new Date(now - ms).toISOString();
}

function document(rng, id, index, now, owners, kind) {
  const started = rng.int(30, 6 * 60) * MINUTE;
  const updated = rng.int(0, Math.min(started / MINUTE, 5 * 60)) * MINUTE;
  const iteration = rng.int(1, 40);
  const active = kind === 'active';
  const doc = {
    active,
    iteration,
    max_iterations: rng.pick([10, 20, 50, 100]),
    current_phase: active ? rng.pick(PHASES_ACTIVE) : rng.pick(PHASES_DONE),
    mode: 'ralph',
    task: rng.pick(TASKS),
    prompt_digest: rng.hex(40),
    started_at: isoAgo(now, started),
    updated_at: isoAgo(now, updated),
    last_turn_at: isoAgo(now, updated + rng.int(0, 120) * 1000),
  };
  // Owners: most documents name a Codex conversation; a few legacy ones only a thread; some none.
  const ownerKind = rng.next();
  if (ownerKind < 0.8) {
    doc.owner_omx_session_id = id;
    doc.owner_codex_session_id = rng.pick(owners);
  } else if (ownerKind < 0.9) {
    doc.owner_codex_thread_id = `thread-${rng.hex(16)}`;
  }
  doc.tmux_pane_id = `%${rng.int(0, 400)}`;
  doc.tmux_pane_set_at = isoAgo(now, updated + rng.int(0, 600) * 1000);
  doc.linked_ultrawork = rng.next() < 0.3;
  doc.verification = {
    command: rng.pick(['./mvnw -q verify', 'npm test', 'cargo test --workspace', 'pytest -q']),
    last_result: rng.pick(['pass', 'fail', 'pending']),
    last_run_at: isoAgo(now, updated + rng.int(0, 900) * 1000),
    failures: rng.int(0, 3),
  };
  doc.history = Array.from({ length: 2 }, (_, k) => ({
    iteration: Math.max(1, iteration - k),
    phase: rng.pick(PHASES_ACTIVE),
    at: isoAgo(now, updated + (k + 1) * rng.int(1, 20) * MINUTE),
    summary: rng.pick(['ran the failing test 20 times', 'narrowed the race to the release path',
      'rewrote the fixture builder', 'updated the docs and the changelog']),
  }));
  doc.context_snapshot_path = `.omx/context/${id}/iteration-${iteration}.md`;
  doc.cwd = '/home/dev/projects/app';
  if (!active) {
    doc.completed_at = isoAgo(now, updated);
    doc.stop_reason = rng.pick(STOP_REASONS);
  }
  doc.notes = `session ${index}: ${rng.hex(24)}`;
  return doc;
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const rng = makeRng(opts.seed);
  const now = Date.now();
  const stateDir = path.resolve(opts.out, '.omx', 'state');
  const sessionsDir = path.join(stateDir, 'sessions');
  if (fs.existsSync(stateDir)) fail(`${stateDir} already exists`);
  fs.mkdirSync(sessionsDir, { recursive: true });

  // Owners spread out: one Codex conversation per ~20 sessions, at least 3.
  const owners = Array.from({ length: Math.max(3, Math.ceil(opts.sessions / 20)) }, () => uuid(rng));
  const resumeSessionId = uuid(rng); // owns exactly one active loop (the last session)
  const resumeThreadId = `thread-${rng.hex(16)}`;
  let noMatchSessionId;
  do noMatchSessionId = uuid(rng); while (owners.includes(noMatchSessionId));

  let bytes = 0;
  const width = String(opts.sessions).length;
  for (let i = 0; i < opts.sessions; i++) {
    const id = `omx-${String(i).padStart(width, '0')}-${rng.hex(8)}`;
    const resumeTarget = i === opts.sessions - 1;
    const kind = resumeTarget || i % 3 === 0 ? 'active' : 'done';
    const doc = document(rng, id, i, now, owners, kind);
    if (resumeTarget) {
      doc.current_phase = 'executing';
      doc.owner_omx_session_id = id;
      doc.owner_codex_session_id = resumeSessionId;
      delete doc.owner_codex_thread_id;
    }
    const text = JSON.stringify(doc, null, 2);
    fs.mkdirSync(path.join(sessionsDir, id));
    fs.writeFileSync(path.join(sessionsDir, id, 'ralph-state.json'), text);
    bytes += Buffer.byteLength(text);
  }

  // The current OMX session: just started, no Ralph document yet.
  const currentSessionId = `omx-current-${rng.hex(8)}`;
  fs.mkdirSync(path.join(sessionsDir, currentSessionId));
  fs.writeFileSync(path.join(stateDir, 'session.json'), JSON.stringify({
    session_id: currentSessionId,
    started_at: new Date(now).toISOString(),
    platform: 'linux',
  }, null, 2));

  process.stdout.write(JSON.stringify({
    stateDir,
    currentSessionId,
    noMatchSessionId,
    resumeSessionId,
    resumeThreadId,
    sessions: opts.sessions,
    bytes,
  }) + '\n');
}

main();
