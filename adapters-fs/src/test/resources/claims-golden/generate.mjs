#!/usr/bin/env node
// Generates the claims golden table from real Node: for document bytes and payload ids, whether the
// TypeScript original's scan (scanMatchingRalphCandidates, before freshness) counts the document as
// the payload's loop. CandidateBytesTest checks against it that the file store never leaves out a
// document the original would claim, and that the rule judges every row as Node does.
//
//   adapters-fs/src/test/resources/claims-golden/claims.tsv
//     name <TAB> base64(file bytes) <TAB> payload session id <TAB> payload thread id <TAB>
//     session | thread | none
//   where each payload id is its UTF-16 code units in hex, space separated (lone surrogates too).
//
// The payload ids are given as the hook receives them; the original trims them. Usage, from the
// repository root:  node adapters-fs/src/test/resources/claims-golden/generate.mjs
// Everything is fixed: re-running with the same Node version reproduces the file byte for byte.

import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));

// ---- the original's rules (seed/ralph-session-resume.ts and REFERENCE.md's safeString) ----
const TERMINAL = new Set(['blocked_on_user', 'complete', 'failed', 'cancelled', 'interrupted']);
function safeString(value) {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  return String(value);
}
function readJson(bytes) {
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf-8'));
  } catch {
    return null;
  }
}
function isActiveRalphCandidate(state) {
  if (!state || typeof state !== 'object') return false;
  return state.active === true && !TERMINAL.has(safeString(state.current_phase).trim().toLowerCase());
}
/** 'session' | 'thread' | 'none': how the scan claims the document for the payload. */
function claim(bytes, payloadSessionId, payloadThreadId) {
  const session = safeString(payloadSessionId).trim();
  const thread = safeString(payloadThreadId).trim();
  const state = readJson(bytes);
  if (!isActiveRalphCandidate(state)) return 'none';
  const ownerSessionId = safeString(state.owner_codex_session_id).trim();
  const ownerThreadId = safeString(state.owner_codex_thread_id).trim();
  if (ownerSessionId) return session && ownerSessionId === session ? 'session' : 'none';
  return thread && ownerThreadId && ownerThreadId === thread ? 'thread' : 'none';
}

// ---- documents ----
// Owner values: a JSON spelling and the payload ids (as the hook gives them) it is tested with.
// Each pairs spellings whose bytes do not contain the id's bytes with the ids they print as.
const OWNERS = [
  ['"codex-1"', ['codex-1', ' codex-1 ', 'codex-2', 'codex']],
  ['" codex-1\\t"', ['codex-1']],
  ['"\\u00a0codex-1\\u2028"', ['codex-1']],
  ['"\u00a0codex-1\u3000"', ['codex-1']],
  ['"\\u0063odex-1"', ['codex-1']],
  ['"c\\u006fdex-1"', ['codex-1']],
  ['"codex\\u002d1"', ['codex-1']],
  ['"codex\\/1"', ['codex/1']],
  ['"\\u0063\\u006F\\u0064\\u0065\\u0078\\u002D\\u0031"', ['codex-1', 'codex-2']],
  ['"\\u0020codex-1\\n"', ['codex-1']],
  ['"\\"codex-1\\""', ['"codex-1"', 'codex-1']],
  ['"codex\\\\1"', ['codex\\1']],
  ['"\\u00e9t\\u00e9"', ['\u00e9t\u00e9']],
  ['"caf\\u00e9"', ['caf\u00e9']],
  ['"caf\u00e9"', ['caf\u00e9', 'cafe']],
  ['"\\ud83d\\ude00x"', ['\ud83d\ude00x']],
  ['"\\ud800x"', ['\ud800x']],
  ['100', ['100', '1e2']],
  ['1e2', ['100', '1e2']],
  ['1E+2', ['100']],
  ['100.0', ['100']],
  ['1.50', ['1.5']],
  ['15e-1', ['1.5']],
  ['1e21', ['1e+21']],
  ['1e400', ['Infinity']],
  ['-1e400', ['-Infinity']],
  ['0.0000001', ['1e-7']],
  ['-0', ['0']],
  ['123456789012345678901234', ['1.2345678901234569e+23']],
  ['true', ['true']],
  ['false', ['false']],
  ['null', ['null', '']],
  ['{}', ['[object Object]']],
  ['{"a":1}', ['[object Object]']],
  ['[{}]', ['[object Object]']],
  ['["codex-1"]', ['codex-1']],
  ['[["codex-1"]]', ['codex-1']],
  ['[" codex-1 "]', ['codex-1']],
  ['["a","b"]', ['a,b']],
  ['["a",["b"]]', ['a,b']],
  ['[null,"a"]', [',a']],
  ['["a",null]', ['a,']],
  ['[1e2,"x"]', ['100,x']],
  ['[1e2]', ['100']],
  ['["\\u0061"]', ['a']],
  ['[]', ['']],
  ['""', ['']],
  ['"   "', ['']],
];
const PAYLOAD_EXTRAS = ['', ' ', 'nobody', '019a2a9a-a817-7771-9a3c-59a56ae35ede'];

const cases = [];
const seen = new Set();
function add(name, text, session, thread) {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const key = `${bytes.toString('base64')}\u0000${session}\u0000${thread}`;
  if (seen.has(key)) return;
  seen.add(key);
  cases.push([`${name} | payload ${JSON.stringify(session)} ${JSON.stringify(thread)}`, bytes, session, thread]);
}
const doc = (members) => `{${members.join(',')}}`;

