// Equalities answers from a station that never reaches the network, in the app: the volunteer
// area's export saves them as a file of their own (never the ballots' file), and the organiser
// imports it on the Equalities screen — once; a damaged file or another event's is refused in
// words and the counts do not change.
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import {
  equalitiesFileSchema,
  type EqualitiesImportResponse,
} from '../../src/core/equalities-protocol.ts';
import { summariseEqualities, type EqualitiesAnswers } from '../../src/core/questions.ts';
import type { EventDefinition } from '../../src/core/schema.ts';
import { castBallot } from '../../src/db/ballot-repo.ts';
import { putEvent } from '../../src/db/event-repo.ts';
import { countEqualities, saveEqualities } from '../../src/db/equalities-repo.ts';
import type { StationExport } from '../../src/sync/export.ts';
import { CatalogueProvider } from '../../src/app/i18n/react.tsx';
import { DEFAULT_TIMINGS, ServicesProvider } from '../../src/app/shared/services.tsx';
import { SyncExport } from '../../src/app/station/SyncExport.tsx';
import type { SyncServices } from '../../src/app/station/SyncServices.ts';
import { setUpDemoStation } from '../support/station-db.ts';
import { fakeEditorServer } from './editor-fake-api.tsx';
import { fakeServer, openScreen, renderOrganiser, signIn } from './organiser-fake-api.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const NOW = new Date(2026, 5, 13, 18, 5);
const event: EventDefinition = {
  ...DEMO_EVENT,
  checkIn: { equalities: ['age-band', 'gender'] },
};

async function stationWithAnswers(count: number) {
  const { db } = await setUpDemoStation();
  await putEvent(db, event);
  await castBallot(db, { event, choice: { kind: 'approval', bids: ['gala-day'] }, now: NOW });
  for (let i = 0; i < count; i++) {
    await saveEqualities(db, event, { 'age-band': '25-44', gender: i % 2 ? 'man' : 'woman' });
  }
  return db;
}

async function exportFromStation(count: number) {
  const db = await stationWithAnswers(count);
  const saved: StationExport[] = [];
  const services = {
    saveFile: (file: StationExport) => {
      saved.push(file);
      return Promise.resolve();
    },
    shareFile: null,
  } as unknown as SyncServices; // Only the file services: the export uses no engine.
  const user = userEvent.setup();
  render(
    <CatalogueProvider>
      <ServicesProvider
        value={{ db, now: () => NOW, storage: undefined, timings: DEFAULT_TIMINGS }}
      >
        <SyncExport services={services} />
      </ServicesProvider>
    </CatalogueProvider>,
  );
  return { db, saved, user };
}

