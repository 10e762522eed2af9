/**
 * The organiser's counting client (src/app/organiser/results/count-in-worker.ts): inline where
 * there is no Worker, and, with workers standing in for the browser's, that the real worker code's
 * replies clone, match their requests, and that a failing worker is a problem, not a wait.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { writeTallyFile } from '../../src/core/tally-file/index.ts';
import { computeResults } from '../../src/app/organiser/results/compute-results.ts';
import {
  CountFailed,
  countResults,
  createCounter,
  type CountReply,
  type CountRequest,
} from '../../src/app/organiser/results/count-in-worker.ts';
import { approvalBallots } from './organiser-fake-api.ts';

const fileOf = (ballots: number, seed: number) =>
  writeTallyFile(DEMO_EVENT, approvalBallots(DEMO_EVENT, ballots, seed));

type Listener = (event: Event) => void;

/** A browser worker's part the counter sees; its messages go through structuredClone, as postMessage does. */
class FakeWorker {
  readonly inbox: CountRequest[] = [];
  terminated = false;
  private readonly listeners = new Map<string, Listener[]>();

  constructor(private readonly run: (request: CountRequest) => CountReply) {}

  postMessage(data: CountRequest) {
    this.inbox.push(structuredClone(data));
  }
  addEventListener(type: string, listener: Listener) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  terminate() {
    this.terminated = true;
  }
  emit(event: Event) {
    for (const listener of this.listeners.get(event.type) ?? []) listener(event);
  }
  /** Counts the waiting request at `index` and posts its reply. */
  answer(index = 0) {
    const [request] = this.inbox.splice(index, 1);
    if (request === undefined) throw new Error('nothing to answer');
    const reply = structuredClone(this.run(request));
    this.emit(new MessageEvent('message', { data: reply }));
  }
  fail(message: string) {
    this.emit(new ErrorEvent('error', { message, cancelable: true }));
  }
}

/** The real results.worker.ts, loaded with `self` standing for a worker's scope. */
async function realWorkerCode(): Promise<(request: CountRequest) => CountReply> {
  let reply: CountReply | undefined;
  const scope: {
    onmessage: ((event: { data: CountRequest }) => void) | null;
    postMessage: (r: CountReply) => void;
  } = { onmessage: null, postMessage: (r) => (reply = r) };
  vi.stubGlobal('self', scope);
  vi.resetModules();
  await import('../../src/app/organiser/results/results.worker.ts');
  vi.unstubAllGlobals();
  return (request) => {
    reply = undefined;
    scope.onmessage?.({ data: request });
    if (reply === undefined) throw new Error('the worker posted nothing');
    return reply;
  };
}

/** A counter whose workers run the real worker code; `made` lists every worker it started. */
async function counterOnFakeWorkers() {
  const run = await realWorkerCode();
  const made: FakeWorker[] = [];
  const counter = createCounter(() => {
    const worker = new FakeWorker(run);
    made.push(worker);
    return worker;
  });
  return { counter, made };
}

afterEach(() => vi.unstubAllGlobals());

