/**
 * Voting codes on a station (issue 9's figures): the time to check a typed code on a station that
 * holds 20,000 valid codes, and the size of what it stores for them.
 *
 * - The whole station check (db/code-repo checkCode: read the list from IndexedDB, normalise,
 *   PBKDF2-SHA-256 with the event's salt and rounds, look the tag up, ask whether it was used
 *   here), on fake-indexeddb in Node: the first check (which also builds the look-up sets) and
 *   50 more.
 * - PBKDF2 alone in real Chromium (what a tablet's browser runs), at the default rounds.
 * - The server making codes (one slow hash each), per 100 codes.
 *
 * The 20,000 tags are 19,990 random 16-byte tags and 10 real ones: a tag is 16 bytes either way,
 * and the check's cost does not depend on how the other tags were made (a set look-up).
 *
 * `npx tsx tests/bench/run.ts voting-codes`
 */
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import {
  codeTag,
  DEFAULT_CODE_ITERATIONS,
  generateCode,
  newSalt,
  toHex,
  type CodeList,
} from '../../src/core/voting-codes.ts';
import { checkCode, saveCodeList } from '../../src/db/code-repo.ts';
import { StationDatabase } from '../../src/db/database.ts';
import { CodeBook } from '../../src/server/store/code-book.ts';
import { LAUNCH_OPTIONS } from '../e2e/support/chromium.ts';

const VALID = 20_000;
const CHECKS = 50;
const ITERATIONS = DEFAULT_CODE_ITERATIONS;
const TARGET_MS = 100;

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;
const ms = (n: number) => `${n.toFixed(1)} ms`;
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;

const salt = newSalt();
const real = Array.from({ length: 10 }, () => generateCode());
const realTags = await Promise.all(real.map((c) => codeTag(c, salt, ITERATIONS)));
const random = Array.from({ length: VALID - real.length }, () => {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return toHex(bytes);
});
const list: CodeList = {
  eventId: 'bench-codes',
  version: 1,
  salt,
  iterations: ITERATIONS,
  valid: [...random, ...realTags].sort(),
  voided: [],
  test: [],
};

const db = new StationDatabase(`bench-${crypto.randomUUID()}`);
await saveCodeList(db, list);

let t = performance.now();
const first = await checkCode(db, list.eventId, real[0]!, false);
const cold = performance.now() - t;
if (!first.ok) throw new Error(`a real code was refused: ${first.error.code}`);
const times: number[] = [];
for (let i = 0; i < CHECKS; i++) {
  const typed = i % 2 === 0 ? real[i % real.length]! : generateCode();
  t = performance.now();
  const checked = await checkCode(db, list.eventId, typed, false);
  times.push(performance.now() - t);
  if (i % 2 === 0 && !checked.ok) throw new Error('a real code was refused');
  if (i % 2 === 1 && checked.ok) throw new Error('a random code was accepted');
}
times.sort((a, b) => a - b);
await db.delete();

// What the station stores (the IndexedDB row is the list as it came) and what the sync carries.
const json = JSON.stringify(list);
const tagBytes = VALID * 16;

// PBKDF2 alone in real Chromium, as on a tablet's browser.
const browser = await chromium.launch(LAUNCH_OPTIONS);
const page = await browser.newPage();
// WebCrypto needs a secure context: a page served as http://localhost (answered here, no server).
await page.route('http://localhost/', (route) =>
  route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>bench</title>' }),
);
await page.goto('http://localhost/');
const chromiumTimes = await page.evaluate(async (iterations) => {
  const out: number[] = [];
  for (let i = 0; i < 20; i++) {
    const start = performance.now();
    const key = await crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(`KFQ7M4TX9CJ${i % 10}`),
      'PBKDF2',
      false,
      ['deriveBits'],
    );
    await crypto.subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt: new Uint8Array(16), iterations },
      key,
      128,
    );
    out.push(performance.now() - start);
  }
  return out.sort((a, b) => a - b);
}, ITERATIONS);
await browser.close();

// The server making a batch (one slow hash per code, a few at a time on its thread pool).
const dir = mkdtempSync(join(tmpdir(), 'codes-bench-'));
const book = await CodeBook.open(dir);
t = performance.now();
await book.generate({
  count: 100,
  label: 'bench',
  test: false,
  by: 'bench',
  at: '',
  iterations: ITERATIONS,
});
const per100 = performance.now() - t;
rmSync(dir, { recursive: true, force: true });

console.log(
  `Machine: ${availableParallelism()} cores, load average ${loadavg()[0]?.toFixed(1)} (times grow with load)`,
);
console.log(`PBKDF2-SHA-256 rounds per check: ${ITERATIONS.toLocaleString('en-GB')}`);
console.log(
  `Check a typed code, station holding ${VALID.toLocaleString('en-GB')} valid codes (Node, fake IndexedDB):`,
);
console.log(`  first check (builds the look-up sets): ${ms(cold)}`);
console.log(
  `  next ${CHECKS}: p50 ${ms(pct(times, 50))}, p95 ${ms(pct(times, 95))}, max ${ms(times.at(-1) ?? NaN)} (target < ${TARGET_MS} ms)`,
);
console.log(
  `PBKDF2 alone in Chromium: p50 ${ms(pct(chromiumTimes, 50))}, p95 ${ms(pct(chromiumTimes, 95))}`,
);
console.log(`What the station stores for ${VALID.toLocaleString('en-GB')} codes:`);
console.log(`  the tags themselves: ${kb(tagBytes)} (16 bytes each)`);
console.log(`  the code list as stored and synced (JSON, hex tags): ${kb(json.length)}`);
console.log(`  on the wire, gzip: ${kb(gzipSync(json).length)}`);
console.log(`Server making codes: ${ms(per100)} per 100 codes`);
