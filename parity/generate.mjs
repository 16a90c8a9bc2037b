#!/usr/bin/env node
// Seeded random generator of Ralph session-resume cases (state dirs + env + payload ids).
//
//   node parity/generate.mjs --seed S --out DIR      writes one case under DIR, prints its description
//
// A case is a directory tree
//   <root>/proj/.omx/state/{session.json, sessions/<id>/ralph-state.json, ...}   (proj: sometimes
//                            a non-ASCII name such as café, tagged non-ascii-path)
//   <root>/elsewhere/...     targets of relative symlinks, another "project" for cwd mismatches
//   <root>/plink -> proj     a symlinked project path
// plus a description: { seed, genAtMs, env, args, stateDirArg, tags, lock, notes }.
// File contents may hold the placeholder @ROOT@ (absolute paths in session.json); the runner
// replaces it with the absolute path of each copy (see materializeRoot). Tools run with cwd = <root>.
//
// Everything random comes from the seed, except the wall clock: timestamps and mtimes are chosen
// relative to "now" at generation time, and only values that stay clearly fresh or clearly stale
// for the next SLACK_MS are kept, so a case classifies the same way however late it runs.
import fs from 'fs';
import path from 'path';
import { fileURLToPath } from 'url';

delete process.env.TZ; // the tools run with env -i: system local time (UTC on these machines)

export const ROOT_PLACEHOLDER = '@ROOT@';
export const LOCK_DIR_NAME = '.lock.ralph-session-resume';
const DAY = 86_400_000;
const DEFAULT_THRESHOLD = DAY;
// A fresh value must stay fresh for this long after generation (the run may be delayed).
const SLACK_MS = 10 * 60_000;
// Future instants are at least this far ahead, so they never fall inside a run window.
const FUTURE_MIN_MS = 2 * 3_600_000;

// ---------------------------------------------------------------------------------------------
// PRNG (mulberry32) and helpers

export function hashSeed(...parts) {
  let h = 0x811c9dc5;
  for (const ch of parts.join('\u0000')) {
    h ^= ch.codePointAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function makeRng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    bool: (p = 0.5) => next() < p,
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    // weighted([[w, value|fn], ...]): functions are called
    weighted(list) {
      const total = list.reduce((s, [w]) => s + w, 0);
      let r = next() * total;
      for (const [w, v] of list) {
        r -= w;
        if (r < 0) return typeof v === 'function' ? v() : v;
      }
      const v = list[list.length - 1][1];
      return typeof v === 'function' ? v() : v;
    },
    shuffle(arr) {
      for (let i = arr.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [arr[i], arr[j]] = [arr[j], arr[i]];
      }
      return arr;
    },
    chars: (alphabet, n) => Array.from({ length: n }, () => alphabet[Math.floor(next() * alphabet.length)]).join(''),
  };
  return rng;
}

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';

// JavaScript semantics the generator needs to predict freshness, mirroring the seed.
function jsSafeString(v) {
  if (typeof v === 'string') return v;
  if (v == null) return '';
  return String(v);
}
function parsePositiveInteger(v) {
  const parsed = Number.parseInt(jsSafeString(v).trim(), 10);
  return Number.isFinite(parsed) && parsed > 0 ? parsed : null;
}

// ---------------------------------------------------------------------------------------------
// Raw JSON building: nodes carry exact bytes so that the input can hold any spelling.
//   {t:'raw', buf}  |  {t:'obj', entries:[[keyNode, valueNode]]}  |  {t:'arr', items:[node]}

const raw = (text) => ({ t: 'raw', buf: Buffer.from(text, 'utf8') });
const rawBuf = (buf) => ({ t: 'raw', buf });
const obj = (entries) => ({ t: 'obj', entries });
const arr = (items) => ({ t: 'arr', items });

function hex4(code, rng) {
  const h = code.toString(16).padStart(4, '0');
  return rng && rng.bool(0.3) ? h.toUpperCase() : h;
}

// Encodes a JS string (lone surrogates allowed) as a JSON string literal with random but valid
// escape choices. `escapeRate` = chance to \u-escape an ordinary character.
// Per-document chance to \u-escape ordinary characters (most real files have none).
let docEscapeRate = 0;
function setDocEscapeRate(rng) {
  docEscapeRate = rng.weighted([[80, 0], [15, 0.02], [5, 0.15]]);
}

function encStr(s, rng, escapeRate = docEscapeRate) {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i];
    const isHigh = c >= 0xd800 && c <= 0xdbff;
    const isLow = c >= 0xdc00 && c <= 0xdfff;
    if (isHigh && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff) {
      // a valid pair: raw, or both halves escaped
      if (rng.bool(escapeRate * 3)) out += `\\u${hex4(c, rng)}\\u${hex4(s.charCodeAt(i + 1), rng)}`;
      else out += ch + s[i + 1];
      i++;
      continue;
    }
    if (isHigh || isLow) { out += `\\u${hex4(c, rng)}`; continue; }
    if (ch === '"') { out += rng.bool(0.1) ? '\\u0022' : '\\"'; continue; }
    if (ch === '\\') { out += rng.bool(0.1) ? '\\u005c' : '\\\\'; continue; }
    if (c < 0x20) {
      const short = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r' }[c];
      out += short && rng.bool(0.7) ? short : `\\u${hex4(c, rng)}`;
      continue;
    }
    if (ch === '/' && rng.bool(0.3)) { out += '\\/'; continue; }
    if (rng.bool(escapeRate)) { out += `\\u${hex4(c, rng)}`; continue; }
    out += ch;
  }
  return out + '"';
}
const str = (s, rng, rate) => raw(encStr(s, rng, rate));

// A string literal with invalid UTF-8 bytes spliced in (decoded by the tools as U+FFFD).
const INVALID_UTF8 = [
  [0x80], [0xbf], [0xc0, 0x80], [0xc1, 0xbf], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xed, 0xbf, 0xbf],
  [0xf4, 0x90, 0x80, 0x80], [0xf5, 0x80], [0xff], [0xfe], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xc3],
  [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe2, 0x28, 0xa1], [0xf0, 0x28, 0x8c, 0xbc], [0xc3, 0x28],
];
function strWithInvalidUtf8(rng) {
  const parts = [Buffer.from('"' + rng.pick(['note ', 'x', '', 'caf']))];
  const n = rng.int(1, 3);
  for (let i = 0; i < n; i++) {
    parts.push(Buffer.from(rng.pick(INVALID_UTF8)));
    if (rng.bool(0.5)) parts.push(Buffer.from(rng.pick(['a', 'é', ' ', '😀', ''])));
  }
  parts.push(Buffer.from('"'));
  return rawBuf(Buffer.concat(parts));
}

const NUMBER_TEXTS = [
  '0', '1', '-1', '4', '10', '42', '1.50', '1E2', '1e2', '1E+2', '-0', '-0.0', '0.0', '2.0E-3', '1e-7', '0.000001',
  '0.0000001', '1e21', '1e+21', '1e20', '123456789012345678901234', '1e400', '-1e400', '0.1', '3.14159',
  '5e-324', '1.7976931348623157e308', '2.5e-8', '100', '1.0', '0.5e1', '123e-2', '999999999999999999999',
  '4.35', '0.30000000000000004', '1e-6', '-1e-7', '9007199254740991', '9007199254740992', '-2.5E+3',
  '12.34e5', '1e-10', '6.02214076e23', '0.00001', '1.23456789012345678', '2e-323', '1234567.0',
  '1e-400', '-1e-400', '1.7976931348623159e308', '4.9e-324', '0.1e-5', '123456789.123456789e-3', '1e+0', '0e0', '-0e-0',
  '100000000000000000000', '1000000000000000000000', '0.0000001234', '1.5e-7', '9.999999999999999e20', '0.1234567890123456789',
];
const BIG_INT_TEXTS = ['12345678901234567890', '9007199254740993', '-9223372036854775808', '18446744073709551615'];

function numberNode(rng) {
  return rng.weighted([
    [10, () => raw(rng.pick(NUMBER_TEXTS))],
    [1, () => raw(rng.pick(BIG_INT_TEXTS))],
    [4, () => raw(String(rng.int(-1000, 100000)))],
    [2, () => raw((rng.next() * 1000).toFixed(rng.int(1, 6)))],
  ]);
}

const WORDS = ['alpha', 'ralph', 'task', 'verify', 'build', 'note', 'x', 'Fix the tests', 'a/b/c', 'C:\\path\\to',
  'quote "q"', 'tab\there', 'line1\nline2', 'crlf\r\n', 'bell\u0007', 'nul\u0000byte', 'del\u007f', 'esc\u001b[0m',
  'café', 'naïve', '日本語', 'Ελληνικά', '😀', 'family 👨‍👩‍👧', 'ls\u2028ps\u2029', 'bom\ufeff', 'nbsp\u00a0', 'lone \ud800 high',
  'lone \udfff low', 'pair \ud83d\ude00', '</script>', '\\u0041 literal', '', ' ', 'zwj\u200d', 'rtl\u202e', '\u0085nel'];

function stringNode(rng) {
  return rng.weighted([
    [12, () => str(rng.pick(WORDS), rng)],
    [2, () => str(rng.pick(WORDS) + ' ' + rng.pick(WORDS), rng, 0.1)],
    [1, () => strWithInvalidUtf8(rng)],
    [1, () => str(rng.chars(ALNUM + ' -_/', rng.int(0, 40)), rng)],
  ]);
}

const ODD_KEYS = ['2', '10', '01', '-1', '4294967295', '4294967294', '0', '1.5', '00', '9007199254740993', '__proto__',
  'lone\ud800key', 'ls\u2028key', '\u0000', 'é', 'e\u0301', '+1', '1 ', ' 1', '0x1', '1e0', '-0',
  'constructor', 'toString', '', ' ', 'ключ', '😀', 'a"b', 'back\\slash', 'new\nline', 'hasOwnProperty', '1e3', '07', 'NaN'];
