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
  DownloadLost,
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
async function realWorkerScope() {
  const scope: {
    onmessage: ((event: { data: CountRequest }) => void) | null;
    postMessage: (r: CountReply, transfer?: Transferable[]) => void;
  } = { onmessage: null, postMessage: () => {} };
  vi.stubGlobal('self', scope);
  vi.resetModules();
  await import('../../src/app/organiser/results/results.worker.ts');
  vi.unstubAllGlobals();
  return scope;
}

/** The real worker code as a function of one request to its reply. */
async function realWorkerCode(): Promise<(request: CountRequest) => CountReply> {
  const scope = await realWorkerScope();
  let reply: CountReply | undefined;
  scope.postMessage = (r) => (reply = r);
  return (request) => {
    reply = undefined;
    scope.onmessage?.({ data: request });
    if (reply === undefined) throw new Error('the worker posted nothing');
    return reply;
  };
}

/**
 * A worker running the real worker code as messages arrive, each cloned (and its buffers
 * transferred) as postMessage does, both ways; `seen` lists the kinds of request it got.
 */
class PassingWorker {
  readonly seen: CountRequest['kind'][] = [];
  terminated = false;
  private readonly listeners = new Map<string, Listener[]>();

  static async make(): Promise<PassingWorker> {
    return new PassingWorker(await realWorkerScope());
  }

  private constructor(private readonly scope: Awaited<ReturnType<typeof realWorkerScope>>) {
    scope.postMessage = (reply, transfer = []) => {
      const data = structuredClone(reply, { transfer });
      queueMicrotask(() => this.emit(new MessageEvent('message', { data })));
    };
  }
  postMessage(data: CountRequest, transfer?: Transferable[] | StructuredSerializeOptions) {
    if (this.terminated) return;
    this.seen.push(data.kind);
    const options = Array.isArray(transfer) ? { transfer } : transfer;
    this.scope.onmessage?.({ data: structuredClone(data, options) });
  }
  addEventListener(type: string, listener: Listener) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  terminate() {
    this.terminated = true;
  }
  private emit(event: Event) {
    for (const listener of this.listeners.get(event.type) ?? []) listener(event);
  }
}

/** The text's UTF-8 bytes as a download, in pieces cut every `size` bytes (or at `cuts`). */
function download(text: string, size: number, options: { breakAfter?: number } = {}) {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  let pieces = 0;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (options.breakAfter !== undefined && pieces === options.breakAfter) {
        controller.error(new TypeError('network error'));
        return;
      }
      if (at >= bytes.length) {
        controller.close();
        return;
      }
      // A view into the whole file, as some browsers hand pieces: the counter copies it.
      controller.enqueue(bytes.subarray(at, at + size));
      at += size;
      pieces += 1;
    },
    cancel() {
      cancelled = true;
    },
  });
  return { stream, cancelled: () => cancelled };
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
        request.kind === 'text' && request.fileText === 'boom'
          ? { id: request.id, ok: false, message: 'boom' }
          : run(request),
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

describe('counting a file as it downloads', () => {
  // The demo event's header holds Welsh, Gaelic and Arabic: cut every 7 bytes, pieces end inside
  // characters, and inside lines nearly always.
  const text = fileOf(120, 7);

  it('gives the same results as the whole text, and the same file to download', async () => {
    const worker = await PassingWorker.make();
    const counter = createCounter(() => worker);
    const counted = await counter.count(download(text, 7).stream);
    expect(counted.where).toBe('worker');
    expect(worker.seen[0]).toBe('start');
    expect(worker.seen.at(-1)).toBe('end');
    expect(worker.seen.length).toBeGreaterThan(100);
    expect(counted.result).toEqual(computeResults(text));
    if (!counted.result.ok) throw new Error('expected results');
    expect(counted.result.value.fileText).toBe(text);
  });

  it('refuses a damaged file exactly as when given its text', async () => {
    const counter = createCounter(() => worker);
    const worker = await PassingWorker.make();
    const damaged = text.replace('"hash":"', '"hash":"0');
    const counted = await counter.count(download(damaged, 4096).stream);
    expect(counted.result.ok).toBe(false);
    expect(counted.result).toStrictEqual(computeResults(damaged));
  });

  it('says the download broke off, and counts the next one', async () => {
    const worker = await PassingWorker.make();
    const counter = createCounter(() => worker);
    await expect(counter.count(download(text, 1000, { breakAfter: 3 }).stream)).rejects.toThrow(
      DownloadLost,
    );
    expect(worker.seen.at(-1)).toBe('lost');
    expect(worker.terminated).toBe(false);
    const next = await counter.count(download(text, 1000).stream);
    expect(next.result).toEqual(computeResults(text));
  });

  it('stops the download when its count is abandoned', async () => {
    const worker = await PassingWorker.make();
    const counter = createCounter(() => worker);
    const abandon = new AbortController();
    const file = download(text, 100);
    const counting = counter.count(file.stream, abandon.signal);
    abandon.abort();
    await expect(counting).rejects.toThrow('abandoned');
    await vi.waitFor(() => expect(file.cancelled()).toBe(true));
    expect(worker.terminated).toBe(true);
  });

  it('reads a download whole and counts it inline where there is no Worker', async () => {
    const counted = await createCounter(null).count(download(text, 333).stream);
    expect(counted.where).toBe('inline');
    expect(counted.result).toEqual(computeResults(text));
    await expect(
      createCounter(null).count(download(text, 333, { breakAfter: 2 }).stream),
    ).rejects.toThrow(DownloadLost);
  });
});