describe('the station’s equalities file', () => {
  it('is saved apart from the ballots’ file, holding only the shuffled answers', async () => {
    const { db, saved, user } = await exportFromStation(12);
    expect(
      await screen.findByText(
        'Burnfoot Community Choices (demo): 12 people’s equalities answers, saved apart from the ballots',
      ),
    ).toBeInTheDocument();
    await user.click(
      screen.getByRole('button', {
        name: 'Save the equalities answers for Burnfoot Community Choices (demo)',
      }),
    );
    const done = await screen.findByText(/^Saved .*\(12 people’s answers\)/);
    expect(done).toHaveTextContent('Give it to the organiser with the ballots’ file.');
    expect(saved).toHaveLength(1);
    const [file] = saved;
    expect(file?.filename).toBe(`${DEMO_EVENT.id}-equalities-2026-06-13.ddequalities`);
    const parsed = equalitiesFileSchema.parse(JSON.parse(file?.text ?? ''));
    expect(parsed.batches.flatMap((b) => b.answers)).toHaveLength(12);
    // No ballot in it, and the ballots' own export is still offered apart.
    expect(file?.text).not.toContain('gala-day');
    expect(file?.ballotIds).toBeUndefined();
    expect(screen.getByRole('button', { name: /^Export 1 ballot for/ })).toBeInTheDocument();
    // The answers stay on the tablet until the tally server holds them.
    expect(await countEqualities(db, event.id)).toBe(12);

    // Saved again: the same batch ids, so the organiser importing both adds nothing twice.
    await user.click(screen.getByRole('button', { name: /^Save the equalities answers/ }));
    await screen.findByText(/^Saved .*\(12 people’s answers\)/);
    const again = equalitiesFileSchema.parse(JSON.parse(saved[1]?.text ?? ''));
    expect(again.batches.map((b) => b.batch)).toEqual(
      expect.arrayContaining(parsed.batches.map((b) => b.batch)),
    );
  });

  it('is not offered when no answers wait', async () => {
    await exportFromStation(0);
    await screen.findByRole('button', { name: /^Export 1 ballot for/ });
    expect(screen.queryByRole('button', { name: /equalities/ })).toBeNull();
  });
});

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** The equalities routes (src/server/http/equalities-routes.ts) over answers in memory. */
function serveEqualities() {
  const editor = fakeEditorServer([event]);
  const answers: EqualitiesAnswers[] = [];
  const batches = new Set<string>();
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    await Promise.resolve();
    const path = url.replace(/^\/api\/v1/, '');
    const base = `/events/${event.id}`;
    if (path === base) {
      const detail = await editor.api.getEvent('token-1', event.id);
      return detail.ok ? json(detail.value) : json({ error: { code: 'not-found' } }, 404);
    }
    if (path === `${base}/equalities`) {
      return json(summariseEqualities(event.checkIn?.equalities ?? [], answers));
    }
    if (path === `${base}/equalities/import` && init.method === 'POST') {
      let body: unknown;
      try {
        body = JSON.parse(typeof init.body === 'string' ? init.body : '');
      } catch {
        body = undefined;
      }
      const file = equalitiesFileSchema.safeParse(body);
      if (!file.success) {
        const message = 'This is not an equalities file, or it was damaged.';
        return json({ error: { code: 'invalid-file', message, params: { path: '' } } }, 422);
      }
      if (file.data.eventId !== event.id) {
        const message = `This equalities file is of event "${file.data.eventId}".`;
        const params = { event: event.id, file: file.data.eventId };
        return json({ error: { code: 'other-event-file', message, params } }, 409);
      }
      const reply: EqualitiesImportResponse = { added: 0, already: 0 };
      for (const b of file.data.batches) {
        if (batches.has(b.batch)) {
          reply.already += b.answers.length;
        } else {
          batches.add(b.batch);
          answers.push(...b.answers);
          reply.added += b.answers.length;
        }
      }
      return json(reply);
    }
    return json({ error: { code: 'not-found', message: 'no', params: {} } }, 404);
  });
  return { answers };
}

describe('importing an equalities file on the Equalities screen', { timeout: 30_000 }, () => {
  it('adds the answers once; a damaged file or another event’s changes nothing', async () => {
    const db = await stationWithAnswers(12);
    const { exportEqualities } = await import('../../src/sync/equalities-export.ts');
    const saved = await exportEqualities(db, event.id, NOW);
    if (!saved.ok) throw new Error(saved.error.code);
    const other = saved.value.text.replace(`"eventId":"${event.id}"`, '"eventId":"other-event"');

    const user = userEvent.setup();
    const server = fakeServer(event, []);
    const held = serveEqualities();
    await renderOrganiser({ api: server.api });
    await signIn(user, event.name);
    await openScreen(user, 'Equalities', 'Who took part: equalities answers');
    expect(
      await screen.findByText(/^(0 voters answered\.|Fewer than 10 voters have answered)/),
    ).toBeInTheDocument();
    const section = screen.getByRole('region', {
      name: 'A station with no network: import its equalities answers',
    });
    const choose = (text: string, name: string) =>
      user.upload(
        within(section).getByLabelText('Equalities answers file (.ddequalities)'),
        new File([text], name, { type: 'application/json' }),
      );
    const importIt = () =>
      user.click(within(section).getByRole('button', { name: 'Import the equalities answers' }));

    await importIt();
    expect(await within(section).findByRole('alert')).toHaveTextContent(
      'Choose an equalities answers file first.',
    );

    await choose(saved.value.text.slice(0, 80), 'cut.ddequalities');
    await importIt();
    expect(await within(section).findByRole('alert')).toHaveTextContent(
      'This file cannot be imported, and nothing was imported.',
    );
    await choose(other, 'other.ddequalities');
    await importIt();
    expect(await within(section).findByRole('alert')).toHaveTextContent(
      'This file is from another event',
    );
    expect(held.answers).toHaveLength(0);

    await choose(saved.value.text, saved.value.filename);
    await importIt();
    expect(await within(section).findByRole('status')).toHaveTextContent(
      'Imported: 12 people’s answers added, 0 already here.',
    );
    expect(await screen.findByText('12 voters answered.')).toBeInTheDocument();
    await importIt();
    expect(
      await within(section).findByText('Imported: 0 people’s answers added, 12 already here.'),
    ).toBeInTheDocument();
    expect(held.answers).toHaveLength(12);
  });
});