const PLAIN_KEYS = ['task_description', 'linked_ultrawork', 'notes', 'history', 'meta', 'prompt', 'verifier', 'x', 'y',
  'config', 'tags', 'attempts', 'last_error', 'mode', 'score', 'nested', 'empty_obj', 'empty_arr', 'ratio', 'flags'];

function keyNode(k, rng) {
  return str(k, rng);
}

function anyValue(rng, depth = 0) {
  const leaf = () => rng.weighted([
    [4, () => stringNode(rng)],
    [4, () => numberNode(rng)],
    [1, () => raw('true')], [1, () => raw('false')], [1, () => raw('null')],
  ]);
  if (depth >= 3) return leaf();
  return rng.weighted([
    [10, leaf],
    [2, () => arr(Array.from({ length: rng.int(0, 4) }, () => anyValue(rng, depth + 1)))],
    [2, () => obj(Array.from({ length: rng.int(0, 4) }, () => [keyNode(rng.bool(0.25) ? rng.pick(ODD_KEYS) : rng.pick(PLAIN_KEYS), rng), anyValue(rng, depth + 1)]))],
    [1, () => raw(rng.pick(['{}', '[]', '[[]]', '{"":{}}', '[{}]']))],
  ]);
}

function deepNode(rng) {
  // Node writes up to ~4500 levels back; 2500/3500 probe the writer's recursion depth
  const depth = rng.weighted([[3, 40], [3, 100], [2, 300], [2, 1000], [1, 2500], [1, 3500]]);
  // built as text (the emitter is recursive); compact or with newlines
  const nl = rng.bool() ? '' : '\n';
  let open = '', close = '';
  for (let i = 0; i < depth; i++) {
    if (rng.bool(0.5)) { open += '[' + nl; close = nl + ']' + close; }
    else { open += '{"d":' + nl; close = nl + '}' + close; }
  }
  return raw(open + (rng.bool() ? '1' : '{}') + close);
}

// Serialises a node with a random whitespace style. Returns a Buffer.
function emit(node, rng, style) {
  const s = style || rng.weighted([
    [5, { indent: '  ', nl: '\n', colon: ': ' }],
    [3, { indent: '', nl: '', colon: ':' }],
    [1, { indent: '    ', nl: '\n', colon: ': ' }],
    [1, { indent: '\t', nl: '\n', colon: ': ' }],
    [1, { indent: '  ', nl: '\r\n', colon: ' : ' }],
    [1, { indent: ' ', nl: '\n', colon: ':\t' }],
  ]);
  const parts = [];
  const walk = (n, level) => {
    if (n.t === 'raw') { parts.push(n.buf); return; }
    const [open, close, list] = n.t === 'obj' ? ['{', '}', n.entries] : ['[', ']', n.items];
    if (list.length === 0) { parts.push(Buffer.from(open + (rng.bool(0.1) ? ' ' : '') + close)); return; }
    parts.push(Buffer.from(open));
    list.forEach((item, i) => {
      parts.push(Buffer.from(s.nl + s.indent.repeat(level + 1)));
      if (n.t === 'obj') {
        walk(item[0], level + 1);
        parts.push(Buffer.from(s.colon));
        walk(item[1], level + 1);
      } else walk(item, level + 1);
      if (i < list.length - 1) parts.push(Buffer.from(','));
    });
    parts.push(Buffer.from(s.nl + s.indent.repeat(level) + close));
  };
  walk(node, 0);
  if (rng.bool(0.4)) parts.push(Buffer.from(rng.pick(['\n', '\n\n', ' ', '\r\n', '\t \n'])));
  if (rng.bool(0.05)) parts.unshift(Buffer.from(rng.pick([' ', '\n', '\r\n\t'])));
  return Buffer.concat(parts);
}

// Whole-file variants that the reference cannot parse or that parse to a non-object/falsy root.
function brokenDocument(rng, validBuf) {
  return rng.weighted([
    [4, () => ({ kind: 'truncated', buf: validBuf.subarray(0, Math.max(1, Math.floor(validBuf.length * rng.next()))) })],
    [1, () => ({ kind: 'truncated-active', buf: Buffer.from('{ "active": true') })],
    [3, () => ({ kind: 'bom', buf: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), validBuf]) })],
    [2, () => ({ kind: 'invalid-utf8-outside-string', buf: Buffer.concat([validBuf.subarray(0, 1), Buffer.from([0xff]), validBuf.subarray(1)]) })],
    [2, () => ({ kind: 'falsy-root', buf: Buffer.from(rng.pick(['null', '0', '""', 'false', ' null\n', '-0', '0.0', '0e5'])) })],
    [2, () => ({ kind: 'non-object-root', buf: Buffer.from(rng.pick(['[]', '[{"active":true}]', '"active"', '123', 'true', '"x"', '[1,2]', '{}', '1e400'])) })],
    [1, () => ({ kind: 'empty', buf: Buffer.from(rng.pick(['', ' ', '\n'])) })],
    [2, () => ({ kind: 'syntax', buf: Buffer.from(rng.pick([
      '{"active":true,}', '{"active":true} x', "{'active':true}", '{"active":true // c\n}', '{"active":True}',
      '{"active":true,"n":01}', '{"active":true,"n":1.}', '{"active":true,"n":.5}', '{"active":true,"n":+1}',
      '{"active":true,"n":NaN}', '{"active":true,"n":Infinity}', '{"active":true,"s":"a\nb"}', '{"active":true,"s":"\\x41"}',
      '{"active":true,"s":"\\u12"}', '{"active":true}\u00a0', '{"active":true}\f', '\u000b{"active":true}', '{"active":true,"n":-}',
      '{"active":true,"n":1e}', '{"active":true,"n":0x10}', '{"active" true}', '{"active":true}}', '[', '{"a":[1,2}', '\u0000{}',
    ])) })],
  ]);
}

// ---------------------------------------------------------------------------------------------
// Timestamps

function pad(n, w = 2) { return String(n).padStart(w, '0'); }
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const LONG_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function formatInstant(ms, rng) {
  const d = new Date(ms);
  const Y = d.getUTCFullYear(), M = d.getUTCMonth(), D = d.getUTCDate(), h = d.getUTCHours(), m = d.getUTCMinutes(), s = d.getUTCSeconds(), ms3 = d.getUTCMilliseconds();
  const date = `${Y}-${pad(M + 1)}-${pad(D)}`;
  const time = `${pad(h)}:${pad(m)}:${pad(s)}`;
  return rng.weighted([
    [30, () => ({ form: 'iso-ms-z', text: d.toISOString() })],
    [8, () => ({ form: 'iso-z', text: `${date}T${time}Z` })],
    [4, () => {
      const off = rng.pick([[9, 0], [-5, -30], [5, 30], [0, 0], [-12, 0], [14, 0]]);
      const local = new Date(ms + (off[0] * 60 + off[1]) * 60_000);
      const sign = off[0] < 0 || off[1] < 0 ? '-' : '+';
      const offText = `${sign}${pad(Math.abs(off[0]))}:${pad(Math.abs(off[1]))}`;
      return { form: 'iso-offset', text: local.toISOString().replace('Z', offText).replace(/\.\d{3}/, rng.bool() ? '' : `.${pad(ms3, 3)}`) };
    }],
    [2, () => ({ form: 'iso-us', text: `${date}T${time}.${pad(ms3, 3)}${rng.chars('0123456789', 3)}Z` })],
    [2, () => ({ form: 'iso-1digit-frac', text: `${date}T${time}.${Math.floor(ms3 / 100)}Z` })],
    [4, () => ({ form: 'date-only', text: date })],
    [3, () => ({ form: 'local-seconds', text: `${date}T${time}` })],
    [2, () => ({ form: 'local-minutes', text: `${date}T${pad(h)}:${pad(m)}` })],
    [2, () => ({ form: 'space-separated', text: `${date} ${time}` })],
    [3, () => ({ form: 'rfc2822', text: d.toUTCString() })],
    [2, () => ({ form: 'mon-dd-yyyy', text: `${MONTHS[M]} ${D} ${Y}` })],
    [1, () => ({ form: 'date-tostring', text: d.toString() })],
    [1, () => ({ form: 'slashes', text: `${Y}/${pad(M + 1)}/${pad(D)} ${time}` })],
    [1, () => ({ form: 'us-date', text: `${M + 1}/${D}/${Y}` })],
    [1, () => ({ form: 'dd-mon-yyyy', text: `${D} ${MONTHS[M]} ${Y}` })],
    [1, () => ({ form: 'long-month', text: `${LONG_MONTHS[M]} ${D}, ${Y} ${pad(h)}:${pad(m)}` })],
    [1, () => ({ form: 'lowercase-t-z', text: `${date}t${time}z` })],
    [1, () => ({ form: 'extended-year', text: `+${pad(Y, 6)}-${pad(M + 1)}-${pad(D)}T${time}Z` })],
    [1, () => ({ form: 'unpadded', text: `${Y}-${M + 1}-${D}` })],
    [1, () => ({ form: 'year-month', text: `${Y}-${pad(M + 1)}` })],
    [1, () => ({ form: 'year-only', text: `${Y}` })],
    [1, () => ({ form: 'offset-no-colon', text: `${date}T${time}.000+0000` })],
    [3, () => {
      const h12 = h % 12 === 0 ? 12 : h % 12, ampm = h < 12 ? 'AM' : 'PM';
      const wd = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
      return rng.pick([
        { form: 'iso-minutes-z', text: `${date}T${pad(h)}:${pad(m)}Z` },
        { form: 'en-us-locale', text: `${M + 1}/${D}/${Y}, ${h12}:${pad(m)}:${pad(s)} ${ampm}` },
        { form: 'dd-month-yyyy-utc', text: `${D} ${LONG_MONTHS[M]} ${Y} ${time} UTC` },
        { form: 'iso-gmt', text: `${date}T${time} GMT` },
        { form: 'space-z', text: `${date} ${time}Z` },
        { form: 'rfc2822-offset', text: `${wd}, ${D} ${MONTHS[M]} ${Y} ${time} +0000` },
        { form: 'iso-negative-offset', text: new Date(ms - 8 * 3_600_000).toISOString().replace('Z', '-08:00') },
        { form: 'mon-dd-yyyy-time', text: `${MONTHS[M]} ${D} ${Y} ${time}` },
        { form: 'lower-month', text: `${MONTHS[M].toLowerCase()} ${D} ${Y}` },
        { form: 'upper-rfc', text: d.toUTCString().toUpperCase() },
        { form: 'weekday-only-prefix', text: `${wd} ${MONTHS[M]} ${D} ${Y} ${time} GMT+0000` },
        { form: 'iso-comma-frac', text: `${date}T${time},${pad(ms3, 3)}Z` },
        { form: 'iso-7-frac', text: `${date}T${time}.${pad(ms3, 3)}4567Z` },
        { form: 'yyyy-mm-ddThh', text: `${date}T${pad(h)}` },
        { form: 'two-digit-year', text: `${M + 1}/${D}/${String(Y).slice(2)}` },
        { form: 'z-lower-only', text: `${date}T${time}.${pad(ms3, 3)}z` },
        { form: 'utc-suffix', text: `${date} ${time} UTC` },
        { form: 'iso-plus-0000', text: `${date}T${time}+00:00` },
        { form: 'pm-time', text: `${MONTHS[M]} ${D}, ${Y} ${h12}:${pad(m)} ${ampm}` },
      ]);
    }],
    [2, () => ({ form: 'padded', text: rng.pick([' ', '  ', '\t', '\n', '\u00a0', '\u2003', '\ufeff', '\u3000']) + d.toISOString() + rng.pick(['', ' ', '\n', '\u00a0', '\u2028']) })],
  ]);
}

