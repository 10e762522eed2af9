// The voting code step on a station: wrong, look-alike, voided, test, used and good codes, checked
// with no network against the tags the station holds; a code is used up only when its ballot is cast.
import { screen } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { EventDefinition } from '../../src/core/schema.ts';
import { codeTag, newSalt } from '../../src/core/voting-codes.ts';
import { listBallots } from '../../src/db/ballot-repo.ts';
import { countUsedCodes, saveCodeList } from '../../src/db/code-repo.ts';
import { expectFocusedHeading, heading, renderStation, stationWith } from './station-harness.tsx';

const EVENT: EventDefinition = { ...DEMO_EVENT, checkIn: { codes: true } };
const GOOD = 'KFQ7-M4TX-9CJR';
const SECOND = 'ACDE-FGHJ-KMNP';
const VOIDED = 'QRTU-VWXY-3467';
const TEST = '9ACD-EFGH-JKMN';
const ITERATIONS = 1000;

async function stationWithCodes() {
  const db = await stationWith(EVENT);
  const salt = newSalt();
  const tag = (c: string) => codeTag(c, salt, ITERATIONS);
  await saveCodeList(db, {
    eventId: EVENT.id,
    version: 2,
    salt,
    iterations: ITERATIONS,
    valid: [await tag(GOOD), await tag(SECOND)],
    voided: [await tag(VOIDED)],
    test: [await tag(TEST)],
  });
  return { db, tag };
}

const field = () => screen.getByLabelText('Voting code');

async function tryCode(user: UserEvent, code: string) {
  await user.clear(field());
  await user.type(field(), code);
  await user.click(screen.getByRole('button', { name: 'Check my code' }));
}

// Generous: the ballot's screens are lazy chunks, slow on their first load on a busy machine.
describe('the voting code step', { timeout: 45_000 }, () => {
  it('explains each bad code, then a good one starts the ballot and is used up when cast', async () => {
    const { db, tag } = await stationWithCodes();
    const { user } = renderStation(db);
    await heading(EVENT.name);
    await user.click(screen.getByRole('button', { name: 'Start voting' }));
    await expectFocusedHeading('Your voting code');
    expect(field()).toHaveAccessibleDescription(/12 letters and numbers in three groups/);

    await tryCode(user, 'kfo7 m4tx 9cj0');
    expect(await screen.findByRole('alert')).toHaveTextContent('Codes never use O0.');
    expect(field()).toHaveAttribute('aria-invalid', 'true');
    await tryCode(user, 'KFQ7-M4TX');
    expect(await screen.findByRole('alert')).toHaveTextContent('That is 8 letters and numbers');
    await tryCode(user, 'KFQ7-M4TX-9CJT');
    expect(await screen.findByRole('alert')).toHaveTextContent('This is not a code for this event');
    await tryCode(user, VOIDED);
    expect(await screen.findByRole('alert')).toHaveTextContent('This card has been cancelled');
    await tryCode(user, TEST);
    expect(await screen.findByRole('alert')).toHaveTextContent('This is a test card');
    expect(await countUsedCodes(db, EVENT.id)).toBe(0);

    // Typed in small letters with no dashes: shown in the card's groups, and accepted.
    await user.clear(field());
    await user.type(field(), 'kfq7m4tx9cjr');
    expect(field()).toHaveValue(GOOD);
    await user.click(screen.getByRole('button', { name: 'Check my code' }));
    await expectFocusedHeading('The projects');
    await user.click(screen.getByRole('button', { name: 'Next: choose projects' }));
    await heading('Choose projects');
    await user.click(screen.getByLabelText(/Chair yoga/, { selector: 'input' }));
    await user.click(screen.getByRole('button', { name: 'Next: check your choices' }));
    await heading('Check your choices');
    await user.click(screen.getByRole('button', { name: 'Cast my vote' }));
    await heading(/Thank you/);

    const [ballot] = await listBallots(db, EVENT.id);
    expect(ballot?.code).toBe(await tag(GOOD));
    expect(JSON.stringify(ballot)).not.toContain('KFQ7');
    expect(await countUsedCodes(db, EVENT.id)).toBe(1);
  });

  it('refuses a code already used on this tablet; abandoning a ballot does not use its code', async () => {
    const { db, tag } = await stationWithCodes();
    // A ballot was cast here earlier with GOOD.
    await db.usedCodes.add({ eventId: EVENT.id, tag: await tag(GOOD) });
    const { user } = renderStation(db);
    await heading(EVENT.name);
    await user.click(screen.getByRole('button', { name: 'Start voting' }));
    await heading('Your voting code');
    await tryCode(user, GOOD);
    expect(await screen.findByRole('alert')).toHaveTextContent('already been used');
    await tryCode(user, SECOND);
    await heading('The projects');
    // The voter walks away: cancel the ballot.
    await user.click(screen.getByRole('button', { name: 'Cancel my vote' }));
    await user.click(await screen.findByRole('button', { name: 'Yes, cancel my vote' }));
    await heading(EVENT.name);
    // Only the earlier ballot's code is used.
    expect(await countUsedCodes(db, EVENT.id)).toBe(1);

    // The same card again: still good.
    await user.click(screen.getByRole('button', { name: 'Start voting' }));
    await heading('Your voting code');
    await tryCode(user, SECOND);
    await heading('The projects');
  });
});
