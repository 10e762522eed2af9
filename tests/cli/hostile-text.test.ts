// Issue 11, faults 3 and 5: a tally file is untrusted input. An event name or bid title carrying
// terminal escapes (ESC/CSI/OSC, C1 controls, bidi overrides) verifies as any other text, but the
// command line must never hand them to the terminal raw; and a line nested 250,000 deep is bad
// input (exit 1, one clear line), not an internal error (exit 70).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { EventDefinition } from '../../src/core/schema.ts';
import { appendBallots, startTallyFile } from '../../src/core/tally-file/index.ts';
import { approvalBallot } from '../fixtures/tally/ballots.ts';
import { run } from './run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'dd-cli-hostile-'));

/** Sets the window title, clears the screen, moves up and overwrites, hides text, flips it. */
const HOSTILE_NAME =
  'Fund\u001b]0;pwned\u0007\u001b[2J\u001b[1A\r\u001b[8mhidden\u009b31m\u202egnirts\u2066x\u2069';
const [firstBid, ...otherBids] = DEMO_EVENT.bids;
if (firstBid === undefined) throw new Error('the demo event has bids');
const event: EventDefinition = {
  ...DEMO_EVENT,
  name: HOSTILE_NAME,
  bids: [{ ...firstBid, title: `Bid\u001b[31mred\u001b]8;;http://evil/\u0007link` }, ...otherBids],
};
const start = startTallyFile(event);
const ballots = appendBallots(start.head, [
  approvalBallot('b-1', [firstBid.id], {}, event),
  approvalBallot('b-2', [firstBid.id], {}, event),
]);
const file = join(dir, 'hostile.jsonl');
writeFileSync(file, start.text + ballots.text);

/** Any character a terminal may act on: C0 but tab and newline (and CR before LF), DEL, C1, bidi. */
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000b-\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|\r(?!\n)/u;

describe('the command line prints untrusted text safely', { timeout: 60_000 }, () => {
  // Names with controls are refused by the event's own rules now (issue 11, fault 7), but a file
  // written before, or text no rule covers, still reaches the printer: whatever each command
  // answers, accepted or refused, no control reaches the terminal.
  it('verify, tally, tally --explain and export print no control, accepted or refused', async () => {
    for (const args of [
      ['verify'],
      ['tally'],
      ['tally', '--explain'],
      ['export', '--format', 'csv'],
    ]) {
      const [command = '', ...options] = args;
      const r = await run(command, file, ...options);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBeLessThan(2);
      expect(r.stdout + r.stderr, args.join(' ')).not.toMatch(UNSAFE);
      // Still readable: each control is shown as an escape where the name is printed.
      if (r.code === 0 && command === 'tally') expect(r.stdout).toContain('Fund\\u001B]0;pwned');
    }
  });

  it('tally --json, when it answers, is JSON carrying exactly the same name', async () => {
    const r = await run('tally', file, '--json');
    expect(r.stdout + r.stderr).not.toMatch(UNSAFE);
    if (r.code === 0) {
      const parsed = JSON.parse(r.stdout) as { event: { name: string } };
      expect(parsed.event.name).toBe(HOSTILE_NAME);
    } else {
      expect(r.code).toBe(1);
    }
  });

  it('echoes a hostile command name, file name or broken line with its controls made visible', async () => {
    const unknown = await run('\u001b]0;pwned\u0007');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).not.toMatch(UNSAFE);
    expect(unknown.stderr).toContain('\\u001B]0;pwned\\u0007');
    const missing = await run('verify', join(dir, 'gone\u001b[2J\u202e.jsonl'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).not.toMatch(UNSAFE);
    expect(missing.stderr).toContain('gone\\u001B[2J\\u202E.jsonl');
    const broken = join(dir, 'broken.jsonl');
    writeFileSync(broken, (start.text + ballots.text).replace('"b-2"', '"b-\u001b[2J"'));
    const r = await run('tally', broken);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).not.toMatch(UNSAFE);
  });
});

describe('a tally file nested 250,000 deep', { timeout: 60_000 }, () => {
  const deep = join(dir, 'deep.jsonl');
  // Inside the header's event definition: before the fix, hashing it overflowed the stack (exit 70).
  const nested = `${'['.repeat(250_000)}${']'.repeat(250_000)}`;
  writeFileSync(
    deep,
    (start.text + ballots.text).replace('"event":{', `"event":{"deep":${nested},`),
  );

  it('is refused as bad input by verify, tally and merge, naming the line (exit 1, not 70)', async () => {
    for (const args of [
      ['verify', deep],
      ['tally', deep],
      ['merge', join(dir, 'out.jsonl'), deep],
    ]) {
      const r = await run(...args);
      expect(r.code, `${args[0]}: ${r.stderr}`).toBe(1);
      expect(r.stderr).toMatch(/Line 1 is nested more than 64 levels deep/);
      expect(r.stderr).not.toMatch(/internal error/);
    }
  });
});