const GARBAGE_TIMESTAMPS = ['garbage', 'true', '2026-13-01', '1700000000000', 'N/A', 'yesterday', 'null', 'undefined',
  '2026-02-22T10:00:00 Z', '2026-02-22T10:00:00,5Z', '31/12/2025', 'Feb 22 2026 25:00', '2026-W08', '2026-02-22T10:00:00+09',
  '0000-00-00', 'T10:00:00Z', '--', '2026-02-22T10:00:00.000ZZ', '\u00002026-02-22', '２０２６-02-22', 'NaN', 'Infinity'];
// Fixed strings around 2026-02-22 that exercise Date.parse's legacy fallback (parsed or not).
const TORTURE_TIMESTAMPS = ["2026-02-22T10:11:12.345Z", "2026-02-22T10:11:12.345+01:00", "2026-02-22T10:11:12.345-0130", "2026-02-22T10:11:12.3456789Z", "2026-02-22T10:11Z", "2026-02-22T10Z", "2026-02-22T10:11:12", "2026-02-22 10:11:12", "2026-02-22 10:11:12Z", "2026-02-22 10:11:12 Z", "2026-02-22 10:11:12 GMT", "2026-02-22 10:11:12 UTC+2", "2026-02-22 10:11:12 GMT+0200", "2026-02-22 10:11:12 +0200", "2026-02-22 10:11:12 PST", "2026-02-22 10:11:12 EST", "2026-02-22 10:11:12 EDT", "2026-02-22 10:11:12 CET", "2026-02-22 10:11:12 UT", "2026-02-22 10:11:12.345", "2026-02-22T10:11:12.345", "2026-2-22", "2026-02-2", "2026-02-22T1:2:3Z", "2026/2/22", "2026/02/22 10:11", "02/22/2026", "2/22/2026 10:11:12 PM", "22 Feb 2026", "22-Feb-2026", "Feb-22-2026", "February 22 2026", "Sunday, February 22, 2026", "Sun Feb 22 2026 10:11:12 GMT+0000 (Coordinated Universal Time)", "Sun, 22 Feb 2026 10:11:12 GMT", "Sun, 22 Feb 2026 10:11:12 +0000", "22 Feb 2026 10:11:12 +0100", "Feb 22, 2026 10:11:12 AM", "Feb 22 2026 12:00 AM", "Feb 22 2026 12:00 PM", "Feb 22 2026 13:00 PM", "2026", "2026-02", "202602", "20260222", "2026-02-22T10:11:12.345ZZ", "2026-02-22T24:00:00Z", "2026-02-22T24:00:01Z", "2026-02-29T00:00:00Z", "2026-02-31", "2026-04-31T00:00:00Z", "2026-00-10", "2026-12-32", "0", "1", "12", "13", "31", "32", "49", "50", "99", "100", "999", "1000", "9999", "10000", "275760-09-13", "-271821-04-20T00:00:00Z", "-271821-04-19T00:00:00Z", "-000000-01-01T00:00:00Z", "Feb 22", "22 Feb", "Tue Feb 22 2026", "Feb 30 2026", "2026 Feb 22", "feb 22 2026", "FEB 22 2026", "Febr 22 2026", "Fe 22 2026", "January 1, 1970 00:00:00 UTC", "Thu, 01 Jan 1970 00:00:00 GMT", "1970-01-01", "1969-12-31T23:59:59.999Z", "12:00", "T10:00", "2026-02-22T10:11:12+14:00", "2026-02-22T10:11:12-12:00", "2026-02-22T10:11:12.345 +01:00", "2026-02-22T10:11:12 +01:00", "(comment) Feb 22 2026", "Feb 22 2026 (comment)", "Feb 22 2026 10:11:12 GMT+01:00", "Feb 22 2026 10:11:12 UTC", "Feb 22 2026 10:11:12 Z", "Feb 22 2026 10:11:12 z", "Feb 22 2026 10:11:12 +01", "2026.02.22", "22.02.2026", "2026-02-22T10:11:12.345Z extra", "Sun", "Feb", "2026-02-22T10:11:12,345Z", "2026-02-22T10.11.12Z", "10:11:12 2026-02-22", "10:11 Feb 22 2026", "Feb 22 10:11 2026", "2026 10:11", "1e3", "-1", "+1", "0x10", "2026-02-22T10:11:12.Z", "2026-02-22T10:11:12.5Z", "2026-02-22T10:11:12.55Z", "2026-02-22T10:11:60Z", "2026-02-22T10:60:00Z", "2026-02-22T25:00:00Z", "2026-02-22T23:59:59.9999Z", "Feb 22 2026 10:11:12.345", "Feb 22 2026 10:11:12:13", "Mon, 22 Feb 26 10:11:12 GMT", "22 Feb 26", "Feb 22 26", "1/2/3", "1/2/2026 25:00", "2026-02-22T10:11:12.345-00:00", "Sat Feb 22 2026 10:11:12 GMT-0500 (EST)", "2026-02-22T10:11:12.345z", "2026-02-22t10:11:12.345Z", "2026-02-22T10:11:12.345+0100", "2026-02-22T10:11:12+01", "2026-02-22T10:11:12.345+01:0", "+002026-02-22", "-002026-02-22", "+2026-02-22", "002026-02-22", "2026-02-22T10:11:12.345Z ", "Feb 22 2026 GMT", "Feb 22 2026 10:11:12 GMT+1", "Feb 22 2026 10:11:12 GMT+10", "Feb 22 2026 10:11:12 GMT+100", "Feb 22 2026 10:11:12 GMT+1000", "Feb 22 2026 10:11:12 GMT+10000", "Feb 22 2026 10:11:12 UTC-0330", "Feb 22 2026 10:11:12 MST", "Feb 22 2026 10:11:12 CDT", "Feb 22 2026 10:11:12 AMT", "12 Feb 2026 10:11:12 a.m.", "Feb 22 2026 0:0:0", "Feb 22 2026 24:00", "Feb 22 2026 10:11 pm", "Feb 22 2026 10 PM", "Feb 22 2026 10PM", "Feb 22 2026 T10:11", "22/02/2026", "2026-02-22T10:11:12.345+01:00:00", "2026-02-22 T10:11", "2026-02-22T10:11:12.345Z[UTC]", "Feb 22 -2026", "Feb 22 0", "Feb 22 1", "Feb 22 49", "Feb 22 50", "Feb 22 100", "2026-1", "2026-13", "2026-02-00", "2026-02-22T", "2026-02-22T10"];
const LENIENT_TIMESTAMPS = ['2026-02-30T00:00:00Z', '2026-02-22T24:00:00Z', '2026-2-3', '123', '0', '5', '2026', '1970-01-01T00:00:00Z',
  '1900-01-01', '0001-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z', '+275760-09-13T00:00:00.000Z', '-000001-01-01T00:00:00Z',
  '2000-01-01', 'Feb 22 2026', 'Sun, 22 Feb 2026 00:00:00 GMT', '2026-02-22T00:00:00.123456Z', '2026-02-22 00:00:00'];

// A timestamp field value. ctx = {now, threshold}. Returns {node, parsed: ms|null, kind, form} where
// kind is 'fresh' | 'stale' | 'none' as the reference will see it for the whole run.
function classify(ms, ctx) {
  if (ms === null) return 'none';
  const ageNow = ctx.now - ms;
  if (ageNow > ctx.threshold) return 'stale';
  if (ageNow + SLACK_MS < ctx.threshold && !(ms > ctx.now - 1000 && ms < ctx.now + FUTURE_MIN_MS)) return 'fresh';
  return 'ambiguous';
}

