#!/usr/bin/env node
// Differential test: the TypeScript reference vs our Java CLI on randomly generated state dirs.
//
//   node parity/run.mjs --cases N --seed S [--keep-failures DIR] [--ours "CMD"] [--ref "CMD"] [--jobs J]
//                       [--only CASESEED[,CASESEED...]] [--lang LOCALE] [--strict] [--verbose] [--no-snapshot]
//
// Each case is generated once, copied twice (cp -a: mtimes and symlinks kept), the reference runs on
// one copy and ours on the other, each with a clean environment (env -i PATH HOME + the case's
// variables) and cwd = the copy's root. Then the result line, the exit status and the whole tree are
// compared (see README.md). Prints `parity: N passed, M failed` and exits 1 when anything failed.
import fs from 'fs';
import os from 'os';
import path from 'path';
import { spawn, spawnSync } from 'child_process';
import { fileURLToPath } from 'url';
import { generateCase, materializeRoot, hashSeed, LOCK_DIR_NAME } from './generate.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..');
const DEFAULT_JAR = path.join(REPO, 'app-cli', 'target', 'ralph-resume.jar');
const DEFAULT_REF = path.resolve(REPO, '..', 'shared', 'reference', 'ralph-resume-reference');
const TOOL_TIMEOUT_MS = 60_000;

// ---------------------------------------------------------------------------------------------
// arguments

function parseArgs(argv) {
  const o = { cases: 100, seed: 1, jobs: 2, keep: null, ours: null, ref: DEFAULT_REF, only: null, lang: null, strict: false, verbose: false, snapshot: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    switch (a) {
      case '--cases': o.cases = Number(val()); break;
      case '--seed': o.seed = val(); break;
      case '--jobs': o.jobs = Math.max(1, Number(val())); break;
      case '--keep-failures': o.keep = path.resolve(val()); break;
      case '--ours': o.ours = val(); break;
      case '--ref': o.ref = val(); break;
      case '--only': o.only = val().split(',').map((s) => Number(s.trim())); break;
      case '--lang': o.lang = val(); break;
      case '--strict': o.strict = true; break;
      case '--verbose': o.verbose = true; break;
      case '--no-snapshot': o.snapshot = false; break;
      case '--ref-only': o.refOnly = true; break; // tuning aid: run the reference only, print outcome counts
      case '-h': case '--help':
        process.stdout.write(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 11).map((l) => l.replace(/^\/\/ ?/, '')).join('\n') + '\n');
        process.exit(0);
      default: throw new Error(`unknown argument ${a}`);
    }
  }
  if (!Number.isInteger(o.cases) || o.cases < 0) throw new Error('--cases must be a non-negative integer');
  return o;
}

// Splits a command string on whitespace, honouring single and double quotes.
function splitCommand(cmd) {
  const out = [];
  let cur = '', q = null, any = false;
  for (const ch of cmd) {
    if (q) { if (ch === q) q = null; else cur += ch; continue; }
    if (ch === '"' || ch === "'") { q = ch; any = true; continue; }
    if (/\s/.test(ch)) { if (any || cur) out.push(cur); cur = ''; any = false; continue; }
    cur += ch;
  }
  if (any || cur) out.push(cur);
  return out;
}

// ---------------------------------------------------------------------------------------------
// the jar snapshot: the lead rebuilds the jar from time to time; a run uses one copy throughout

function sleepSync(ms) { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms); }

