/**
 * The results screen when the browser has a Worker (stood in for here, since jsdom has none): it
 * says it is counting while the worker counts, shows the worker's results, and a worker that fails
 * is a problem on the screen, not a wait forever.
 */
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { CountReply, CountRequest } from '../../src/app/organiser/results/count-in-worker.ts';

type Listener = (event: Event) => void;

/** Every worker the app made; each holds its requests until the test answers or fails them. */
const workers = vi.hoisted(() => {
  class HeldWorker {
    static made: HeldWorker[] = [];
    readonly inbox: unknown[] = [];
    private readonly listeners = new Map<string, Listener[]>();
    constructor() {
      HeldWorker.made.push(this);
    }
    postMessage(data: unknown) {
      this.inbox.push(structuredClone(data));
    }
    addEventListener(type: string, listener: Listener) {
      this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
    }
    terminate() {}
    emit(event: Event) {
      for (const listener of this.listeners.get(event.type) ?? []) listener(event);
    }
  }
  // Before the app's modules load: the counter decides once whether there is a Worker.
  globalThis.Worker = HeldWorker as unknown as typeof Worker;
  return HeldWorker;
});

import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { computeResults } from '../../src/app/organiser/results/compute-results.ts';
import { toWire } from '../../src/app/organiser/results/results-wire.ts';
import {
  approvalBallots,
  fakeServer,
  openScreen,
  renderOrganiser,
  signIn,
} from './organiser-fake-api.ts';

/** Answers the worker's first waiting count as results.worker.ts does (without the file's text). */
function answer(worker: InstanceType<typeof workers>) {
  const request = worker.inbox.shift() as CountRequest;
  if (request.kind !== 'text') throw new Error(`expected the file's text, not ${request.kind}`);
  const result = computeResults(request.fileText);
  const reply: CountReply = {
    id: request.id,
    ok: true,
    result: result.ok ? { ok: true, value: toWire(result.value) } : result,
    countMs: 1,
  };
  worker.emit(new MessageEvent('message', { data: structuredClone(reply) }));
}

async function openResultsWhileCounting() {
  const user = userEvent.setup();
  const server = fakeServer(DEMO_EVENT, approvalBallots(DEMO_EVENT, 80, 4));
  await renderOrganiser({ api: server.api });
  await signIn(user, DEMO_EVENT.name);
  await openScreen(user, 'Results');
  // The file has arrived and sits with the worker: the screen says so.
  expect(await screen.findByRole('status')).toHaveTextContent('Counting the ballots…');
  const worker = workers.made.at(-1);
  if (worker === undefined) throw new Error('the results screen made no worker');
  expect(worker.inbox).toHaveLength(1);
  return worker;
}

afterEach(cleanup);
afterAll(() => vi.unstubAllGlobals());

describe('organiser results, counted in a worker', () => {
  it('says it is counting, then shows what the worker counted', async () => {
    const worker = await openResultsWhileCounting();
    answer(worker);
    expect(await screen.findByText('80 ballots counted.')).toBeInTheDocument();
    expect(screen.queryByText('Counting the ballots…')).not.toBeInTheDocument();
  });

  it('shows a problem, not a wait, when the worker fails', async () => {
    const worker = await openResultsWhileCounting();
    worker.emit(new ErrorEvent('error', { message: 'Out of memory', cancelable: true }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This browser could not count the ballots.');
    expect(screen.queryByText('Counting the ballots…')).not.toBeInTheDocument();
  });
});