for (const [owner, ids] of OWNERS) {
  for (const id of [...ids, ...PAYLOAD_EXTRAS]) {
    add(`session owner ${owner}`, doc(['"active":true', `"owner_codex_session_id":${owner}`]), id, '');
    add(`thread owner ${owner}`, doc(['"active":true', `"owner_codex_thread_id":${owner}`]), '', id);
    add(`thread owner ${owner}, payload with both`,
      doc(['"active":true', `"owner_codex_thread_id":${owner}`]), 'codex-9', id);
    add(`session owner ${owner} with a thread`,
      doc(['"active":true', `"owner_codex_session_id":${owner}`, '"owner_codex_thread_id":"t-1"']), id, 't-1');
  }
}

// Where `true` and the owner come from.
const ACTIVE = [
  ['"active":true', 'active'],
  ['"active":false', 'inactive'],
  ['"active":"true"', 'active as a string'],
  ['"active":1', 'active as 1'],
  ['"\\u0061ctive":true', 'active spelled with an escape'],
  ['"active":false,"active":true', 'active repeated, true last'],
  ['"active":true,"active":false', 'active repeated, false last'],
  ['"nested":{"active":true}', 'active only nested'],
  ['"note":"true"', 'true only in a string'],
];
const PHASES = ['', '"current_phase":"executing"', '"current_phase":"Complete"', '"current_phase":" interrupted\\n"',
  '"current_phase":["failed"]', '"current_phase":"complete."', '"current_phase":"\\u0063omplete"'];
for (const [active, what] of ACTIVE) {
  for (const phase of PHASES) {
    for (const owner of ['"owner_codex_session_id":"codex-1"', '"owner_codex_thread_id":"t-1"',
      '"owner_\\u0063odex_session_id":"codex-1"', '"owner_codex_session_id":"x","owner_codex_session_id":"codex-1"',
      '"owner_codex_session_id":"codex-1","owner_codex_session_id":"x"', '"meta":{"owner_codex_session_id":"codex-1"}']) {
      const members = [active, phase, owner].filter(Boolean);
      add(`${what}, ${phase || 'no phase'}, ${owner}`, doc(members), 'codex-1', 't-1');
      add(`${what}, ${phase || 'no phase'}, ${owner}, other payload`, doc(members), 'codex-2', '');
    }
  }
}

// Bytes that are not plain JSON text.
const INVALID = [[0xc3], [0xed, 0xa0, 0x80], [0xff], [0xe2, 0x82]];
for (const bad of INVALID) {
  const hex = bad.map((b) => b.toString(16)).join(' ');
  const owner = Buffer.concat([Buffer.from('{"active":true,"owner_codex_session_id":"x'), Buffer.from(bad), Buffer.from('y"}')]);
  for (const id of ['x\ufffdy', 'x\ufffd\ufffd\ufffdy', 'xy', 'x']) add(`invalid UTF-8 ${hex} in the owner`, owner, id, '');
  const elsewhere = Buffer.concat([Buffer.from('{"note":"'), Buffer.from(bad), Buffer.from('","active":true,"owner_codex_session_id":"codex-1"}')]);
  for (const id of ['codex-1', 'codex-2']) add(`invalid UTF-8 ${hex} elsewhere`, elsewhere, id, '');
}
for (const [name, text] of [
  ['BOM before the document', '\ufeff{"active":true,"owner_codex_session_id":"codex-1"}'],
  ['truncated', '{"active":true,"owner_codex_session_id":"codex-1"'],
  ['trailing content', '{"active":true,"owner_codex_session_id":"codex-1"} x'],
  ['a top-level array', '[{"active":true,"owner_codex_session_id":"codex-1"}]'],
  ['an escaped quote before the owner', '{"note":"say \\"hi\\"","active":true,"owner_codex_session_id":"codex-1"}'],
  ['pretty printed', JSON.stringify({ active: true, current_phase: 'executing', owner_codex_session_id: 'codex-1' }, null, 2)],
  ['tabs and CRLF', '{\r\n\t"active" :\ttrue ,\r\n\t"owner_codex_session_id" : "codex-1"\r\n}'],
]) {
  for (const id of ['codex-1', 'codex-2']) add(name, text, id, '');
}

const lines = ['# name\tbase64(file bytes)\tpayload session id (UTF-16 hex)\tpayload thread id (UTF-16 hex)\tsession | thread | none' +
  '  (generated by adapters-fs/src/test/resources/claims-golden/generate.mjs)'];
const b64 = (s) => [...Array(s.length).keys()].map((i) => s.charCodeAt(i).toString(16).padStart(4, '0')).join(' ');
for (const [name, bytes, session, thread] of cases) {
  lines.push([name.replace(/[\t\n\r]/g, ' '), bytes.toString('base64'), b64(session), b64(thread), claim(bytes, session, thread)].join('\t'));
}
writeFileSync(join(HERE, 'claims.tsv'), lines.join('\n') + '\n');
console.log(`claims.tsv: ${cases.length} rows, ${cases.filter((c) => claim(c[1], c[2], c[3]) !== 'none').length} claimed`);
