#!/usr/bin/env node
// Generates date-parse-golden.tsv: what Node's Date.parse returns for many date-like strings,
// evaluated in several local time zones. JsDateParserTest replays the table against the Java port,
// so the test never needs Node itself.
//
// Usage (from the repository root):
//   node domain/src/test/resources/js/generate-date-parse-golden.mjs
//   node domain/src/test/resources/js/generate-date-parse-golden.mjs --random 200000 --seed 7 --out /tmp/big.tsv
//
// Output: '#' comment lines, then one row per (zone, input): zone <TAB> input <TAB> expected,
// where expected is the epoch millisecond value or NaN. Inputs are escaped so the file stays
// printable ASCII: backslash as \\ and every character outside U+0020..U+007E as \uXXXX.
// Everything is seeded, so re-running with the same Node version reproduces the file byte for byte.

import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SELF = fileURLToPath(import.meta.url);

// Zones every input is evaluated in: no offset, an offset with DST, an offset without DST.
const MAIN_ZONES = ['UTC', 'America/New_York', 'Asia/Tokyo'];
// Zones only the zone-sensitive inputs are evaluated in (odd DST rules and offsets).
const EXTRA_ZONES = [
  'Europe/London', 'Europe/Dublin', 'Australia/Lord_Howe', 'America/Sao_Paulo',
  'Pacific/Apia', 'America/St_Johns', 'Asia/Kolkata',
];

// ---- child mode: evaluate Date.parse for the inputs on stdin in this process's TZ ----
if (process.argv[2] === '--evaluate') {
  const expectedZone = process.env.TZ;
  const actualZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  // Compare canonical ids, since ICU may report an alias (Asia/Kolkata as Asia/Calcutta).
  const canonical = (zone) => new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  if (canonical(actualZone) !== canonical(expectedZone)) {
    throw new Error(`TZ=${expectedZone} did not take effect (got ${actualZone})`);
  }
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const inputs = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  const results = inputs.map((s) => {
    const t = Date.parse(s);
    return Number.isNaN(t) ? 'NaN' : String(t);
  });
  process.stdout.write(JSON.stringify(results));
} else {
  generate();
}