function dateParse(v) {
  const s = jsSafeString(v).trim();
  if (!s) return null;
  const p = Date.parse(s);
  return Number.isFinite(p) ? p : null;
}

function pickInstant(want, ctx, rng) {
  const { now, threshold } = ctx;
  if (want === 'fresh') {
    if (threshold > SLACK_MS + 60_000 && rng.bool(0.75)) {
      const span = Math.min(threshold - SLACK_MS - 1000, 30 * DAY);
      return now - Math.floor(rng.next() * span) - 1000;
    }
    return now + FUTURE_MIN_MS + Math.floor(rng.next() * rng.pick([DAY, 30 * DAY, 3650 * DAY]));
  }
  // stale
  const extra = rng.weighted([[3, () => rng.int(1000, 600_000)], [3, () => rng.int(1, 30) * DAY], [1, () => rng.int(1, 60) * 365 * DAY]]);
  return Math.max(now - threshold - extra, -8.64e15 + DAY); // huge thresholds: keep a valid Date
}

function timestampValue(want, ctx, rng) {
  for (let attempt = 0; attempt < 12; attempt++) {
    let node, value, form;
    const r = rng.next();
    if (want === 'none' || r < 0.04) {
      // unparseable, in many shapes
      ({ node, value, form } = rng.weighted([
        [6, () => { const t = rng.pick(GARBAGE_TIMESTAMPS); return { node: str(t, rng), value: t, form: 'garbage' }; }],
        [2, () => { const n = rng.pick(['1700000000000', '1.7e12', '-1']); return { node: raw(n), value: Number(n), form: 'number' }; }],
        [1, () => ({ node: raw('null'), value: null, form: 'null' })],
        [1, () => ({ node: raw('""'), value: '', form: 'empty' })],
        [1, () => ({ node: raw('"   "'), value: '   ', form: 'blank' })],
        [1, () => ({ node: raw(rng.pick(['true', 'false'])), value: true, form: 'boolean' })],
        [1, () => ({ node: raw('{}'), value: {}, form: 'object' })],
        [1, () => ({ node: raw('[]'), value: [], form: 'empty-array' })],
      ]));
    } else if (r < 0.1) {
      const t = rng.bool(0.6) ? rng.pick(TORTURE_TIMESTAMPS) : rng.pick(LENIENT_TIMESTAMPS);
      ({ node, value, form } = { node: str(t, rng), value: t, form: 'lenient' });
    } else if (r < 0.14) {
      // numbers and arrays that stringify to something Date.parse may read
      ({ node, value, form } = rng.weighted([
        [2, () => { const n = rng.pick(['2026', '2000', '0', '5', '123', '1', '12']); return { node: raw(n), value: Number(n), form: 'small-number' }; }],
        [3, () => { const f = formatInstant(pickInstant(want, ctx, rng), rng); return { node: arr([str(f.text, rng)]), value: [f.text], form: `array(${f.form})` }; }],
        [1, () => { const f = formatInstant(pickInstant(want, ctx, rng), rng); return { node: arr([str(f.text, rng), str('x', rng)]), value: [f.text, 'x'], form: 'array2' }; }],
        [1, () => { const f = formatInstant(pickInstant(want, ctx, rng), rng); return { node: arr([arr([str(f.text, rng)])]), value: [[f.text]], form: 'nested-array' }; }],
      ]));
    } else {
      const f = formatInstant(pickInstant(want, ctx, rng), rng);
      ({ node, value, form } = { node: str(f.text, rng), value: f.text, form: f.form });
    }
    const parsed = dateParse(value);
    const kind = classify(parsed, ctx);
    if (kind === 'ambiguous') continue;
    return { node, parsed, kind, form };
  }
  return { node: str('garbage', rng), parsed: null, kind: 'none', form: 'garbage' };
}

// An mtime (ms, possibly fractional) that is robustly fresh or stale.
function mtimeFor(want, ctx, rng) {
  let ms;
  if (want === 'stale') ms = pickInstant('stale', ctx, rng);
  else ms = pickInstant('fresh', ctx, rng);
  if (rng.bool(0.75)) ms += Math.floor(rng.next() * 1_000_000) / 1_000_000; // sub-ms part, as real files have
  return ms;
}

// ---------------------------------------------------------------------------------------------
// Ids

function omxSessionId(rng) {
  return rng.weighted([
    [6, () => `omx-${rng.chars(ALNUM, 10)}`],
    [2, () => `sess-${rng.chars(ALNUM, rng.int(3, 8))}`],
    [1, () => rng.chars(ALNUM + '_-', rng.int(1, 64))],
    [1, () => `${Date.UTC(2026, 0, 1) + rng.int(0, 1e9)}-${rng.chars(ALNUM, 6)}`],
  ]);
}
function uuidish(rng) {
  return `019a${rng.chars(HEX, 4)}-${rng.chars(HEX, 4)}-7${rng.chars(HEX, 3)}-${rng.chars(HEX, 4)}-${rng.chars(HEX, 12)}`;
}
function codexSessionId(rng) {
  return rng.weighted([[12, () => uuidish(rng)], [4, () => `codex-session-${rng.int(1, 9)}`], [2, () => String(rng.int(1, 99999))],
    [2, () => rng.pick(['1.5', '100', '1e+21', '0.000001', '1e-7', '123456789', '0.1', '-5'])], [1, () => rng.pick(['[object Object]', 'true', 'a,b'])]]);
}

// JSON spellings of a value whose JavaScript String() is `id` (numbers in other notations,
// objects and arrays for "[object Object]" and "a,b", true for "true").
function jsonSpellingsOf(id) {
  if (id === '[object Object]') return ['{}', '{"a":1}'];
  if (id === 'true') return ['true'];
  if (id === 'a,b') return ['["a","b"]', '["a",["b"]]'];
  const n = Number(id);
  if (id.trim() === '' || !Number.isFinite(n) || String(n) !== id) return [];
  const cands = [id, `${id}.0`, n.toExponential(), n.toExponential().toUpperCase(), n.toExponential().replace('+', ''),
    `${n * 10}e-1`, `${n / 10}e1`, `${n / 100}E+2`, n.toFixed(Math.min(20, Math.max(0, -Math.floor(Math.log10(Math.abs(n) || 1)) + 3)))];
  const jsonNumber = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;
  return [...new Set(cands.filter((c) => jsonNumber.test(c) && String(Number(c)) === id))];
}
function threadId(rng) {
  return rng.weighted([[5, () => uuidish(rng)], [2, () => `thread-${rng.chars(ALNUM, 6)}`], [1, () => String(rng.int(1, 9999))]]);
}
const INVALID_SESSION_NAMES = ['bad.name', 'has space', 'a'.repeat(65), '.hidden', 'x:y', 'sess-é', 'ünï', '-', '_'];
const PAD = () => ['', ' ', '  ', '\t', '\n', '\u00a0', '\u3000', '\u2028', '\ufeff', '\u0001', '\u000b', '\u0085', '\u180e', '\u200b'];

function padded(rng, s, p = 0.5) {
  if (!rng.bool(p)) return s;
  return rng.pick(PAD()) + s + rng.pick(PAD());
}

// An owner id value (JSON node) that stringifies (String(v).trim()) to `id` or to something close.
function ownerNode(id, rng, match = true) {
  return rng.weighted([
    [12, () => str(id, rng)],
    [3, () => str(rng.pick([' ', '  ', '\t', '\n', '\u00a0', '\u3000', '\ufeff']) + id + rng.pick(['', ' ', '\n', '\u2028', '\u00a0']), rng)],
    [1, () => str(rng.pick(['\u0001', '\u0085', '\u200b', '\u180e']) + id, rng)],
    [3, () => { const sp = jsonSpellingsOf(id); return sp.length ? raw(rng.pick(sp)) : str(id, rng); }],
    [2, () => arr([str(id, rng)])],
    [1, () => arr([arr([str(id, rng)])])],
    [1, () => arr([str(id, rng), str('other', rng)])],
    [1, () => arr([raw('null'), str(id, rng)])],
    [1, () => str(id.toUpperCase(), rng)],
    [1, () => str(id, rng, 0.5)],
  ]);
}

function nonIdOwner(rng) {
  return rng.weighted([
    [3, () => raw('""')], [2, () => raw('"   "')], [2, () => raw('null')], [1, () => raw('[]')], [1, () => raw('{}')],
    [1, () => raw('false')], [1, () => raw('0')], [1, () => raw('[""]')], [1, () => raw('"\\u00a0"')],
  ]);
}

// ---------------------------------------------------------------------------------------------
// Ralph documents

const TERMINAL = ['blocked_on_user', 'complete', 'failed', 'cancelled', 'interrupted'];
const NONTERMINAL = ['executing', 'verifying', 'planning', 'fixing', 'starting', 'completed', 'cancel', 'done', 'blocked', ''];

function phaseNode(terminal, rng) {
  if (terminal) {
    const p = rng.pick(TERMINAL);
    return rng.weighted([
      [8, () => str(p, rng)],
      [2, () => str(p.toUpperCase(), rng)],
      [1, () => str(p[0].toUpperCase() + p.slice(1), rng)],
      [2, () => str(rng.pick([' ', '\t', '\n', '\u00a0', '\u3000', '\ufeff']) + p + rng.pick(['', ' ', '\n', '\u2028']), rng)],
      [2, () => arr([str(p, rng)])],
      [1, () => arr([arr([str(p, rng)])])],
    ]);
  }
  return rng.weighted([
    [10, () => str(rng.pick(NONTERMINAL), rng)],
    [1, () => raw(rng.pick(['null', '0', '1', 'true', '{}', '[]']))],
    [1, () => arr([str('complete', rng), str('failed', rng)])],
    [1, () => str(rng.pick(['\u0001complete', 'complete\u0085', '\u200bfailed', 'İnterrupted', 'FAİLED', 'complete.', 'cancelled!', 'ınterrupted']), rng)],
  ]);
}

