/**
 * A voter turned away as too young at the eligibility question, on a station with attended start
 * and voting codes: the volunteer's release ends unused (as a cancelled ballot's does, so the
 * closing sheet's released − unused = ballots still holds), no ballot is saved, and the voting
 * code is not used up — the same card still starts a ballot (a code is used only when a ballot is
 * cast).
 */
import { screen, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { EventDefinition } from '../../src/core/schema.ts';
import { codeTag, newSalt } from '../../src/core/voting-codes.ts';
import { listBallots } from '../../src/db/ballot-repo.ts';
import { counts } from '../../src/db/closing-repo.ts';
import { countUsedCodes, saveCodeList } from '../../src/db/code-repo.ts';
import { TEST_PIN } from '../support/station-db.ts';
import { expectFocusedHeading, heading, renderStation, stationWith } from './station-harness.tsx';

const EVENT: EventDefinition = {
  ...DEMO_EVENT,
  checkIn: {
    attended: true,
    codes: true,
    questions: { ageBand: { required: true, minimum: '16-17' } },
  },
};
const CARD = 'KFQ7-M4TX-9CJR';

async function release(user: UserEvent) {
  await user.click(await screen.findByRole('button', { name: 'Next voter' }));
  const dialog = screen.getByRole('dialog', { name: 'Start a ballot for the next voter' });
  await user.type(within(dialog).getByLabelText('Enter the volunteer PIN'), TEST_PIN);
  await user.click(within(dialog).getByRole('button', { name: 'Release one ballot' }));
  // The PIN's key derivation is slow in jsdom.
  await user.click(await screen.findByRole('button', { name: 'Start voting' }, { timeout: 5_000 }));
}

async function enterCard(user: UserEvent) {
  await expectFocusedHeading('Your voting code');
  await user.type(screen.getByLabelText('Voting code'), CARD);
  await user.click(screen.getByRole('button', { name: 'Check my code' }));
}

describe('a voter too young to vote', { timeout: 45_000 }, () => {
  it('ends the release unused and leaves the voting code unused', async () => {
    const db = await stationWith(EVENT);
    const salt = newSalt();
    await saveCodeList(db, {
      eventId: EVENT.id,
      version: 1,
      salt,
      iterations: 1000,
      valid: [await codeTag(CARD, salt, 1000)],
      voided: [],
      test: [],
    });
    const { user } = renderStation(db);
    await heading(EVENT.name);

    await release(user);
    await enterCard(user);
    await expectFocusedHeading('Before you vote');
    const age = screen.getByRole('group', { name: 'How old are you?' });
    await user.click(within(age).getByRole('radio', { name: '8 to 15' }));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await heading('Sorry, you cannot vote in this one');
    expect(screen.getByText('This vote is for people aged 16 and over. Thank you for coming!'));
    await user.click(screen.getByRole('button', { name: 'Finish' }));
    await heading(EVENT.name);

    // The release ended without a ballot: counted unused, none waiting or in use.
    await expect
      .poll(() => counts(db, EVENT.id))
      .toEqual({ released: 1, unused: 1, ready: false, inUse: false });
    expect(await listBallots(db, EVENT.id)).toHaveLength(0);
    expect(await countUsedCodes(db, EVENT.id)).toBe(0);
    // No Start until a volunteer releases again.
    expect(await screen.findByRole('button', { name: 'Next voter' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Start voting' })).toBeNull();

    // The card is still good: an older voter with the same card gets a ballot.
    await release(user);
    await enterCard(user);
    await expectFocusedHeading('Before you vote');
    expect(await counts(db, EVENT.id)).toMatchObject({ released: 2, unused: 1, inUse: true });
  });
});
