// A desk's register saved as a file for the organiser: only the register, named after the event,
// the desk and the day, in the shape the server's import checks.
import { describe, expect, it } from 'vitest';
import { registerFileSchema } from '../../src/core/protocol.ts';
import { addRegistration } from '../../src/db/register-repo.ts';
import { exportRegister } from '../../src/sync/register-export.ts';
import { setUpDemoStation } from '../support/station-db.ts';

describe('exportRegister', () => {
  it('says there is nothing to save before anyone registered', async () => {
    const { db, station } = await setUpDemoStation();
    const saved = await exportRegister(db, station.eventId, new Date(2026, 5, 13, 17));
    expect(saved).toEqual({ ok: false, error: { code: 'empty-register', params: {} } });
  });

  it('writes every row of the event in the import shape, and no ballot', async () => {
    const { db, station } = await setUpDemoStation();
    await addRegistration(db, {
      id: 'r1',
      eventId: station.eventId,
      day: '2026-06-13',
      name: 'Jo Smith',
      postcode: 'TD9 8AB',
      released: 'card',
    });
    const saved = await exportRegister(db, station.eventId, new Date(2026, 5, 13, 17));
    if (!saved.ok) throw new Error(saved.error.code);
    expect(saved.value.filename).toBe(
      `${station.eventId}-station-church-hall-2026-06-13-register.ddregister`,
    );
    expect(saved.value.rows).toBe(1);
    const file = registerFileSchema.parse(JSON.parse(saved.value.text));
    expect(file).toEqual({
      format: 'decision-day-register',
      version: 1,
      eventId: station.eventId,
      desk: 'Church hall',
      rows: [
        {
          id: 'r1',
          eventId: station.eventId,
          day: '2026-06-13',
          name: 'Jo Smith',
          postcode: 'TD9 8AB',
          released: 'card',
        },
      ],
    });
  });
});