// Builds a Ralph document. opts:
//   active: 'true' | 'false' | 'other' | 'absent'
//   terminal: boolean
//   fresh: 'fresh' | 'stale' | 'none'
//   owners: { session?: node|null, thread?: node|null, omx?: node|null }
//   pane: node|null
// Returns { buf, freshness: 'fresh'|'stale'|'none', mtimeWant }.
function ralphDocument(rng, ctx, opts) {
  setDocEscapeRate(rng);
  const entries = [];
  const add = (k, v) => entries.push([keyNode(k, rng), v]);
  const known = [];
  if (opts.active !== 'absent') {
    known.push(['active', opts.active === 'true' ? raw('true') : opts.active === 'false' ? raw('false')
      : rng.pick([raw('"true"'), raw('1'), raw('null'), raw('[true]'), raw('{}'), raw('"yes"')])]);
  }
  known.push(['iteration', rng.bool(0.9) ? raw(String(rng.int(0, 20))) : numberNode(rng)]);
  known.push(['max_iterations', rng.bool(0.9) ? raw(String(rng.pick([10, 20, 50, 100]))) : numberNode(rng)]);
  if (rng.bool(0.92)) known.push(['current_phase', phaseNode(opts.terminal, rng)]);
  else if (opts.terminal) known.push(['current_phase', phaseNode(true, rng)]);
  if (rng.bool(0.7)) known.push(['started_at', str(new Date(ctx.now - rng.int(0, 90) * DAY).toISOString(), rng)]);

  // activity timestamps
  const fields = ['updated_at', 'last_turn_at', 'tmux_pane_set_at'];
  const ts = [];
  let gotFresh = false;
  for (const f of fields) {
    let want;
    if (opts.fresh === 'none') { if (!rng.bool(0.35)) continue; want = 'none'; }
    else if (opts.fresh === 'stale') { if (!rng.bool(0.65)) continue; want = rng.bool(0.85) ? 'stale' : 'none'; }
    else { if (!rng.bool(0.65)) continue; want = rng.bool(0.5) ? 'fresh' : rng.weighted([[3, 'stale'], [1, 'none']]); }
    const v = timestampValue(want, ctx, rng);
    if (v.kind === 'fresh') gotFresh = true;
    ts.push([f, v]);
  }
  if (opts.fresh === 'fresh' && !gotFresh) {
    const f = rng.pick(fields.filter((x) => !ts.some(([k]) => k === x)).concat(['updated_at']));
    const v = timestampValue('fresh', ctx, rng);
    const i = ts.findIndex(([k]) => k === f);
    if (i >= 0) ts[i] = [f, v]; else ts.push([f, v]);
  }
  // the actual outcome, as the reference will compute it (newest parsed value wins)
  let newest = null;
  for (const [, v] of ts) if (v.parsed !== null && (newest === null || v.parsed > newest.parsed)) newest = v;
  const freshness = newest ? newest.kind : 'none';
  for (const [f, v] of ts) known.push([f, v.node]);

  if (opts.owners.omx !== undefined && opts.owners.omx !== null) known.push(['owner_omx_session_id', opts.owners.omx]);
  if (opts.owners.session !== undefined && opts.owners.session !== null) known.push(['owner_codex_session_id', opts.owners.session]);
  if (opts.owners.thread !== undefined && opts.owners.thread !== null) known.push(['owner_codex_thread_id', opts.owners.thread]);
  if (opts.pane) known.push(['tmux_pane_id', opts.pane]);
  if (rng.bool(0.15)) known.push(['completed_at', rng.bool(0.7) ? str(new Date(ctx.now - rng.int(1, 50) * DAY).toISOString(), rng) : raw('null')]);
  if (rng.bool(0.15)) known.push(['stop_reason', str(rng.pick(['ownership_transferred', 'stale_active_state', 'user', '']), rng)]);
  if (rng.bool(0.06)) {
    known.push(['abandoned_at', str(new Date(ctx.now - rng.int(1, 50) * DAY).toISOString(), rng)]);
    known.push(['stale_resume_age_ms', numberNode(rng)]);
    known.push(['stale_resume_threshold_ms', raw('86400000')]);
    known.push(['stale_resume_timestamp_source', str(rng.pick(['updated_at', 'mtime', 'missing_mtime']), rng)]);
  }
  if (rng.bool(0.05)) known.push(['tmux_window_id', str('@' + rng.int(0, 9), rng)]);

  // unknown fields
  const extras = [];
  const nExtra = rng.weighted([[4, 0], [4, () => rng.int(1, 3)], [2, () => rng.int(4, 10)]]);
  for (let i = 0; i < nExtra; i++) {
    const k = rng.bool(0.2) ? rng.pick(ODD_KEYS) : rng.pick(PLAIN_KEYS);
    extras.push([k, rng.bool(0.01) ? deepNode(rng) : anyValue(rng)]);
  }
  // order: mostly the known fields in their usual order with extras interleaved
  let all = known.concat(extras);
  if (rng.bool(0.3)) rng.shuffle(all);
  else {
    all = known.slice();
    for (const e of extras) all.splice(rng.int(0, all.length), 0, e);
  }
  // duplicate keys: an earlier spelling is overridden by a later one (last wins, first position)
  if (rng.bool(0.08)) {
    const i = rng.int(0, all.length - 1);
    if (all.length) all.splice(rng.int(0, i), 0, [all[i][0], rng.bool() ? raw('false') : anyValue(rng)]);
  }
  for (const [k, v] of all) add(k, v);
  if (rng.bool(0.03)) {
    // the key "active" spelled with an escape
    const i = entries.findIndex(([k]) => k.buf.toString() === '"active"');
    if (i >= 0) entries[i][0] = raw(rng.pick(['"\\u0061ctive"', '"act\\u0069ve"']));
  }
  const buf = emit(obj(entries), rng);
  const mtimeWant = freshness === 'none' ? (rng.bool(0.5) ? 'fresh' : 'stale') : rng.pick(['fresh', 'stale']);
  return { buf, freshness, mtimeWant };
}

// ---------------------------------------------------------------------------------------------
// The case

