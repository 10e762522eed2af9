// The courier's component tests (a lead station receiving another station's ballots by camera):
// another station's ballots, its moving code in view of the fake camera, and the way in through
// the volunteer PIN to "Receive ballots from another station".
import { screen } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { Ballot, EventDefinition } from '../../src/core/schema.ts';
import { writeTallyFile } from '../../src/core/tally-file/write.ts';
import { courierStore } from '../../src/app/station/courier/courier-store.ts';
import { createSender } from '../../src/sync/transfer/index.ts';
import { fakeCamera, resetFakeCamera } from './fake-camera.ts';
import { expectFocusedHeading, heading, unlockVolunteerArea } from './station-harness.tsx';
import { stationBallots } from '../support/station-ballots.ts';

/** Another station's ballots (tests/support/station-ballots.ts). */
export const ballotsOf = (event: EventDefinition, n: number): Ballot[] => stationBallots(event, n);

/** Another station's file of these ballots, shown to the fake camera as its moving code. */
export async function show(event: EventDefinition, ballots: Ballot[]): Promise<string> {
  const text = writeTallyFile(event, ballots);
  const sender = await createSender({
    kind: 'ballots',
    eventId: event.id,
    text,
    ballots: ballots.length,
  });
  fakeCamera(() => [sender]);
  return text;
}

export async function openCourier(user: UserEvent, eventName = DEMO_EVENT.name) {
  await heading(eventName);
  await unlockVolunteerArea(user);
  await user.click(screen.getByRole('button', { name: 'Receive ballots from another station' }));
  await expectFocusedHeading('Receive ballots from another station');
}

/** After each test: the camera (and every spy) put back, the courier screen closed. */
export function closeCourier() {
  resetFakeCamera();
  courierStore.setState({ open: false });
}
