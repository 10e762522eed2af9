/**
 * The organiser's Stations screen with closing sheets: each station's sheet or "not closed yet",
 * reconciliation against the central tally (what matches, each difference in words), the sheet
 * with the volunteer's note and both clocks, and turnout by station and hour.
 */
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { stationLines } from '../../src/app/organiser/screens/StationClosings.tsx';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { StationsResponse } from '../../src/core/protocol.ts';
import { ok } from '../../src/core/result.ts';
import { fakeServer, renderOrganiser, signIn } from './organiser-fake-api.ts';

afterEach(cleanup);

const report: StationsResponse = {
  stations: [
    {
      stationId: 'st-hall',
      name: 'Hall',
      cast: 3,
      received: 3,
      missing: 0,
      lastContact: new Date().toISOString(),
      ballotStation: 'tablet-hall',
    },
    {
      stationId: 'st-library',
      name: 'Library',
      cast: 2,
      received: 2,
      missing: 0,
      lastContact: new Date().toISOString(),
      ballotStation: 'tablet-library',
    },
  ],
  closings: [
    {
      sheet: {
        station: 'tablet-hall',
        stationName: 'Hall',
        closedAt: '2026-06-13T17:00:00.000Z',
        released: 4,
        unused: 1,
        codesUsed: 0,
        screenBallots: 3,
        paperBallots: 1,
        synced: 3,
        waiting: 1,
        note: 'One voter walked away after the release.',
      },
      receivedAt: '2026-06-13T17:01:10.000Z',
      joined: 'st-hall',
    },
  ],
  tallies: [
    { station: 'tablet-hall', screen: 3, paper: 0, voided: 1, codes: 0, joined: 'st-hall' },
    { station: 'tablet-library', screen: 2, paper: 0, voided: 0, codes: 0, joined: 'st-library' },
  ],
  turnout: [
    { station: 'tablet-hall', hour: '2026-06-13T10:00Z', ballots: 2 },
    { station: 'tablet-hall', hour: '2026-06-13T11:00Z', ballots: 1 },
    { station: 'tablet-library', hour: '2026-06-13T11:00Z', ballots: 2 },
  ],
};

describe('closing sheets on the Stations screen', () => {
  it('reconciles each station in words, shows its sheet and turnout by hour', async () => {
    const user = userEvent.setup();
    const server = fakeServer(DEMO_EVENT, []);
    server.stations = report.stations;
    server.api.stationReport = () => Promise.resolve(ok(report));
    await renderOrganiser({ api: server.api });
    await signIn(user, DEMO_EVENT.name);

    const table = await screen.findByRole('table', { name: 'Reconciliation per station' });
    const hall = within(table).getByRole('row', { name: /Hall/ });
    const cells = within(hall)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(cells.slice(1, 7)).toEqual(['4 (3)', '4', '3', '0', '0 / 0', '1']);
    // The paper ballot on the sheet has not reached the tally.
    expect(cells[7]).toBe(
      '1 ballot on the sheet is not in the central tally yet: sync or import the station’s file.',
    );
    const library = within(table).getByRole('row', { name: /Library/ });
    expect(within(library).getAllByRole('cell')[0]).toHaveTextContent('Not closed yet');
    expect(within(library).getAllByRole('cell')[7]).toHaveTextContent(
      'Waiting for the closing sheet',
    );

    const sheet = screen.getByRole('region', { name: 'Closing sheet: Hall' });
    expect(
      within(sheet).getByText('Ballots released by a volunteer').nextElementSibling,
    ).toHaveTextContent('4');
    expect(within(sheet).getByText('Received by the tally server')).toBeInTheDocument();
    expect(
      within(sheet).getByText('Volunteer’s note: One voter walked away after the release.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Closing sheet: Library' })).toBeNull();

    const turnout = screen.getByRole('table', { name: /Ballots in the central tally by the hour/ });
    const rows = within(turnout).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(
      within(rows[1] as HTMLElement)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['1', '2', '3']);
  });

  it("shows the photo of the paper tally sheet with the station's sheet, or says it has not come", async () => {
    const user = userEvent.setup();
    const server = fakeServer(DEMO_EVENT, []);
    server.stations = report.stations;
    const hash = 'a'.repeat(64);
    const [hall] = report.closings ?? [];
    if (hall === undefined) throw new Error('no sheet');
    const withPhoto: StationsResponse = {
      ...report,
      closings: [
        { ...hall, sheet: { ...hall.sheet, photo: hash }, photoPath: `api/pictures/${hash}.jpg` },
        {
          sheet: { ...hall.sheet, station: 'tablet-library', stationName: 'Library', photo: hash },
          receivedAt: '2026-06-13T17:02:00.000Z',
          joined: 'st-library',
          photoPath: null,
        },
      ],
    };
    server.api.stationReport = () => Promise.resolve(ok(withPhoto));
    await renderOrganiser({ api: server.api });
    await signIn(user, DEMO_EVENT.name);

    const sheet = await screen.findByRole('region', { name: 'Closing sheet: Hall' });
    const photo = within(sheet).getByRole('img', {
      name: 'Photo of the paper tally sheet of Hall',
    });
    expect(photo.getAttribute('src')).toMatch(new RegExp(`api/pictures/${hash}\\.jpg$`));
    expect(
      within(sheet).getByRole('link', { name: 'Photo of the paper tally sheet of Hall' }),
    ).toHaveAttribute('href', expect.stringMatching(/api\/pictures\//));
    const library = screen.getByRole('region', { name: 'Closing sheet: Library' });
    expect(within(library).queryByRole('img')).toBeNull();
    expect(within(library).getByText(/has not reached the tally server yet/)).toBeInTheDocument();
  });

  it('a sheet that matches the tally says so; a station known only from a file is named by its sheet', () => {
    const lines = stationLines({
      stations: [],
      closings: [
        {
          sheet: {
            station: 'tablet-barn',
            stationName: 'Barn',
            closedAt: '2026-06-13T17:00:00.000Z',
            codesUsed: 0,
            screenBallots: 2,
            paperBallots: 0,
            synced: 0,
            waiting: 2,
          },
          receivedAt: null,
          joined: null,
        },
      ],
      tallies: [{ station: 'tablet-barn', screen: 2, paper: 0, voided: 0, codes: 0, joined: null }],
    });
    expect(lines.map((l) => [l.name, l.tally?.screen])).toEqual([['Barn', 2]]);
  });
});