describe('counting in a worker', () => {
  it('counts inline, on purpose, where the browser has no Worker (as here in jsdom)', async () => {
    expect(typeof Worker).toBe('undefined');
    const text = fileOf(40, 3);
    const counted = await createCounter(null).count(text);
    expect(counted.where).toBe('inline');
    expect(counted.result).toEqual(computeResults(text));
    // The app's own entry point takes the same way here.
    expect(await countResults(text)).toEqual(computeResults(text));
  });

  it('gives the same results through the worker as inline, the file text re-attached', async () => {
    const { counter, made } = await counterOnFakeWorkers();
    const text = fileOf(60, 5);
    const pending = counter.count(text);
    made[0]?.answer();
    const counted = await pending;
    expect(counted.where).toBe('worker');
    expect(counted.countMs).toBeGreaterThanOrEqual(0);
    // structuredClone keeps plain data only: strict equality shows nothing was lost on the way.
    expect(counted.result).toStrictEqual(computeResults(text));
    if (!counted.result.ok) throw new Error('expected results');
    expect(counted.result.value.fileText).toBe(text);
  });

  it('brings the ballots back as JSON, parsed only when something reads more than their number', async () => {
    const { counter, made } = await counterOnFakeWorkers();
    const text = fileOf(25, 6);
    const pending = counter.count(text);
    made[0]?.answer();
    const { result } = await pending;
    if (!result.ok) throw new Error('expected results');
    const expected = computeResults(text);
    const parse = vi.spyOn(JSON, 'parse');
    expect(result.value.ballots.length).toBe(25);
    expect(parse).not.toHaveBeenCalled();
    expect([...result.value.ballots]).toEqual(expected.ok ? expected.value.ballots : null);
    expect(result.value.ballots.map((b) => b.id)).toEqual(
      expected.ok ? expected.value.ballots.map((b) => b.id) : [],
    );
    expect(parse).toHaveBeenCalledTimes(1); // once, then kept
    parse.mockRestore();
  });

  it('matches two overlapping counts to their own replies, answered in the other order', async () => {
    const { counter, made } = await counterOnFakeWorkers();
    const first = counter.count(fileOf(30, 1));
    const second = counter.count(fileOf(45, 2));
    expect(made).toHaveLength(1); // one worker, reused
    const worker = made[0];
    expect(worker?.inbox).toHaveLength(2);
    worker?.answer(1);
    worker?.answer(0);
    const [a, b] = await Promise.all([first, second]);
    expect(a.result.ok && a.result.value.ballots.length).toBe(30);
    expect(b.result.ok && b.result.value.ballots.length).toBe(45);
  });

  it('passes on a file that fails its checks as the core’s problem, not as a failure', async () => {
    const { counter, made } = await counterOnFakeWorkers();
    const pending = counter.count('not a tally file\n');
    made[0]?.answer();
    const counted = await pending;
    expect(counted.result).toStrictEqual(computeResults('not a tally file\n'));
    expect(counted.result.ok).toBe(false);
  });

  it('turns a failing worker into CountFailed for every count waiting, and starts afresh', async () => {
    const { counter, made } = await counterOnFakeWorkers();
    const first = counter.count(fileOf(10, 1));
    const second = counter.count(fileOf(12, 2));
    made[0]?.fail('Out of memory');
    await expect(first).rejects.toThrow(CountFailed);
    await expect(second).rejects.toThrow('Out of memory');
    expect(made[0]?.terminated).toBe(true);

    const third = counter.count(fileOf(14, 3));
    expect(made).toHaveLength(2);
    made[1]?.answer();
    expect((await third).result.ok).toBe(true);
  });

  it('rejects only the count the worker could not finish', async () => {
    const made: FakeWorker[] = [];
    const run = await realWorkerCode();
    const counter = createCounter(() => {
      const worker = new FakeWorker((request) =>
        request.fileText === 'boom' ? { id: request.id, ok: false, message: 'boom' } : run(request),
      );
      made.push(worker);
      return worker;
    });
    const bad = counter.count('boom');
    const good = counter.count(fileOf(8, 4));
    made[0]?.answer();
    made[0]?.answer();
    await expect(bad).rejects.toThrow(CountFailed);
    expect((await good).result.ok).toBe(true);
    expect(made[0]?.terminated).toBe(false);
  });

  it('stops the worker when its only count is abandoned, so the next does not wait behind it', async () => {
    const { counter, made } = await counterOnFakeWorkers();
    const abandon = new AbortController();
    const abandoned = counter.count(fileOf(20, 1), abandon.signal);
    abandon.abort();
    await expect(abandoned).rejects.toThrow('abandoned');
    expect(made[0]?.terminated).toBe(true);
    const next = counter.count(fileOf(21, 2));
    expect(made).toHaveLength(2);
    made[1]?.answer();
    expect((await next).result.ok).toBe(true);
  });
});