// ---- parent mode ----
function generate() {
  process.env.TZ = 'UTC'; // keep any Date formatting done here independent of the machine's zone

  const args = process.argv.slice(2);
  function option(name, fallback) {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : fallback;
  }
  const randomCount = Number(option('--random', '1100'));
  const seed = Number(option('--seed', '20260222'));
  const outPath = option('--out', join(dirname(SELF), 'date-parse-golden.tsv'));

  // mulberry32: small seeded PRNG so the table is reproducible.
  let state = seed >>> 0;
  function random() {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  const int = (n) => Math.floor(random() * n);
  const chance = (p) => random() < p;
  const pick = (arr) => arr[int(arr.length)];
  const pad = (n, width) => String(n).padStart(width, '0');
  const digits = (n) => Array.from({ length: n }, () => int(10)).join('');

  // ---- hand-picked cases ----
  const HAND_PICKED = [
    // The brief's known expectations.
    '2026-02-22T00:00:00.000Z', '2026-02-22T00:00:00Z', '2026-02-22', '2026-02-22T00:00:00',
    '2026-02-22T00:00', '2026-02-22 00:00:00', '2026-02-22T00:00:00+09:00', '2026-02-22T00:00:00.123456Z',
    'Sun, 22 Feb 2026 00:00:00 GMT', 'Feb 22 2026', '2026-02-30T00:00:00Z', '2026-02-22T24:00:00Z',
    '2026-2-3', 'garbage', 'true', 'false', 'null', 'undefined', '2026-13-01', '1700000000000', '123',
    '', ' ', '\t', '+275760-09-13T00:00:00Z', '+275760-09-13T00:00:00.001Z', '-271821-04-20T00:00:00Z',
    '-271821-04-19T23:59:59.999Z', '-000001-01-01T00:00:00Z', '-000000-01-01T00:00:00Z', '+000000-01-01T00:00:00Z',
    '+002026-02-22', '-002026-02-22', '+275760-09-13', '+275760-09-13T00:00:00', '-271821-04-20T00:00:00',
    '+275760-09-12T20:00:00', '-271821-04-19T20:00:00', '-271821-04-20T09:00:00', '+999999-12-31T23:59:59Z',
    // ES5 format edge cases.
    '2026', '2026-02', '2026-02-22T', '2026-02-22T1', '2026-02-22T10', '2026-02-22T10:0', '2026-02-22T10:00:0',
    '2026-02-22T10:00:00.', '2026-02-22T10:00:00.1', '2026-02-22T10:00:00.12', '2026-02-22T10:00:00.1234567890123Z',
    '2026-02-22T10:00:00,5Z', '2026-02-22t10:00:00z', '2026-02-22T10:00:00ZZ', '2026-02-22T10:00:00 Z',
    '2026-02-22T10:00:00+0530', '2026-02-22T10:00:00+05:30', '2026-02-22T10:00:00-05', '2026-02-22T10:00:00+5:30',
    '2026-02-22T10:00:00+24:00', '2026-02-22T10:00:00+23:59', '2026-02-22T10:00:00+2360', '2026-02-22T10:00:00+00:60',
    '2026-02-22T24:00', '2026-02-22T24:00:00.000Z', '2026-02-22T24:00:01Z', '2026-02-22T24:01Z', '2026-02-22T24:00:00.001Z',
    '2026-02-22T23:59:60Z', '2026-02-22T25:00:00Z', '2026-02-00', '2026-02-32', '2026-00-10', '2026-02-29', '2024-02-29',
    '2026-02-31T00:00:00Z', '2100-02-29T00:00:00Z', '2000-02-29T00:00:00Z', '0000-01-01', '0000-01-01T00:00:00Z',
    '9999-12-31T23:59:59.999Z', '0001-01-01', '0099-12-31', '0049-06-15', '2026-02-22T10:00:00.000+00:00',
    '2026-02-22 10:00', '2026-02-22 10:00Z', '2026-02-22 10:00:00Z', '2026-02-22 10:00:00 +0100', '2026-02-22  10:00',
    '2026-02-22T10:00:00.000Z ', ' 2026-02-22T10:00:00.000Z', '2026-02-22T10:00:00.000Z\n', '\u00a02026-02-22',
    '\ufeff2026-02-22', '2026-02-22\u3000', '2026-02-22\u2028', '\u20282026-02-22', '2026-02-22\u0000junk', '\u0000',
    '2026-02-22T10:00:00\u00a0', '20260222', '20260222T100000Z', '2026-W08-7', '2026-053', '2026/02/22', '2026.02.22',
    '22-02-2026', '02-22-2026', '2026-02-22T10:00:00.000-00:00', '2026-02-22T10:00:00 (comment)',
    // Legacy formats.
    'Feb 22, 2026', 'February 22, 2026 10:30 PM', '22 February 2026', 'Sunday, February 22, 2026',
    'Sun Feb 22 2026 10:30:00 GMT+0100 (Central European Standard Time)', 'Sun Feb 22 2026 10:30:00 GMT-0500 (EST)',
    'Sun, 22 Feb 2026 10:30:00 +0000', 'Sun, 22 Feb 2026 10:30:00 -0800', 'Sun, 22 Feb 2026 10:30:00 PST',
    'Sun, 22 Feb 2026 10:30:00 EDT', '22 Feb 2026 10:30 UT', '22 Feb 2026 10:30 UTC', '22 Feb 2026 10:30 Z',
    '2/22/2026', '02/22/2026 10:30', '2/22/26', '2/22/49', '2/22/50', '2/22/99', '2/22/100', '22/2/2026',
    '2026/2/22', '2026/02/22 10:30:15', '12/31/1999 23:59:59', '1/1/1970 00:00:00 UTC', '1/1/1970 00:00:00 GMT+0',
    'Feb 3', '3 Feb', 'Feb', 'Feb 2026', '2026 Feb', '2026 Feb 3', '3 2026 Feb', 'Feb 29', 'Febuary 22 2026',
    'Fe 22 2026', 'Ja 1 2000', 'Janx 1 2000', 'mar 1 2000', 'MAR 1 2000', 'Mayday 1 2000', 'Dec-25-2026', '25-Dec-2026',
    '1', '0', '00', '49', '50', '99', '100', '999', '1000', '9999', '10000', '32', '12', '13', '31 12', '1 2', '1/2',
    '1 2 3', '13 2 3', '32 2 3', '1 2 3 4', '2026 2 22', '22 2 2026', '10:30', '10:30 Feb 22 2026', 'Feb 22 2026 10:30',
    'Feb 22 2026 10:30:15.5', 'Feb 22 2026 10:30:15.123456', 'Feb 22 2026 10:30:15.', 'Feb 22 2026 10:30:15.x',
    'Feb 22 2026 10:30.5', 'Feb 22 2026 10.30', 'Feb 22 2026 10::', 'Feb 22 2026 10:: 30', 'Feb 22 2026 10:30:',
    'Feb 22 2026 10:30:15:16', 'Feb 22 2026 10:30:15:16:17', 'Feb 22 2026 24:00', 'Feb 22 2026 24:00:01',
    'Feb 22 2026 12:00 AM', 'Feb 22 2026 12:00 PM', 'Feb 22 2026 0:00 PM', 'Feb 22 2026 13:00 PM', 'Feb 22 2026 PM 10:00',
    'Feb 22 2026 10:00 am', 'Feb 22 2026 10:00am', 'Feb 22 2026 10:00 a.m.', 'Feb 22 2026 10:00 AMX',
    'Feb 22 2026 10:30 GMT+1', 'Feb 22 2026 10:30 GMT+01', 'Feb 22 2026 10:30 GMT+130', 'Feb 22 2026 10:30 GMT+0130',
    'Feb 22 2026 10:30 GMT+01:30', 'Feb 22 2026 10:30 GMT+12345', 'Feb 22 2026 10:30 GMT+', 'Feb 22 2026 10:30 GMT-',
    'Feb 22 2026 10:30 +01:', 'Feb 22 2026 10:30 +01: 30', 'Feb 22 2026 10:30 UTC+5', 'Feb 22 2026 10:30Z',
    'Feb 22 2026 10:30 z', 'Feb 22 2026 10:30 EST', 'Feb 22 2026 10:30 CDT', 'Feb 22 2026 10:30 MST', 'Feb 22 2026 10:30 CET',
    'Feb 22 2026 10:30 BST', 'Feb 22 2026 GMT', 'GMT Feb 22 2026', 'UTC 2026-02-22', 'T 2026', 'Feb 22 2026 T',
    'Feb 22 2026 (Sunday)', '(note) Feb 22 2026', 'Feb (x) 22 (y) 2026', 'Feb 22 2026 (unterminated', 'Feb 22 2026 )',
    ') Feb 22 2026', 'Feb 22 2026 ((nested) comment) 10:30', 'Feb 22 2026 +', '+ Feb 22 2026', '- Feb 22 2026',
    'Feb 22 -2026', 'Feb 22 2026 -', 'Sun Feb 22', 'Sunday', 'Today', 'now', 'x2026-02-22', 'x 2026-02-22',
    'on Feb 22 2026', 'on2026', 'é 22 Feb 2026', '日本 2026-02-22', '2026年2月22日', 'Feb\u00a022\u00a02026',
    'Feb\t22\t2026', 'Feb\n22\n2026', 'Feb_22_2026', 'Feb,22,2026', 'Feb.22.2026', 'Feb/22/2026', 'Feb-22-2026',
    'Feb 22 2026 10:30:15 GMT+0100 (CET) extra', '2026-02-22 garbage', '2026-02-22 10:00 garbage',
    '2026-02-22T10:00:00Z garbage', 'Thu, 01 Jan 1970 00:00:00 GMT', 'Thu, 01 Jan 1970 00:00:00 GMT-0000',
    'Mon, 01 Jan 0001 00:00:00 GMT', 'Jan 1 10000', 'Jan 1 1000000', 'Jan 1 275760', 'Sep 13 275760',
    'Sep 13 275760 00:00 UTC', 'Sep 14 275760 00:00 UTC', 'Apr 20 -271821', '12:00:00', '12:00', '0:0', '1:2:3',
    '1:2:3.4', '1:2:3.4.5', '99:99', '1::', '::', ':', '.', '-', '+', '-1', '+1', '--1', '1-', '1-2-3', '1.2.3',
    '0000000001234', 'Jan 1 0000000001234', 'Jan 1 0000000000000001999', '1'.repeat(20), '9'.repeat(40),
    '2026-02-22T10:00:00.' + '9'.repeat(30) + 'Z', 'Feb 22 ' + '2'.repeat(15), 'Feb 22 2026 10:30 GMT+' + '1'.repeat(12),
    'Jan 1 2000 00:00 +1193047:', 'Jan 1 2000 00:00 +596523:', 'Jan 1 2000 00:00 +596524:', 'Jan 1 2000 00:00 +99:',
    'Jan 1 2000 00:00 +9999', 'Jan 1 2000 00:00 GMT+99', '1e3', '0x10', 'Infinity', 'NaN', '1.5', '-0', '٢٠٢٦-٠٢-٢٢',
    '\ud800', '\udc00 2026', '2026-02-22\ud83d\ude00', '\ud83d\udcc5 Feb 22 2026',
  ];

  // Local times around DST transitions and historical offset changes (zone-sensitive).
  const ZONE_SENSITIVE = [
    '2026-03-08T01:59:59', '2026-03-08T02:00:00', '2026-03-08T02:30:00', '2026-03-08T03:00:00', '2026-03-08T03:30:00',
    '2026-11-01T00:59:59', '2026-11-01T01:00:00', '2026-11-01T01:30:00', '2026-11-01T01:59:59.999', '2026-11-01T02:00:00',
    '2026-03-29T00:30:00', '2026-03-29T01:00:00', '2026-03-29T01:30:00', '2026-03-29T02:00:00', '2026-10-25T00:30:00',
    '2026-10-25T01:00:00', '2026-10-25T01:30:00', '2026-10-25T02:00:00', '2026-04-05T01:45:00', '2026-04-05T02:00:00',
    '2026-10-04T02:00:00', '2026-10-04T02:15:00', '2026-10-04T02:30:00', '2018-11-04T00:00:00', '2018-11-04T00:30:00',
    '2019-02-16T23:30:00', '2011-12-29T23:59:59', '2011-12-30T00:00:00', '2011-12-30T12:00:00', '2011-12-31T00:00:00',
    '1883-11-18T12:00:00', '1883-11-18T11:59:59', '1900-01-01T00:00:00', '1887-12-31T23:00:00', '1888-01-01T00:00:00',
    '1948-05-02T00:30:00', '1948-05-02T01:30:00', '1948-09-11T23:30:00', '1945-08-14T19:00:00', '1942-02-09T02:30:00',
    '1916-05-21T02:30:00', '1971-10-31T02:30:00', '1968-10-27T00:00:00', '2037-03-08T02:30:00', '2037-11-01T01:30:00',
    '2099-03-08T02:30:00', '2500-03-14T02:30:00', '2500-11-07T01:30:00', '9999-12-31T23:59:59', '0001-01-01T00:00:00',
    '1000-06-15T12:00:00', '-001000-06-15T12:00:00', '+020000-07-01T02:30:00', '+275760-09-13T00:00:00',
    '+275760-09-12T23:59:59.999', '-271821-04-20T00:00:00', '-271821-04-19T23:59:59', '2026-07-01T12:00:00',
    '2026-01-15T12:00:00', 'Mar 8 2026 2:30 AM', 'Nov 1 2026 1:30 AM', 'Mar 29 2026 1:30', 'Oct 25 2026 1:30',
    'Jul 1 2026', 'Jan 1 1900', 'Jan 1 1800 12:00', 'Dec 31 1969 23:59:59', 'Jun 15 3000 12:00', '2026-07-01 12:00',
  ];

  // ---- random generators ----
  const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
    'November', 'December'];
  const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
  const ZONE_WORDS = ['UT', 'UTC', 'GMT', 'Z', 'z', 'EST', 'EDT', 'CST', 'CDT', 'MST', 'MDT', 'PST', 'PDT', 'CET',
    'BST', 'JST', 'T', 't', 'utc', 'Gmt', 'UTCX', 'GMTX'];
  const GARBAGE = ['foo', 'x', 'at', 'on', 'the', '_', '[', '@', '#', '!', '?', '*', '&', '%', '~', '`', '^', '{',
    '|', '}', 'é', 'ü', '日', '\u00a0', '\u3000', '\u2028', '\ufeff', '\u0085', '\u001c', '\u0000', '\t', '\n', '\r',
    '\u000b', ',', ';', '/', '\\', '"', "'", '=', '<', '>', '$'];
  const SEPARATORS = [' ', ' ', ' ', ', ', ',', '/', '-', '.', '', '  ', '\t', ':', '_', '\u00a0', ' - '];

  function caseVariant(word) {
    switch (int(5)) {
      case 0: return word.toLowerCase();
      case 1: return word.toUpperCase();
      default: return word;
    }
  }

  function monthWord() {
    const m = pick(MONTHS);
    switch (int(6)) {
      case 0: return caseVariant(m);
      case 1: return caseVariant(m.slice(0, 2));
      case 2: return caseVariant(m.slice(0, 3)) + pick(['x', 'uary', '.', '']);
      default: return caseVariant(m.slice(0, 3));
    }
  }

  function randomNumber() {
    switch (int(8)) {
      case 0: return String(1 + int(12));
      case 1: return String(1 + int(31));
      case 2: return pad(1 + int(31), 2);
      case 3: return String(1900 + int(200));
      case 4: return String(int(100));
      case 5: return digits(1 + int(6));
      case 6: return digits(7 + int(14));
      default: return String(int(1000));
    }
  }

  function randomTime() {
    const hour = chance(0.85) ? int(25) : int(100);
    let s = (chance(0.5) ? pad(hour, 2) : String(hour)) + ':' + pad(chance(0.9) ? int(60) : int(100), chance(0.9) ? 2 : 1);
    if (chance(0.6)) s += ':' + pad(chance(0.9) ? int(60) : int(100), 2);
    if (chance(0.25)) s += '.' + digits(int(8));
    if (chance(0.05)) s = pick(['12::', '0::', '24:00', '24:00:00', '12:00:00.000', '10:30:', '7:5']);
    return s;
  }

  function randomOffset() {
    switch (int(10)) {
      case 0: return pick(['+', '-']) + pad(int(15), 2) + pad(pick([0, 30, 45, int(100)]), 2);
      case 1: return pick(['+', '-']) + pad(int(15), 2) + ':' + pad(pick([0, 30, 45]), 2);
      case 2: return 'GMT' + pick(['+', '-']) + int(15);
      case 3: return 'GMT' + pick(['+', '-']) + pad(int(15), 2) + pad(pick([0, 30]), 2);
      case 4: return 'UTC' + pick(['+', '-']) + digits(1 + int(6));
      case 5: return pick(['+', '-']) + digits(1 + int(6));
      case 6: return pick(['+', '-']) + digits(1 + int(3)) + ':';
      default: return pick(ZONE_WORDS);
    }
  }

  function randomComment() {
    return pick(['(comment)', '(Central European Standard Time)', '(a(b)c)', '(unclosed', ')', '()', '(12:00)',
      '(' + pick(MONTHS) + ')', '((x)', '(x))']);
  }

  function legacyTokenSoup() {
    const n = 1 + int(8);
    const parts = [];
    for (let i = 0; i < n; i++) {
      let part;
      switch (int(11)) {
        case 0: case 1: part = randomNumber(); break;
        case 2: part = monthWord(); break;
        case 3: part = caseVariant(chance(0.5) ? pick(DAYS).slice(0, 3) : pick(DAYS)); break;
        case 4: part = randomTime(); break;
        case 5: part = pick(['AM', 'PM', 'am', 'pm', 'a.m.', 'AMX']); break;
        case 6: part = randomOffset(); break;
        case 7: part = randomComment(); break;
        case 8: part = pick(GARBAGE); break;
        default: part = randomNumber() + pick(['-', '/', '.', ':', '']) + randomNumber(); break;
      }
      parts.push(part);
    }
    let s = parts[0];
    for (let i = 1; i < parts.length; i++) s += pick(SEPARATORS) + parts[i];
    return s;
  }

  function isoLike() {
    let s;
    switch (int(10)) {
      case 0: s = pick(['+', '-']) + pad(int(300000), 6); break;
      case 1: s = pick(['+', '-']) + digits(int(8)); break;
      case 2: s = digits(1 + int(6)); break;
      default: s = pad(chance(0.8) ? 1900 + int(200) : int(10000), 4);
    }
    if (chance(0.85)) {
      const month = chance(0.9) ? 1 + int(12) : int(100);
      s += pick(['-', '-', '-', '-', '/', '.', '']) + (chance(0.9) ? pad(month, 2) : String(month));
      if (chance(0.85)) {
        const day = chance(0.9) ? 1 + int(28) : int(40);
        s += pick(['-', '-', '-', '-', '/', '.']) + (chance(0.9) ? pad(day, 2) : String(day));
      }
    }
    if (chance(0.7)) {
      s += pick(['T', 'T', 'T', 'T', 't', ' ', '  ', 'TT', '_', '']);
      const hour = chance(0.9) ? int(24) : pick([24, 25, 99, int(100)]);
      s += (chance(0.95) ? pad(hour, 2) : String(hour));
      if (chance(0.95)) {
        s += ':' + (chance(0.95) ? pad(int(60), 2) : String(pick([0, 60, 99, int(10)])));
        if (chance(0.7)) {
          s += ':' + (chance(0.95) ? pad(int(60), 2) : String(pick([0, 60, 99, int(10)])));
          if (chance(0.5)) s += pick(['.', '.', '.', ',']) + digits(int(13));
        }
      }
      switch (int(8)) {
        case 0: case 1: s += 'Z'; break;
        case 2: s += pick(['+', '-']) + pad(int(25), 2) + ':' + pad(pick([0, 30, 45, 60]), 2); break;
        case 3: s += pick(['+', '-']) + pad(int(25), 2) + pad(pick([0, 30, 45, 60]), 2); break;
        case 4: s += pick(['z', ' Z', ' GMT', ' UTC', 'ZZ', '+05', '+5:30', ' +0100', ' (comment)', '-00:00']); break;
        default: break;
      }
    }
    return s;
  }

  function formattedDate() {
    const span = chance(0.9) ? 300 * 365.25 * 864e5 : 8.64e15;
    const t = Math.round((random() * 2 - 1) * span);
    const d = new Date(t);
    switch (int(12)) {
      case 0: return d.toISOString();
      case 1: return d.toString();
      case 2: return d.toUTCString();
      case 3: return d.toDateString();
      case 4: return d.toString().replace(/ \(.*\)$/, '');
      case 5: return d.toLocaleString('en-US', { timeZone: pick(['UTC', 'America/New_York', 'Asia/Tokyo']) });
      case 6: return d.toLocaleDateString('en-US');
      case 7: return d.toISOString().slice(0, 10);
      case 8: return d.toISOString().slice(0, 19);
      case 9: return d.toISOString().slice(0, 16).replace('T', ' ');
      case 10: return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${randomTime()}`;
      default: return d.toUTCString().replace('GMT', randomOffset());
    }
  }

  // Mostly well-formed legacy dates in the usual orders, so that many random rows parse.
  function plausibleLegacy() {
    const year = pick([String(1900 + int(200)), String(int(100)), pad(int(100), 2), String(int(10000))]);
    const month = chance(0.6) ? monthWord() : String(1 + int(12));
    const day = String(chance(0.95) ? 1 + int(31) : int(40));
    let s;
    switch (int(5)) {
      case 0: s = `${month} ${day}${pick(['', ','])} ${year}`; break;
      case 1: s = `${day} ${month} ${year}`; break;
      case 2: s = `${year} ${month} ${day}`; break;
      case 3: s = `${1 + int(12)}${pick(['/', '-', ' '])}${day}${pick(['/', '-', ' '])}${year}`; break;
      default: s = `${month}${pick(['-', ' ', '/'])}${day}`; break;
    }
    if (chance(0.4)) s = caseVariant(pick(DAYS).slice(0, 3)) + pick([', ', ' ']) + s;
    if (chance(0.7)) s += ' ' + randomTime();
    if (chance(0.3)) s += ' ' + pick(['AM', 'PM', 'am', 'pm']);
    if (chance(0.5)) s += pick([' ', '']) + randomOffset();
    if (chance(0.2)) s += ' ' + randomComment();
    return s;
  }

  const MUTATION_CHARS = '0123456789-+:.TZtz ,/()aApPmMGU\u00a0\u0000\ufeffé';
  function mutate(s) {
    const edits = 1 + int(3);
    for (let i = 0; i < edits; i++) {
      const at = int(s.length + 1);
      switch (int(5)) {
        case 0: s = s.slice(0, at) + s.slice(at + 1); break;
        case 1: s = s.slice(0, at) + pick(MUTATION_CHARS) + s.slice(at); break;
        case 2: s = s.slice(0, at) + pick(MUTATION_CHARS) + s.slice(at + 1); break;
        case 3: s = s.slice(0, at) + s.slice(at, at + 1 + int(4)) + s.slice(at); break;
        default: s = s.slice(0, at) + digits(1 + int(3)) + s.slice(at); break;
      }
    }
    return s;
  }

  function randomInput() {
    switch (int(12)) {
      case 0: case 1: case 2: return isoLike();
      case 3: case 4: return legacyTokenSoup();
      case 10: case 11: return chance(0.8) ? plausibleLegacy() : mutate(plausibleLegacy());
      case 5: return formattedDate();
      case 6: case 7: return mutate(chance(0.5) ? isoLike() : formattedDate());
      case 8: return mutate(legacyTokenSoup());
      default: return chance(0.5) ? digits(1 + int(25)) : pick(['+', '-', '']) + digits(1 + int(8)) + pick(['', 'Z', ' GMT']);
    }
  }

  // ---- assemble, evaluate, write ----
  function unique(list) {
    return [...new Set(list)];
  }

  const mainInputs = unique([...HAND_PICKED, ...ZONE_SENSITIVE]);
  const seen = new Set(mainInputs);
  while (mainInputs.length < HAND_PICKED.length + ZONE_SENSITIVE.length + randomCount) {
    const s = randomInput();
    if (!seen.has(s)) {
      seen.add(s);
      mainInputs.push(s);
    }
  }
  const extraInputs = unique(ZONE_SENSITIVE);

  function evaluate(zone, inputs) {
    const out = execFileSync(process.execPath, [SELF, '--evaluate'], {
      input: JSON.stringify(inputs),
      env: { ...process.env, TZ: zone },
      maxBuffer: 1 << 30,
    });
    return JSON.parse(out.toString('utf8'));
  }

  function escape(s) {
    let out = '';
    for (const unit of s.split('')) {
      const code = unit.charCodeAt(0);
      if (unit === '\\') out += '\\\\';
      else if (code >= 0x20 && code <= 0x7e) out += unit;
      else out += '\\u' + code.toString(16).padStart(4, '0');
    }
    return out;
  }

  const lines = [
    '# Golden values of Date.parse(input) from real Node; regenerate with generate-date-parse-golden.mjs.',
    `# node ${process.versions.node}, v8 ${process.versions.v8}, icu ${process.versions.icu}, tz ${process.versions.tz}; seed ${seed}, random ${randomCount}`,
    '# columns: zone <TAB> input (\\\\ and \\uXXXX escaped) <TAB> epoch milliseconds or NaN',
  ];
  let rows = 0;
  for (const [zones, inputs] of [[MAIN_ZONES, mainInputs], [EXTRA_ZONES, extraInputs]]) {
    for (const zone of zones) {
      const results = evaluate(zone, inputs);
      inputs.forEach((input, i) => {
        lines.push(`${zone}\t${escape(input)}\t${results[i]}`);
        rows++;
      });
    }
  }
  writeFileSync(outPath, lines.join('\n') + '\n');
  console.log(`wrote ${rows} rows to ${outPath}`);
}
