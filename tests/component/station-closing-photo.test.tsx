/**
 * The photo of the paper tally sheet on the station's closing sheet: chosen with the camera's file
 * input, shown before closing (and removable), stored with the sheet whose `photo` is its SHA-256,
 * and shown on the closed sheet; a file that is not a picture is refused in words and kept off.
 * Making the photo small needs a real canvas, so that one step is a stand-in here (the browser
 * test does it for real).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { screen, within } from '@testing-library/react';
import { userEvent, type UserEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type * as ClosingPhotoModule from '../../src/app/station/closing-photo.ts';
import { getClosing } from '../../src/db/closing-repo.ts';
import { heading, renderStation, stationWith, unlockVolunteerArea } from './station-harness.tsx';

const JPEG = new Uint8Array(readFileSync(join(process.cwd(), 'tests/server/fixtures/picture.jpg')));
const HASH = createHash('sha256').update(JPEG).digest('hex');

vi.mock('../../src/app/station/closing-photo.ts', async (original) => {
  const real = await original<typeof ClosingPhotoModule>();
  return {
    ...real,
    // Made small: here the fixture photo whatever was chosen; a file that is not a picture is
    // still refused by the real first check.
    prepareClosingPhoto: async (file: File) =>
      file.type.startsWith('image/')
        ? { ok: true, photo: { type: 'image/jpeg', bytes: JPEG.slice().buffer }, sha256: HASH }
        : real.prepareClosingPhoto(file),
  };
});

async function openSheet(user: UserEvent) {
  await heading(DEMO_EVENT.name);
  await unlockVolunteerArea(user);
  const section = await screen.findByRole('region', { name: 'Close this station' });
  await user.click(within(section).getByRole('button', { name: 'Prepare the closing sheet' }));
  return section;
}

describe('the photo of the paper tally sheet', () => {
  it('is taken with the camera, shown, stored with the sheet and shown on the closed sheet', async () => {
    const db = await stationWith(DEMO_EVENT);
    // The browser's picker offers pictures only, but a file of any kind can still be chosen.
    const { user } = renderStation(db, { user: userEvent.setup({ applyAccept: false }) });
    const section = await openSheet(user);
    const input = await within(section).findByLabelText(
      'Add a photo of the paper tally sheet (optional)',
    );
    expect(input).toHaveAttribute('type', 'file');
    expect(input).toHaveAttribute('accept', 'image/*');
    expect(input).toHaveAttribute('capture', 'environment');

    // Not a picture: said, and nothing kept.
    await user.upload(input, new File(['hello'], 'notes.txt', { type: 'text/plain' }));
    expect(await within(section).findByRole('alert')).toHaveTextContent(
      'That file is not a picture. Choose a photo of the paper tally sheet.',
    );
    expect(within(section).queryByRole('img')).toBeNull();

    // A photo: shown before closing, and can be taken off again.
    const photo = new File([JPEG], 'tally.jpg', { type: 'image/jpeg' });
    await user.upload(input, photo);
    const shown = await within(section).findByRole('img', {
      name: 'Photo of the paper tally sheet',
    });
    expect(shown.getAttribute('src')).toMatch(/^data:image\/jpeg;base64,/);
    expect(within(section).queryByRole('alert')).toBeNull();
    await user.click(within(section).getByRole('button', { name: 'Remove the photo' }));
    expect(within(section).queryByRole('img')).toBeNull();

    await user.upload(
      within(section).getByLabelText('Add a photo of the paper tally sheet (optional)'),
      photo,
    );
    await within(section).findByRole('img', { name: 'Photo of the paper tally sheet' });
    await user.click(within(section).getByRole('button', { name: 'Close the station' }));
    await within(section).findByText('This station is closed. It offers voters no new ballots.');

    const row = await getClosing(db, DEMO_EVENT.id);
    expect(row?.sheet.photo).toBe(HASH);
    expect(row?.photo?.type).toBe('image/jpeg');
    expect(new Uint8Array(row?.photo?.bytes ?? new ArrayBuffer(0))).toEqual(JPEG);
    expect(row?.photoSentAt).toBeUndefined();
    // The closed sheet shows it under its own heading.
    expect(
      within(section).getByRole('heading', { name: 'Photo of the paper tally sheet' }),
    ).toBeInTheDocument();
    expect(
      within(section).getByRole('img', { name: 'Photo of the paper tally sheet' }),
    ).toBeInTheDocument();
  });

  it('closes without a photo when none is added', async () => {
    const db = await stationWith(DEMO_EVENT);
    const { user } = renderStation(db);
    const section = await openSheet(user);
    await user.click(await within(section).findByRole('button', { name: 'Close the station' }));
    await within(section).findByText('This station is closed. It offers voters no new ballots.');
    const row = await getClosing(db, DEMO_EVENT.id);
    expect(row?.sheet.photo).toBeUndefined();
    expect(row?.photo).toBeUndefined();
    expect(within(section).queryByRole('img')).toBeNull();
  });
});