function readProc1() {
  try {
    const stat = fs.readFileSync('/proc/1/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 1).trim().split(/\s+/);
    const cmdline = fs.readFileSync('/proc/1/cmdline', 'utf8').replace(/\u0000+/g, ' ').trim();
    return { ticks: Number(fields[19]), cmdline };
  } catch {
    return { ticks: 0, cmdline: '' };
  }
}
function readProc2() {
  try {
    const stat = fs.readFileSync('/proc/2/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 1).trim().split(/\s+/);
    return { ticks: Number(fields[19]) };
  } catch {
    return null;
  }
}

function writeFile(p, buf) {
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, buf);
}
function setMtime(p, ms) {
  const sec = ms / 1000;
  fs.utimesSync(p, sec, sec);
}

// session.json: returns { buf, usable: boolean-ish note }
function sessionJson(rng, ctx, currentId) {
  const P = ctx.proj;
  const proc1 = readProc1();
  const entries = [];
  setDocEscapeRate(rng);
  const add = (k, v) => entries.push([str(k, rng), v]);
  const idNode = rng.weighted([
    [40, () => str(currentId, rng)],
    [2, () => str(' ' + currentId + ' ', rng)],
    [1, () => raw(String(rng.int(1, 99999)))],
    [1, () => arr([str(currentId, rng)])],
    [1, () => raw(rng.pick(['true', 'null', '{}', '[]', '""', '"bad id"', `"${'a'.repeat(65)}"`, '["a","b"]', '-1', '1.5']))],
  ]);
  const notes = [];
  if (!rng.bool(0.05)) add('session_id', idNode);
  else notes.push('no session_id');
  if (rng.bool(0.3)) add('native_session_id', str(uuidish(rng), rng));
  add('started_at', str(new Date(ctx.now - rng.int(0, 5) * DAY).toISOString(), rng));
  // cwd
  const cwdMode = rng.weighted([[8, 'absent'], [12, 'match-abs'], [1, 'match-trailing-slash'], [1, 'match-dot'], [1, 'match-relative'],
    [1, 'match-symlink'], [2, 'other-dir'], [1, 'missing-dir'], [1, 'blank'], [0.5, 'number'], [0.5, 'padded'], [1, 'state-dir']]);
  notes.push(`cwd:${cwdMode}`);
  const R = ROOT_PLACEHOLDER;
  const cwdValue = {
    'match-abs': () => str(`${R}/${P}`, rng, 0),
    'match-trailing-slash': () => str(`${R}/${P}/`, rng, 0),
    'match-dot': () => str(`${R}/${P}/./.omx/..`, rng, 0),
    'match-relative': () => str(P, rng, 0),
    'match-symlink': () => str(`${R}/plink`, rng, 0),
    'other-dir': () => str(`${R}/elsewhere`, rng, 0),
    'missing-dir': () => str(`${R}/nope/${P}`, rng, 0),
    blank: () => raw(rng.pick(['""', '"  "'])),
    number: () => raw('42'),
    padded: () => str(` ${R}/${P} `, rng, 0),
    'state-dir': () => str(`${R}/${P}/.omx/state`, rng, 0),
  }[cwdMode];
  if (cwdValue) add('cwd', cwdValue());
  // process identity
  const pidMode = rng.weighted([[14, 'none'], [14, 'pid1-ok'], [3, 'pid1-cmd-ws'], [1.5, 'pid1-cmd-unicode-ws'], [2, 'pid1-no-cmd'], [1.5, 'pid1-wrong-cmd'],
    [1.5, 'pid1-wrong-ticks'], [2, 'dead'], [0.7, 'pid1-ticks-string'], [1, 'pid2-empty-cmd'], [0.7, 'pid-string'],
    [0.7, 'pid-zero'], [0.7, 'ticks-only'], [0.7, 'cmd-only'], [1, 'pid-float'], [0.7, 'pid1-no-ticks']]);
  notes.push(`pid:${pidMode}`);
  const cmd = proc1.cmdline;
  const ticks = proc1.ticks;
  switch (pidMode) {
    case 'none': break;
    case 'pid1-ok': add('pid', raw('1')); add('pid_start_ticks', raw(rng.pick([String(ticks), `${ticks}.0`, `${ticks}e0`]))); add('pid_cmdline', str(cmd, rng, 0)); break;
    case 'pid1-cmd-unicode-ws': add('pid', raw('1')); add('pid_start_ticks', raw(String(ticks))); add('pid_cmdline', str(cmd.replace(/ /g, () => rng.pick(['\u00a0', '\u2003', '\ufeff', '\u3000', '\u2028', '\u000b', '\f', '\r\n', '\u0085', '\u180e', '\u200b'])) + rng.pick(['', '\u00a0', '\u0085']), rng, 0)); break;
    case 'pid1-cmd-ws': add('pid', raw('1')); add('pid_start_ticks', raw(String(ticks))); add('pid_cmdline', str('  ' + cmd.replace(/ /g, rng.pick(['  ', '\t', ' \n '])) + '\n', rng, 0)); break;
    case 'pid1-no-cmd': add('pid', raw('1')); add('pid_start_ticks', raw(String(ticks))); if (rng.bool()) add('pid_cmdline', raw(rng.pick(['""', '"   "', 'null']))); break;
    case 'pid1-wrong-cmd': add('pid', raw('1')); add('pid_start_ticks', raw(String(ticks))); add('pid_cmdline', str(rng.pick(['node /usr/bin/omx', cmd + ' --extra', cmd.split(' ')[0]]), rng, 0)); break;
    case 'pid1-wrong-ticks': add('pid', raw('1')); add('pid_start_ticks', raw(String(ticks + rng.pick([1, -1, 1000])))); add('pid_cmdline', str(cmd, rng, 0)); break;
    case 'dead': add('pid', raw(String(rng.pick([4194303, 3999999, 99999999, 2147483647])))); add('pid_start_ticks', raw(String(ticks))); if (rng.bool()) add('pid_cmdline', str(cmd, rng, 0)); break;
    case 'pid1-ticks-string': add('pid', raw('1')); add('pid_start_ticks', str(String(ticks), rng)); add('pid_cmdline', str(cmd, rng, 0)); break;
    case 'pid2-empty-cmd': { const p2 = readProc2(); add('pid', raw('2')); add('pid_start_ticks', raw(String(p2 ? p2.ticks : 0))); if (rng.bool()) add('pid_cmdline', rng.bool() ? raw('""') : str('kthreadd', rng)); break; }
    case 'pid-string': add('pid', raw('"1"')); if (rng.bool()) add('pid_start_ticks', raw(String(ticks))); break;
    case 'pid-zero': add('pid', raw(rng.pick(['0', '-1']))); if (rng.bool()) add('pid_start_ticks', raw(String(ticks))); break;
    case 'ticks-only': add('pid_start_ticks', raw(String(ticks))); break;
    case 'cmd-only': add('pid_cmdline', str(rng.bool() ? cmd : '', rng, 0)); break;
    case 'pid-float': add('pid', raw(rng.pick(['1.0', '1.5', '1e0']))); add('pid_start_ticks', raw(String(ticks))); break;
    case 'pid1-no-ticks': add('pid', raw('1')); add('pid_cmdline', str(cmd, rng, 0)); break;
  }
  if (rng.bool(0.6)) add('platform', str('linux', rng));
  if (rng.bool(0.2)) add('tmux_session_name', str('omx-' + rng.chars(ALNUM, 4), rng));
  if (rng.bool(0.1)) add('extra', anyValue(rng));
  const style = rng.bool() ? { indent: '  ', nl: '\n', colon: ': ' } : undefined;
  let buf = emit(obj(entries), rng, style);
  const broken = rng.weighted([[50, null], [1, 'broken'], [1, 'non-object']]);
  if (broken === 'broken') { const b = brokenDocument(rng, buf); buf = b.buf; notes.push(`broken:${b.kind}`); }
  if (broken === 'non-object') { buf = Buffer.from(rng.pick(['null', '[]', `["${currentId}"]`, `"${currentId}"`, '0', 'true'])); notes.push('non-object'); }
  return { buf, notes };
}

export function generateCase(seed, root) {
  const rng = makeRng(seed);
  const now = Date.now();
  const tags = [];
  const notes = [];
  const env = {};
  // the project dir: mostly plain, sometimes a name a Java launcher must decode (not ASCII, spaces)
  const P = rng.weighted([[96, 'proj'], [4, () => rng.pick(['café', 'проект', 'my proj', '日本語', 'naïve app'])]]);
  if (/[^\x00-\x7f]/.test(P)) tags.push('non-ascii-path');
  const proj = path.join(root, P);
  const stateDir = path.join(proj, '.omx', 'state');
  const sessionsDir = path.join(stateDir, 'sessions');
  fs.mkdirSync(path.join(root, 'elsewhere'), { recursive: true });
  fs.symlinkSync(P, path.join(root, 'plink'));

  // thresholds
  const THRESHOLD_TEXTS = ['1000', '1000abc', '0', '-5', '1e3', ' 60000 ', '', '  ', '3600000', '+120000', '0x10', '1.9',
    '99999999999999999999', '\u00a0600000', '６００００', '86400000', '600000', '7200000', '5000', '2', 'abc', '1_000', '172800000', '\t900000\n'];
  const active = rng.weighted([[55, undefined], [45, () => rng.pick(THRESHOLD_TEXTS)]]);
  const resume = rng.weighted([[75, undefined], [25, () => rng.pick(THRESHOLD_TEXTS)]]);
  if (active !== undefined) env.OMX_RALPH_ACTIVE_STATE_STALE_MS = active;
  if (resume !== undefined) env.OMX_RALPH_RESUME_STALE_MS = resume;
  const threshold = parsePositiveInteger(active) ?? parsePositiveInteger(resume) ?? DEFAULT_THRESHOLD;
  const ctx = { now, threshold, proj: P };
  notes.push(`threshold=${threshold}`);

  // a quarter of the cases lean towards a transfer: a matching fresh prior and no current document
  const resumeBias = rng.bool(0.25);
  if (resumeBias) notes.push('resume-bias');

  // payload identity
  const codexId = codexSessionId(rng);
  const threadIdValue = threadId(rng);
  const args = [];
  const payloadSession = resumeBias && rng.bool(0.8) ? { kind: 'match', text: codexId } : rng.weighted([
    [65, () => ({ kind: 'match', text: codexId })], [12, () => ({ kind: 'absent' })], [4, () => ({ kind: 'empty', text: '' })],
    [4, () => ({ kind: 'blank', text: rng.pick([' ', '   ', '\t']) })], [8, () => ({ kind: 'padded', text: padded(rng, codexId, 1) })],
    [6, () => ({ kind: 'other', text: codexSessionId(rng) })], [1, () => ({ kind: 'nbsp', text: '\u00a0' + codexId })],
  ]);
  const payloadThread = rng.weighted([
    [35, () => ({ kind: 'match', text: threadIdValue })], [45, () => ({ kind: 'absent' })], [3, () => ({ kind: 'empty', text: '' })],
    [3, () => ({ kind: 'blank', text: '  ' })], [6, () => ({ kind: 'padded', text: ' ' + threadIdValue + rng.pick([' ', '\n', '\t']) })],
    [5, () => ({ kind: 'other', text: threadId(rng) })],
  ]);
  notes.push(`payload-session:${payloadSession.kind}`, `payload-thread:${payloadThread.kind}`);

  // current session
  const currentId = omxSessionId(rng);
  const currentMode = rng.weighted([
    [34, 'env-omx'], [6, 'env-codex'], [4, 'env-session'], [8, 'env-missing-dir'], [34, 'session-json'], [3, 'none'],
    [2, 'env-padded'], [2, 'env-dir-is-file'], [2, 'env-dir-symlink'],
  ]);
  notes.push(`current:${currentMode}`);
  let currentDirExists = true;
  const currentDir = path.join(sessionsDir, currentId);
  const invalidEnvId = () => rng.pick(['bad id', '', '   ', 'a'.repeat(65), '../x', 'x/y', 'ü', 'a.b', '$HOME', '\u00a0']);
  let writeSessionJson = false;
  let sessionJsonId = currentId;
  switch (currentMode) {
    case 'env-omx': env.OMX_SESSION_ID = currentId; if (rng.bool(0.2)) env.CODEX_SESSION_ID = omxSessionId(rng); break;
    case 'env-codex': if (rng.bool()) env.OMX_SESSION_ID = invalidEnvId(); env.CODEX_SESSION_ID = currentId; if (rng.bool(0.3)) env.SESSION_ID = omxSessionId(rng); break;
    case 'env-session': if (rng.bool()) env.OMX_SESSION_ID = invalidEnvId(); if (rng.bool()) env.CODEX_SESSION_ID = invalidEnvId(); env.SESSION_ID = currentId; break;
    case 'env-padded': env.OMX_SESSION_ID = padded(rng, currentId, 1); break;
    case 'env-missing-dir': {
      // the first valid env id names a dir that does not exist: later names are not tried,
      // session.json decides (it may name another session, whose dir exists)
      const ghost = omxSessionId(rng);
      env.OMX_SESSION_ID = ghost;
      if (rng.bool(0.5)) env.CODEX_SESSION_ID = currentId;
      writeSessionJson = rng.bool(0.85);
      break;
    }
    case 'session-json': writeSessionJson = true; if (rng.bool(0.15)) env.OMX_SESSION_ID = invalidEnvId(); break;
    case 'none': currentDirExists = rng.bool(0.5); break;
    case 'env-dir-is-file': env.OMX_SESSION_ID = currentId; currentDirExists = false; tags.push('session-dir-is-file'); break;
    case 'env-dir-symlink': env.OMX_SESSION_ID = currentId; currentDirExists = false; tags.push('known:symlink'); break;
  }
  if (writeSessionJson) {
    const sj = sessionJson(rng, ctx, sessionJsonId);
    writeFile(path.join(stateDir, 'session.json'), sj.buf);
    notes.push(...sj.notes.map((n) => `session.json ${n}`));
  }
  if (currentMode === 'env-dir-is-file') writeFile(currentDir, Buffer.from('not a dir\n'));
  if (currentMode === 'env-dir-symlink') {
    fs.mkdirSync(path.join(root, 'elsewhere', 'cur'), { recursive: true });
    fs.mkdirSync(sessionsDir, { recursive: true });
    fs.symlinkSync(path.join('..', '..', '..', '..', 'elsewhere', 'cur'), currentDir);
  }
  if (currentDirExists && rng.bool(0.9)) fs.mkdirSync(currentDir, { recursive: true });

  // the current Ralph document
  const paneNow = rng.weighted([[55, undefined], [45, () => `%${rng.int(0, 200)}`]]);
  if (paneNow !== undefined) env.TMUX_PANE = paneNow;
  const currentRalphPath = path.join(currentDir, 'ralph-state.json');
  const currentDocMode = currentMode === 'env-dir-is-file' || (resumeBias && rng.bool(0.85)) ? 'missing' : rng.weighted([
    [45, 'missing'], [20, 'active-fresh'], [9, 'active-stale'], [4, 'active-none'], [11, 'inactive'], [3, 'active-terminal'],
    [12, 'unreadable'], [2, 'directory'], [2, 'symlink'], [1, 'dangling-symlink'],
  ]);
  notes.push(`current-doc:${currentDocMode}`);
  const currentOwners = () => {
    const o = {};
    o.omx = rng.weighted([[4, null], [4, () => ownerNode(currentId, rng)], [2, () => str(omxSessionId(rng), rng)], [1, () => nonIdOwner(rng)]]);
    o.session = rng.weighted([[4, null], [4, () => ownerNode(codexId, rng)], [1, () => str(codexSessionId(rng), rng)], [2, () => nonIdOwner(rng)]]);
    o.thread = rng.weighted([[5, null], [3, () => ownerNode(threadIdValue, rng)], [1, () => str(threadId(rng), rng)],
      [1, () => raw(String(rng.int(1, 999)))], [1, () => nonIdOwner(rng)]]);
    return o;
  };
  const paneNode = () => rng.weighted([[3, null], [3, () => (paneNow ? str(paneNow, rng) : str('%7', rng))], [2, () => str(`%${rng.int(0, 300)}`, rng)],
    [1, () => str(` ${paneNow || '%3'} `, rng)], [1, () => raw(rng.pick(['null', '42', '""', '["%3"]']))]]);
  if (currentDirExists || currentMode === 'env-dir-symlink') {
    const writeDoc = (docOpts) => {
      const d = ralphDocument(rng, ctx, docOpts);
      writeFile(currentRalphPath, d.buf);
      setMtime(currentRalphPath, mtimeFor(d.mtimeWant, ctx, rng));
      notes.push(`current-doc freshness:${d.freshness} mtime:${d.mtimeWant}`);
      return d;
    };
    switch (currentDocMode) {
      case 'missing': break;
      case 'active-fresh': writeDoc({ active: 'true', terminal: false, fresh: 'fresh', owners: currentOwners(), pane: paneNode() }); break;
      case 'active-stale': writeDoc({ active: 'true', terminal: rng.bool(0.1), fresh: 'stale', owners: currentOwners(), pane: paneNode() }); break;
      case 'active-none': writeDoc({ active: 'true', terminal: false, fresh: 'none', owners: currentOwners(), pane: paneNode() }); break;
      case 'active-terminal': writeDoc({ active: 'true', terminal: true, fresh: rng.pick(['fresh', 'stale']), owners: currentOwners(), pane: paneNode() }); break;
      case 'inactive': writeDoc({ active: rng.pick(['false', 'false', 'other', 'absent']), terminal: rng.bool(), fresh: rng.pick(['fresh', 'stale', 'none']), owners: currentOwners(), pane: paneNode() }); break;
      case 'unreadable': {
        const d = ralphDocument(rng, ctx, { active: 'true', terminal: false, fresh: 'fresh', owners: currentOwners(), pane: null });
        const b = brokenDocument(rng, d.buf);
        writeFile(currentRalphPath, b.buf);
        setMtime(currentRalphPath, mtimeFor(rng.pick(['fresh', 'stale']), ctx, rng));
        notes.push(`current-doc broken:${b.kind}`);
        break;
      }
      case 'directory': fs.mkdirSync(currentRalphPath, { recursive: true }); if (rng.bool()) writeFile(path.join(currentRalphPath, 'x'), Buffer.from('{}')); break;
      case 'symlink': {
        tags.push('known:symlink');
        const d = ralphDocument(rng, ctx, { active: rng.pick(['true', 'false']), terminal: false, fresh: rng.pick(['fresh', 'stale']), owners: currentOwners(), pane: paneNode() });
        const target = path.join(root, 'elsewhere', `current-target-${rng.int(0, 99)}.json`);
        writeFile(target, d.buf);
        setMtime(target, mtimeFor(d.mtimeWant, ctx, rng));
        fs.mkdirSync(path.dirname(currentRalphPath), { recursive: true });
        fs.symlinkSync(path.relative(path.dirname(currentRalphPath), target), currentRalphPath);
        notes.push(`current-doc freshness:${d.freshness}`);
        break;
      }
      case 'dangling-symlink':
        tags.push('known:symlink');
        fs.mkdirSync(path.dirname(currentRalphPath), { recursive: true });
        fs.symlinkSync('no-such-file.json', currentRalphPath);
        break;
    }
  }

  // prior sessions
  const nPrior = rng.weighted([[resumeBias ? 0 : 8, 0], [30, 1], [25, 2], [15, 3], [8, 4], [5, 5], [4, 6]]);
  for (let i = 0; i < nPrior; i++) {
    let name = omxSessionId(rng);
    const dirKind = rng.weighted([[90, 'dir'], [3, 'invalid-name'], [3, 'symlink-dir'], [2, 'file'], [2, 'no-doc']]);
    if (dirKind === 'invalid-name') name = rng.pick(INVALID_SESSION_NAMES);
    if (/[^\x00-\x7f]/.test(name)) tags.push('non-ascii-filename');
    const dir = path.join(sessionsDir, name);
    if (fs.existsSync(dir) || (() => { try { fs.lstatSync(dir); return true; } catch { return false; } })()) continue;
    if (dirKind === 'file') { writeFile(dir, Buffer.from('{}')); notes.push(`prior ${name}: file`); continue; }
    let docDir = dir;
    if (dirKind === 'symlink-dir') {
      docDir = path.join(root, 'elsewhere', `prior-${i}`);
      fs.mkdirSync(docDir, { recursive: true });
      fs.mkdirSync(sessionsDir, { recursive: true });
      fs.symlinkSync(path.relative(sessionsDir, docDir), dir);
    } else fs.mkdirSync(dir, { recursive: true });
    if (dirKind === 'no-doc') { notes.push(`prior ${name}: no doc`); continue; }
    // ownership
    const biased = resumeBias && i === 0;
    const ownerKind = biased ? (payloadSession.kind === 'match' || rng.bool(0.3) ? 'session-match' : 'thread-only') : rng.weighted([[50, 'session-match'], [10, 'session-other'], [18, 'thread-only'], [6, 'both'], [6, 'none'], [5, 'session-blank-thread']]);
    const owners = {};
    if (ownerKind === 'session-match') owners.session = ownerNode(codexId, rng);
    if (ownerKind === 'session-other') owners.session = str(codexSessionId(rng), rng);
    if (ownerKind === 'thread-only') owners.thread = rng.bool(0.85) ? ownerNode(threadIdValue, rng) : str(threadId(rng), rng);
    if (ownerKind === 'both') { owners.session = rng.bool(0.6) ? ownerNode(codexId, rng) : str(codexSessionId(rng), rng); owners.thread = ownerNode(threadIdValue, rng); }
    if (ownerKind === 'session-blank-thread') { owners.session = nonIdOwner(rng); owners.thread = ownerNode(threadIdValue, rng); }
    if (rng.bool(0.5)) owners.omx = str(name, rng);
    const activeKind = biased ? 'true' : rng.weighted([[80, 'true'], [10, 'false'], [5, 'other'], [5, 'absent']]);
    const terminal = biased ? false : rng.bool(0.15);
    const fresh = biased ? rng.weighted([[85, 'fresh'], [15, 'none']]) : rng.weighted([[65, 'fresh'], [25, 'stale'], [10, 'none']]);
    const d = ralphDocument(rng, ctx, { active: activeKind, terminal, fresh, owners, pane: rng.bool(0.6) ? str(`%${rng.int(0, 99)}`, rng) : null });
    let buf = d.buf;
    const broken = rng.bool(0.06) ? brokenDocument(rng, buf) : null;
    if (broken) buf = broken.buf;
    const p = path.join(docDir, 'ralph-state.json');
    if (rng.bool(0.03)) {
      const target = path.join(root, 'elsewhere', `prior-target-${i}.json`);
      writeFile(target, buf);
      setMtime(target, mtimeFor(d.mtimeWant, ctx, rng));
      fs.symlinkSync(path.relative(docDir, target), p);
      notes.push(`prior ${name}: doc is symlink`);
      tags.push('known:symlink');
    } else if (rng.bool(0.02)) {
      fs.mkdirSync(p, { recursive: true });
      notes.push(`prior ${name}: doc is a directory`);
      continue;
    } else {
      writeFile(p, buf);
      setMtime(p, mtimeFor(d.mtimeWant, ctx, rng));
    }
    notes.push(`prior ${name}: ${dirKind} owner=${ownerKind} active=${activeKind} terminal=${terminal} freshness=${d.freshness} mtime=${d.mtimeWant}${broken ? ' broken:' + broken.kind : ''}`);
  }
  if (rng.bool(0.05)) writeFile(path.join(sessionsDir, 'stray.json'), Buffer.from('{"active":true}'));

  // other state files that must survive
  if (rng.bool(0.3)) writeFile(path.join(stateDir, 'ralph-state.json'), Buffer.from('{"active":false,"mode":"root-scoped"}\n'));
  if (rng.bool(0.2)) writeFile(path.join(stateDir, 'hud-state.json'), Buffer.from('{"turn_count":3}'));

  // crash leftovers of atomic writes (<file>.tmp-<pid>-<ms>-<hex>) next to session documents
  if (rng.bool(0.04) && fs.existsSync(sessionsDir)) {
    const dirs = fs.readdirSync(sessionsDir).filter((n) => fs.statSync(path.join(sessionsDir, n)).isDirectory());
    if (currentDirExists && fs.existsSync(currentDir) && !dirs.includes(currentId)) dirs.push(currentId);
    for (const d of dirs) {
      if (!rng.bool(0.6)) continue;
      const ms = now - rng.pick([5_000, 90_000, DAY, 30 * DAY]);
      const pid = rng.pick([4194303, 1, 3999999]);
      const p = path.join(sessionsDir, d, `ralph-state.json.tmp-${pid}-${ms}-${rng.chars(HEX, 13)}`);
      writeFile(p, Buffer.from(rng.bool() ? '{"active":true}' : '{"act'));
      setMtime(p, ms);
      tags.push('tmp-leftover');
    }
  }
  // what ours leaves after a transfer: a committed journal (the reference ignores it)
  if (rng.bool(0.05)) {
    const j = {
      schema: 'ralph-resume/transfer-journal@1',
      status: rng.pick(['committed', 'committed', 'rolled_back', 'rolled_forward']),
      transfer_id: `${rng.chars(HEX, 8)}-${rng.chars(HEX, 4)}-4${rng.chars(HEX, 3)}-8${rng.chars(HEX, 3)}-${rng.chars(HEX, 12)}`,
      updated_at: new Date(now - rng.int(1, 100) * 3_600_000).toISOString(),
      source: `sessions/${omxSessionId(rng)}/ralph-state.json`,
      target: `sessions/${currentId}/ralph-state.json`,
      original_source: { active: true, current_phase: 'executing' },
      retired_source: { active: false, current_phase: 'cancelled', stop_reason: 'ownership_transferred' },
      next_target: { active: true, current_phase: 'executing', owner_omx_session_id: currentId },
    };
    writeFile(path.join(stateDir, '.ralph-resume-transfer.json'), Buffer.from(JSON.stringify(j, null, 2)));
    notes.push(`journal:${j.status}`);
  }

  // the resume lock: a stale one (recovered) or, rarely, a live one (5 s timeout)
  let lock = 'none';
  const lockKind = rng.weighted([[130, 'none'], [4, 'stale'], [0.4, 'fresh']]);
  if (lockKind !== 'none') {
    const lockDir = path.join(stateDir, LOCK_DIR_NAME);
    if (lockKind === 'stale' && rng.bool(0.2)) {
      writeFile(lockDir, Buffer.from('')); // a file where the lock dir should be
      notes.push('lock is a file');
    } else {
      fs.mkdirSync(lockDir, { recursive: true });
      if (rng.bool(0.8)) writeFile(path.join(lockDir, 'owner'), Buffer.from(`12345.${now - 60_000}.abcdef`));
    }
    const t = lockKind === 'stale' ? (now - rng.int(11, 3600) * 1000) / 1000 : (now + 3_600_000) / 1000;
    fs.utimesSync(lockDir, t, t);
    lock = lockKind;
    tags.push(`lock-${lockKind}`);
  }

  // state dir argument
  const stateDirMode = rng.weighted([[70, 'abs'], [12, 'rel'], [4, 'rel-dot'], [3, 'trailing-slash'], [3, 'double-slash'], [3, 'via-symlink'],
    [1, 'dotdot-existing'], [1, 'dotdot-missing'], [1, 'missing'], [1, 'symlink-state']]);
  let stateDirArg;
  switch (stateDirMode) {
    case 'abs': stateDirArg = `${ROOT_PLACEHOLDER}/${P}/.omx/state`; break;
    case 'rel': stateDirArg = `${P}/.omx/state`; break;
    case 'rel-dot': stateDirArg = `./${P}/.omx/state`; break;
    case 'trailing-slash': stateDirArg = `${ROOT_PLACEHOLDER}/${P}/.omx/state/`; break;
    case 'double-slash': stateDirArg = `${ROOT_PLACEHOLDER}/${P}//.omx/state`; break;
    case 'via-symlink': stateDirArg = `${ROOT_PLACEHOLDER}/plink/.omx/state`; break;
    case 'dotdot-existing': fs.mkdirSync(path.join(proj, '.omx', 'logs'), { recursive: true }); stateDirArg = `${ROOT_PLACEHOLDER}/${P}/.omx/logs/../state`; break;
    case 'dotdot-missing': stateDirArg = rng.bool() ? `${ROOT_PLACEHOLDER}/${P}/.omx/nope/../state` : `${P}/nope/../.omx/state`; tags.push('dotdot-missing'); break;
    case 'missing':
      // the whole project has no state dir yet
      fs.rmSync(stateDir, { recursive: true, force: true });
      stateDirArg = `${ROOT_PLACEHOLDER}/${P}/.omx/state`;
      tags.push('known:state-dir-missing');
      break;
    case 'symlink-state': {
      fs.mkdirSync(stateDir, { recursive: true });
      const real = path.join(proj, '.omx', 'state-real');
      fs.renameSync(stateDir, real);
      fs.symlinkSync('state-real', stateDir);
      stateDirArg = `${ROOT_PLACEHOLDER}/${P}/.omx/state`;
      tags.push('known:state-dir-symlink');
      break;
    }
  }
  notes.push(`state-dir:${stateDirMode}`);
  if (!fs.existsSync(stateDir) && !tags.includes('known:state-dir-missing')) tags.push('known:state-dir-missing');

  args.push('reconcile', '--state-dir', stateDirArg);
  if (payloadSession.kind !== 'absent') args.push('--codex-session-id', payloadSession.text);
  if (payloadThread.kind !== 'absent') args.push('--thread-id', payloadThread.text);
  args.push('--json');
  if (rng.bool(0.3)) { // argument order does not matter
    const tail = args.splice(1);
    const pairs = [];
    for (let i = 0; i < tail.length; i++) pairs.push(tail[i] === '--json' ? [tail[i]] : [tail[i], tail[++i]]);
    args.push(...rng.shuffle(pairs).flat());
  }
  // non-ASCII in the environment or the arguments
  const nonAscii = Object.values(env).some((v) => /[^\x00-\x7f]/.test(v)) || args.some((a) => /[^\x00-\x7f]/.test(a));
  if (nonAscii) tags.push('non-ascii-input');
  return { seed, genAtMs: now, env, args, tags: [...new Set(tags)], lock, notes, threshold };
}

// Replaces @ROOT@ inside files (session.json) and returns the args/env with it substituted.
export function materializeRoot(root, desc) {
  const abs = path.resolve(root);
  const walk = (dir) => {
    for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, ent.name);
      if (ent.isDirectory()) walk(p);
      else if (ent.isFile()) {
        const buf = fs.readFileSync(p);
        if (buf.includes(ROOT_PLACEHOLDER)) {
          const st = fs.statSync(p, { bigint: true });
          const text = buf.toString('latin1').split(ROOT_PLACEHOLDER).join(Buffer.from(abs).toString('latin1'));
          fs.writeFileSync(p, Buffer.from(text, 'latin1'));
          // keep the mtime exactly (ns) via a helper-free approach: seconds with fraction
          fs.utimesSync(p, Number(st.atimeNs) / 1e9, Number(st.mtimeNs) / 1e9);
        }
      }
    }
  };
  walk(abs);
  return {
    args: desc.args.map((a) => a.split(ROOT_PLACEHOLDER).join(abs)),
    env: Object.fromEntries(Object.entries(desc.env).map(([k, v]) => [k, v.split(ROOT_PLACEHOLDER).join(abs)])),
  };
}

// CLI
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const get = (name) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };
  const seed = Number(get('--seed'));
  const out = get('--out');
  if (!Number.isInteger(seed) || !out) {
    process.stderr.write('usage: node parity/generate.mjs --seed N --out DIR\n');
    process.exit(2);
  }
  fs.mkdirSync(out, { recursive: true });
  if (fs.readdirSync(out).length) { process.stderr.write(`generate: ${out} is not empty\n`); process.exit(2); }
  const desc = generateCase(seed, out);
  const { args, env } = materializeRoot(out, desc);
  process.stdout.write(JSON.stringify({ ...desc, args, env, root: path.resolve(out) }, null, 2) + '\n');
}