function snapshotJar(cmd, tmpRoot) {
  const i = cmd.indexOf('-jar');
  if (i < 0 || i + 1 >= cmd.length) return cmd;
  const jar = path.resolve(cmd[i + 1]);
  const deadline = Date.now() + 5 * 60_000;
  for (let attempt = 1; ; attempt++) {
    if (fs.existsSync(jar)) {
      const dir = fs.mkdtempSync(path.join(tmpRoot, 'jar-'));
      try {
        fs.copyFileSync(jar, path.join(dir, path.basename(jar)));
        const lib = path.join(path.dirname(jar), 'lib');
        if (fs.existsSync(lib)) fs.cpSync(lib, path.join(dir, 'lib'), { recursive: true });
        const copy = [...cmd];
        copy[i + 1] = path.join(dir, path.basename(jar));
        const probe = spawnSync(copy[0], [...copy.slice(1), 'reconcile', '--help'], { encoding: 'utf8', timeout: 60_000 });
        if (probe.status === 0) return copy;
        process.stderr.write(`parity: jar probe failed (attempt ${attempt}): ${(probe.stderr || '').split('\n')[0]}\n`);
      } catch (e) {
        process.stderr.write(`parity: jar copy failed (attempt ${attempt}): ${e.message}\n`);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    } else process.stderr.write(`parity: waiting for ${jar}\n`);
    if (Date.now() > deadline) throw new Error(`no usable jar at ${jar}`);
    sleepSync(5000);
  }
}

// ---------------------------------------------------------------------------------------------
// running a tool

function runTool(cmd, args, env, cwd) {
  return new Promise((resolve) => {
    const start = Date.now();
    const child = spawn(cmd[0], [...cmd.slice(1), ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [], err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    const timer = setTimeout(() => child.kill('SIGKILL'), TOOL_TIMEOUT_MS);
    child.on('error', (e) => { err.push(Buffer.from(String(e))); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ start, end: Date.now(), code: code === null ? `signal ${signal}` : code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

function cleanEnv(caseEnv, opts, tmuxDir) {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME };
  // no tmux server is reachable: TMUX is unset and the socket dir is empty
  env.TMUX_TMPDIR = tmuxDir;
  if (opts.lang) env.LANG = opts.lang;
  return { ...env, ...caseEnv };
}

// ---------------------------------------------------------------------------------------------
// trees

function walkTree(root) {
  const map = new Map();
  const walk = (dir, rel) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      const r = rel ? `${rel}/${name}` : name;
      const st = fs.lstatSync(p, { bigint: true });
      const e = { mode: Number(st.mode & 0o7777n), mtimeNs: st.mtimeNs, ino: st.ino };
      // Node's mtimeMs of what the path names (links followed): sec * 1e3 + nsec / 1e6
      try {
        const f = st.isSymbolicLink() ? fs.statSync(p, { bigint: true }) : st;
        e.mtimeMs = Number(f.mtimeNs / 1_000_000_000n) * 1e3 + Number(f.mtimeNs % 1_000_000_000n) / 1e6;
      } catch { e.mtimeMs = null; }
      if (st.isSymbolicLink()) { e.type = 'link'; e.target = fs.readlinkSync(p); }
      else if (st.isDirectory()) { e.type = 'dir'; map.set(r, e); walk(p, r); continue; }
      else if (st.isFile()) { e.type = 'file'; e.content = fs.readFileSync(p); }
      else e.type = 'other';
      map.set(r, e);
    }
  };
  walk(root, '');
  return map;
}

const ISO_RE = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/g;
const AGE_RE = /("stale_resume_age_ms":\s*)(-?[0-9][0-9.eE+-]*)/g;

function replaceAll(s, from, to) { return from ? s.split(from).join(to) : s; }

// File text with the copy's root replaced and in-window ISO timestamps masked.
function maskText(buf, root, win) {
  let s = buf.toString('latin1');
  s = replaceAll(s, root, '<ROOT>');
  s = s.replace(ISO_RE, (m) => {
    const t = Date.parse(m);
    return t >= win.start - 1 && t <= win.end + 1 ? '<NOW>' : m;
  });
  return s;
}

function jsSafeString(v) {
  if (typeof v === 'string') return v;
  if (v == null) return '';
  return String(v);
}

// The activity timestamp an abandoned document's stale_resume_age_ms was measured from, as the
// reference computes it: the field named by stale_resume_timestamp_source, or the file's mtime.
function activityTimestamp(text, mtimeMs) {
  let doc;
  try { doc = JSON.parse(Buffer.from(text, 'latin1').toString('utf8')); } catch { return undefined; }
  if (!doc || typeof doc !== 'object') return undefined;
  const src = doc.stale_resume_timestamp_source;
  if (src === 'missing_mtime') return { src, ts: null };
  if (src === 'mtime') return mtimeMs == null ? undefined : { src, ts: mtimeMs };
  if (['updated_at', 'last_turn_at', 'tmux_pane_set_at'].includes(src)) {
    const raw = jsSafeString(doc[src]).trim();
    const ts = raw ? Date.parse(raw) : NaN;
    return Number.isFinite(ts) ? { src, ts } : undefined;
  }
  return undefined;
}

// Whether `age` is what a tool computes when it reads the clock at some instant inside its run
// window: age = max(0, checkedAt - ts) with an integer checkedAt (Date.now()).
function ageExplained(age, at, win) {
  if (at.src === 'missing_mtime') return age === 0;
  if (age === 0) return at.ts >= win.start - 1;
  const c = age + at.ts;
  const tol = Math.max(1e-3, Math.abs(age) * 8e-15);
  return c >= win.start - 1 && c <= win.end + 1 && Math.abs(c - Math.round(c)) <= tol;
}

// Pairs stale_resume_age_ms values of both texts and masks the pairs each tool's run explains:
// exactly, from the document's own activity timestamp when it can be determined, otherwise when
// both are consistent with one common timestamp and the two run windows.
function maskAges(refText, oursText, refWin, oursWin, notes, mtimeMs = null) {
  const ra = [...refText.matchAll(AGE_RE)], oa = [...oursText.matchAll(AGE_RE)];
  if (ra.length !== oa.length) return [refText, oursText];
  const refAt = ra.length === 1 ? activityTimestamp(refText, mtimeMs) : undefined;
  const oursAt = oa.length === 1 ? activityTimestamp(oursText, mtimeMs) : undefined;
  const ok = [];
  for (let i = 0; i < ra.length; i++) {
    const rt = ra[i][2], ot = oa[i][2];
    if (rt === ot) { ok.push(true); continue; }
    if (refAt && oursAt) {
      const r = Number(rt), o = Number(ot);
      const rOk = String(r) === rt && ageExplained(r, refAt, refWin);
      const oOk = String(o) === ot && ageExplained(o, oursAt, oursWin);
      if (rOk && oOk) { ok.push(true); continue; }
      ok.push(false);
      if (!rOk) notes.push(`reference stale_resume_age_ms ${rt} not explained by ${refAt.src}=${refAt.ts} and its run window [${refWin.start}, ${refWin.end}] (harness problem?)`);
      if (!oOk) notes.push(`ours stale_resume_age_ms ${ot} not explained by ${oursAt.src}=${oursAt.ts} and its run window [${oursWin.start}, ${oursWin.end}]${String(o) !== ot ? ' (not JavaScript number text)' : ''}`);
      continue;
    }
    const r = Number(rt), o = Number(ot);
    const canonical = String(r) === rt && String(o) === ot;
    // ts ∈ [start - age, end - age] when age > 0, ts ≥ start when age = 0
    const range = (age, w) => (age > 0 ? [w.start - age - 2, w.end - age + 2] : [w.start - 2, Infinity]);
    const [r0, r1] = range(r, refWin), [o0, o1] = range(o, oursWin);
    const overlap = Math.max(r0, o0) <= Math.min(r1, o1);
    const fracOk = r === 0 || o === 0 || Math.abs((o - r) - Math.round(o - r)) < 1e-3;
    if (canonical && overlap && fracOk) ok.push(true);
    else {
      ok.push(false);
      notes.push(`stale_resume_age_ms ${rt} (reference) vs ${ot} (ours) not explained by the run windows${!canonical ? ' (non-canonical number text)' : ''}${!fracOk ? ' (sub-millisecond part differs)' : ''}`);
    }
  }
  let k = 0;
  const refMasked = refText.replace(AGE_RE, (m, p1) => (ok[k++] ? `${p1}<AGE>` : m));
  k = 0;
  const oursMasked = oursText.replace(AGE_RE, (m, p1) => (ok[k++] ? `${p1}<AGE>` : m));
  return [refMasked, oursMasked];
}

// Integers beyond 2^53 (and below 1e21) keep their exact digits in ours: an accepted difference.
const BIGINT_RE = /(?<=[[:,]\s*)-?\d{16,21}(?=\s*[,\]}\r\n]|$)/g;
function normalizeBigInts(s) {
  return s.replace(BIGINT_RE, (m) => {
    const n = Number(m);
    return Number.isSafeInteger(n) || Math.abs(n) >= 1e21 ? m : String(n);
  });
}

// A short line diff (LCS on lines, or the differing region when the texts are large).
function shortDiff(a, b, maxLines = 24) {
  const A = a.split('\n'), B = b.split('\n');
  const out = [];
  if (A.length * B.length <= 250_000) {
    const n = A.length, m = B.length;
    const dp = Array.from({ length: n + 1 }, () => new Int32Array(m + 1));
    for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) dp[i][j] = A[i] === B[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
    let i = 0, j = 0;
    const lines = [];
    while (i < n || j < m) {
      if (i < n && j < m && A[i] === B[j]) { lines.push([' ', A[i]]); i++; j++; }
      else if (j < m && (i >= n || dp[i][j + 1] >= dp[i + 1][j])) { lines.push(['+', B[j]]); j++; }
      else { lines.push(['-', A[i]]); i++; }
    }
    const show = new Set();
    lines.forEach(([t], k) => { if (t !== ' ') for (let d = -1; d <= 1; d++) show.add(k + d); });
    let last = -2;
    for (let k = 0; k < lines.length; k++) {
      if (!show.has(k)) continue;
      if (k !== last + 1) out.push('   ...');
      out.push(`   ${lines[k][0]} ${lines[k][1]}`);
      last = k;
    }
  } else {
    let i = 0;
    while (i < A.length && i < B.length && A[i] === B[i]) i++;
    out.push(`   ... first difference at line ${i + 1}`, `   - ${A[i]}`, `   + ${B[i]}`);
  }
  return out.length > maxLines ? [...out.slice(0, maxLines), `   ... (${out.length - maxLines} more lines)`] : out;
}

const printable = (s) => JSON.stringify(s).slice(1, -1);

// ---------------------------------------------------------------------------------------------
// one case

async function runCase(caseSeed, opts, ctx) {
  const base = fs.mkdtempSync(path.join(ctx.tmp, `case-${caseSeed}-`));
  const gen = path.join(base, 'gen'), refRoot = path.join(base, 'ref'), oursRoot = path.join(base, 'ours');
  fs.mkdirSync(gen);
  const desc = generateCase(caseSeed, gen);
  for (const dst of [refRoot, oursRoot]) {
    const cp = spawnSync('cp', ['-a', gen, dst]);
    if (cp.status !== 0) throw new Error(`cp -a failed: ${cp.stderr}`);
  }
  const genRun = materializeRoot(gen, desc);
  const refRun = materializeRoot(refRoot, desc);
  const oursRun = materializeRoot(oursRoot, desc);
  const refBefore = walkTree(refRoot), oursBefore = walkTree(oursRoot);

  const ref = await runTool(ctx.refCmd, refRun.args, cleanEnv(refRun.env, opts, ctx.tmuxDir), refRoot);
  if (opts.refOnly) {
    fs.rmSync(base, { recursive: true, force: true });
    return { caseSeed, status: 'pass', warnings: [], accepted: [], tags: desc.tags, reason: (ref.stdout.match(/"reason":"([^"]*)"/) || [, `exit ${ref.code}`])[1], desc };
  }
  const ours = await runTool(ctx.oursCmd, oursRun.args, cleanEnv(oursRun.env, opts, ctx.tmuxDir), oursRoot);
  const refAfter = walkTree(refRoot), oursAfter = walkTree(oursRoot);

  const problems = []; // [title, detail lines]
  const warnings = [];
  const accepted = [];

  // (b) exit status
  if (ref.code !== ours.code) problems.push([`exit status: reference ${ref.code}, ours ${ours.code}`, []]);
  // (a) result line
  const lastLine = (s) => s.split('\n').filter((l) => l.trim()).pop() || '';
  const refLine = replaceAll(lastLine(ref.stdout), refRoot, '<ROOT>');
  const oursLine = replaceAll(lastLine(ours.stdout), oursRoot, '<ROOT>');
  if (refLine !== oursLine) {
    let same = false;
    try { same = JSON.stringify(JSON.parse(refLine)) === JSON.stringify(JSON.parse(oursLine)); } catch { /* not JSON */ }
    problems.push([`result line differs${same ? ' (same members, different spelling)' : ''}`, [`   reference: ${refLine}`, `   ours:      ${oursLine}`]]);
  }

  // (c) the lock must be gone (or, for a live foreign lock, left alone) in both
  const isLock = (rel) => rel.split('/').includes(LOCK_DIR_NAME);
  for (const [name, before, after] of [['reference', refBefore, refAfter], ['ours', oursBefore, oursAfter]]) {
    const lockAfter = [...after.keys()].filter(isLock);
    const lockBefore = [...before.keys()].filter(isLock);
    if (desc.lock === 'fresh') {
      const same = lockAfter.length === lockBefore.length && lockAfter.every((k) => before.has(k) && (after.get(k).type !== 'file' || after.get(k).content.equals(before.get(k).content)));
      if (!same) problems.push([`${name}: the live foreign lock was not left alone`, lockAfter.map((k) => `   ${k}`)]);
    } else if (lockAfter.length) problems.push([`${name}: lock dir left behind`, lockAfter.map((k) => `   ${k}`)]);
  }

  // (c) the tree
  const journal = (rel) => rel.split('/').some((c) => c.includes('.ralph-resume'));
  const keys = new Set([...refAfter.keys(), ...oursAfter.keys()].filter((k) => !isLock(k)));
  const journalDiffs = [];
  const leftover = (rel) => /\.tmp-\d+-\d+-[0-9a-f]+$/.test(rel);
  for (const rel of [...keys].sort()) {
    const r = refAfter.get(rel), o = oursAfter.get(rel);
    const shown = printable(rel);
    if (journal(rel)) {
      // ours' own transfer journal: any difference here is reported, not failed, when it is the only one
      const rb = refBefore.get(rel), ob = oursBefore.get(rel);
      if (!r || !o) journalDiffs.push(`${shown}: only in ${r ? 'reference' : 'ours'}`);
      else if (r.type !== o.type || (r.type === 'file' && !r.content.equals(o.content))) journalDiffs.push(`${shown}: changed by ours`);
      else if (rb && ob && r.type === 'file' && ((rb.ino !== r.ino || rb.mtimeNs !== r.mtimeNs) !== (ob.ino !== o.ino || ob.mtimeNs !== o.mtimeNs))) journalDiffs.push(`${shown}: rewritten by one tool only`);
      continue;
    }
    if (r && !o && leftover(rel) && oursBefore.has(rel)) {
      // ours removes crash leftovers of atomic writes (documented); the reference never does
      journalDiffs.push(`${shown}: crash leftover removed by ours`);
      continue;
    }
    if (!r || !o) {
      const line = `${shown}: only in ${r ? 'reference' : 'ours'} (${(r || o).type})`;
      problems.push([line, (r || o).type === 'file' ? [`   ${printable((r || o).content.toString('utf8').slice(0, 300))}`] : []]);
      continue;
    }
    if (r.type !== o.type) { problems.push([`${shown}: reference has a ${r.type}, ours a ${o.type}`, []]); continue; }
    if (r.type === 'link' && replaceAll(r.target, refRoot, '<ROOT>') !== replaceAll(o.target, oursRoot, '<ROOT>')) {
      problems.push([`${shown}: symlink target ${r.target} vs ${o.target}`, []]);
    }
    if (r.mode !== o.mode) problems.push([`${shown}: mode ${r.mode.toString(8)} (reference) vs ${o.mode.toString(8)} (ours)`, []]);
    // rewritten by one tool only (same bytes but a new file)?
    const rb = refBefore.get(rel), ob = oursBefore.get(rel);
    if (rb && ob && r.type === 'file') {
      const rTouched = rb.ino !== r.ino || rb.mtimeNs !== r.mtimeNs;
      const oTouched = ob.ino !== o.ino || ob.mtimeNs !== o.mtimeNs;
      if (rTouched !== oTouched) problems.push([`${shown}: rewritten by ${rTouched ? 'the reference' : 'ours'} only`, []]);
    }
    if (r.type === 'file' && !r.content.equals(o.content)) {
      const fileNotes = [];
      const before = refBefore.get(rel);
      let [rt, ot] = maskAges(maskText(r.content, refRoot, ref), maskText(o.content, oursRoot, ours), ref, ours, fileNotes, before ? before.mtimeMs : null);
      if (rt !== ot) {
        const rn = normalizeBigInts(rt), on = normalizeBigInts(ot);
        if (rn === on) { accepted.push(`${shown}: integers beyond 2^53 written exactly by ours (accepted)`); continue; }
        const problemLines = fileNotes.map((n) => `   note: ${n}`);
        const toLines = (t) => Buffer.from(t, 'latin1').toString('utf8');
        problemLines.push(...shortDiff(toLines(rt), toLines(ot)).map(printableDiffLine));
        problems.push([`${shown}: contents differ (- reference, + ours)`, problemLines]);
      }
    }
  }
  if (journalDiffs.length) {
    if (problems.length === 0) warnings.push(`differs only in ours' housekeeping (.ralph-resume journal, crash leftovers): ${journalDiffs.join('; ')}`);
    else problems.push(['housekeeping entries (.ralph-resume journal, crash leftovers) differ too', journalDiffs.map((l) => `   ${l}`)]);
  }

  // Known, deliberate differences of ours (see README.md). A case only counts as "known" when ours
  // behaved as its documented policy says; anything else stays a failure.
  let known = null;
  const knownTags = desc.tags.filter((t) => t.startsWith('known:')).map((t) => t.slice(6));
  if (problems.length && knownTags.length && !opts.strict) {
    const untouched = oursAfter.size === oursBefore.size && [...oursBefore.keys()].every((k) => oursAfter.has(k))
      && [...oursAfter].every(([k, e]) => e.type === 'dir' || (oursBefore.get(k).type === e.type && oursBefore.get(k).ino === e.ino && oursBefore.get(k).mtimeNs === e.mtimeNs));
    if ((knownTags.includes('state-dir-missing') || knownTags.includes('state-dir-symlink')) && ours.code === 2 && untouched) {
      known = `${knownTags.join('+')}: ours refused the state dir with exit 2 (reference ${(refLine.match(/"reason":"([^"]*)"/) || [, 'exit ' + ref.code])[1]})`;
    } else if (knownTags.includes('symlink') && (ours.code === 0 || ours.code === ref.code)) {
      // ours never reads or writes through a link: every link is still there, nothing behind one
      // changed. Also when both fail the same way later in the run (a current session dir that is
      // a file): the original wrote through a link before failing, ours did not.
      const linksKept = [...oursBefore].every(([k, e]) => e.type !== 'link' || (oursAfter.get(k) && oursAfter.get(k).type === 'link' && oursAfter.get(k).target === e.target));
      const behindLinks = [...oursAfter].every(([k, e]) => !k.startsWith('elsewhere/') || e.type === 'dir' || (oursBefore.get(k) && oursBefore.get(k).ino === e.ino && oursBefore.get(k).mtimeNs === e.mtimeNs));
      const reason = (l) => (l.match(/"reason":"([^"]*)"/) || [, '?'])[1];
      if (linksKept && behindLinks) known = `symlink: ours does not follow links in session paths (reference ${reason(refLine)}, ours ${reason(oursLine)})`;
    }
  }

  const status = problems.length === 0 ? 'pass' : known ? 'known' : 'fail';
  let report = null;
  if (status === 'fail' || (opts.verbose && status !== 'pass')) {
    const lines = [];
    lines.push(`--- case ${caseSeed} FAILED${desc.tags.length ? ` [${desc.tags.join(', ')}]` : ''}`);
    lines.push(`  env: ${Object.entries(desc.env).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ') || '(none)'}`);
    lines.push(`  args: ${desc.args.map((a) => JSON.stringify(a)).join(' ')}   (cwd = case root, @ROOT@ = case root)`);
    lines.push(`  notes: ${desc.notes.join('; ')}`);
    for (const [title, detail] of problems) lines.push(`  * ${title}`, ...detail);
    if (ref.stderr.trim()) lines.push(`  reference stderr: ${printable(ref.stderr.trim().split('\n').slice(0, 3).join(' | '))}`);
    if (ours.stderr.trim()) lines.push(`  ours stderr: ${printable(ours.stderr.trim().split('\n').slice(0, 3).join(' | '))}`);
    lines.push(`  reproduce: node parity/run.mjs --only ${caseSeed}${opts.keep ? '' : ' --keep-failures /tmp/parity-failures'}`);
    report = lines.join('\n');
  }
  if (status === 'fail' && opts.keep) {
    const dst = path.join(opts.keep, `case-${caseSeed}`);
    fs.rmSync(dst, { recursive: true, force: true });
    fs.mkdirSync(opts.keep, { recursive: true });
    spawnSync('cp', ['-a', base, dst]);
    fs.writeFileSync(path.join(dst, 'case.json'), JSON.stringify({
      ...desc, genRoot: gen, genArgs: genRun.args, genEnv: genRun.env,
      reference: { root: refRoot, args: refRun.args, code: ref.code, stdout: ref.stdout, stderr: ref.stderr, start: ref.start, end: ref.end },
      ours: { root: oursRoot, args: oursRun.args, code: ours.code, stdout: ours.stdout, stderr: ours.stderr, start: ours.start, end: ours.end },
    }, null, 2));
    fs.writeFileSync(path.join(dst, 'diff.txt'), report + '\n');
    fs.writeFileSync(path.join(dst, 'rerun.sh'), rerunScript(desc, ctx, gen));
    fs.chmodSync(path.join(dst, 'rerun.sh'), 0o755);
  }
  fs.rmSync(base, { recursive: true, force: true });
  return { caseSeed, status, report, warnings, accepted, known, tags: desc.tags, reason: (refLine.match(/"reason":"([^"]*)"/) || [])[1] };
}

function printableDiffLine(l) {
  // keep the diff readable: escape control characters, keep unicode
  return l.replace(/[\u0000-\u0008\u000b-\u001f\u007f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// A script that reruns one tool on a fresh copy of a kept case's generated tree.
function rerunScript(desc, ctx, genRoot) {
  const q = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;
  const envs = Object.entries(desc.env).map(([k, v]) => `${k}=${q(v)}`).join(' ');
  const args = desc.args.map((a) => (a.includes('@ROOT@') ? `"${a.replace(/[$`"\\]/g, '\\$&').split('@ROOT@').join('$root')}"` : q(a))).join(' ');
  return `#!/usr/bin/env bash
# Reruns case ${desc.seed} with one tool on a fresh copy of gen/ (the generated tree; absolute
# paths inside it name the directory it was generated in, and are rewritten to the copy).
#   ./rerun.sh ref|ours [WORKDIR]      then compare WORKDIR/ref and WORKDIR/ours with diff -r
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
orig=${q(genRoot)}
tool="\${1:-ref}"; work="\${2:-$(mktemp -d)}"
mkdir -p "$work"; work="$(cd "$work" && pwd)"
root="$work/$tool"; rm -rf "$root"; cp -a "$here/gen" "$root"
grep -rlZ -F "$orig" "$root" 2>/dev/null | while IFS= read -r -d '' f; do
  t=$(stat -c %y "$f"); sed -i "s#$orig#$root#g" "$f"; touch -d "$t" "$f"; done
if [ "$tool" = ref ]; then cmd=(${ctx.refCmd.map(q).join(' ')}); else cmd=(${ctx.oursCmdOriginal.map(q).join(' ')}); fi
cd "$root"
env -i PATH="$PATH" HOME="$HOME" TMUX_TMPDIR="$(mktemp -d)" ${envs} "\${cmd[@]}" ${args}
echo "exit=$? tree: $root" >&2
`;
}

// ---------------------------------------------------------------------------------------------

async function main() {
  let opts;
  try { opts = parseArgs(process.argv.slice(2)); } catch (e) { process.stderr.write(`parity: ${e.message}\n`); process.exit(2); }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'parity-'));
  const tmuxDir = fs.mkdtempSync(path.join(tmp, 'tmux-'));
  const oursOriginal = opts.ours ? splitCommand(opts.ours) : ['java', '-jar', DEFAULT_JAR];
  const oursCmd = opts.snapshot && !opts.refOnly ? snapshotJar(oursOriginal, tmp) : oursOriginal;
  const refCmd = splitCommand(opts.ref);
  const ctx = { tmp, tmuxDir, refCmd, oursCmd, oursCmdOriginal: oursOriginal };
  const seeds = opts.only || Array.from({ length: opts.cases }, (_, i) => hashSeed(String(opts.seed), String(i)));
  process.stdout.write(`parity: ${seeds.length} cases, seed ${opts.seed}, ${opts.jobs} jobs\n  reference: ${refCmd.join(' ')}\n  ours:      ${oursOriginal.join(' ')}${oursCmd !== oursOriginal ? ' (snapshot)' : ''}\n`);

  const results = [];
  let next = 0;
  const t0 = Date.now();
  const worker = async () => {
    while (next < seeds.length) {
      const s = seeds[next++];
      let r;
      try { r = await runCase(s, opts, ctx); } catch (e) { r = { caseSeed: s, status: 'fail', report: `--- case ${s} FAILED: harness error ${e.stack}`, warnings: [], accepted: [], tags: [] }; }
      results.push(r);
      if (r.report) process.stdout.write(r.report + '\n');
      if (results.length % 50 === 0) process.stderr.write(`parity: ${results.length}/${seeds.length} (${Math.round((Date.now() - t0) / 1000)} s)\n`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.jobs, seeds.length) }, worker));
  fs.rmSync(tmp, { recursive: true, force: true });

  const passed = results.filter((r) => r.status === 'pass').length;
  const failed = results.filter((r) => r.status === 'fail').length;
  const known = results.filter((r) => r.status === 'known');
  const warn = results.filter((r) => r.warnings.length);
  const acc = results.filter((r) => r.accepted.length);
  if (known.length) {
    process.stdout.write(`parity: ${known.length} known deliberate differences (not counted; --strict counts them):\n`);
    for (const r of known) process.stdout.write(`  case ${r.caseSeed}: ${r.known}\n`);
  }
  for (const r of warn) process.stdout.write(`parity: warning, case ${r.caseSeed}: ${r.warnings.join('; ')}\n`);
  if (acc.length) process.stdout.write(`parity: ${acc.length} cases passed with accepted differences (exact big integers)\n`);
  const reasons = {};
  for (const r of results) if (r.reason) reasons[r.reason] = (reasons[r.reason] || 0) + 1;
  process.stdout.write(`parity: reference outcomes: ${Object.entries(reasons).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
  process.stdout.write(`parity: ${passed + known.length} passed, ${failed} failed\n`);
  if (failed) {
    process.stdout.write(`parity: failing case seeds: ${results.filter((r) => r.status === 'fail').map((r) => r.caseSeed).join(',')}\n`);
  }
  process.exit(failed ? 1 : 0);
}

main().catch((e) => { process.stderr.write(`parity: ${e.stack}\n`); process.exit(2); });
