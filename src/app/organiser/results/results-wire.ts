/**
 * The counted results as the worker posts them back, shaped to be cheap for the page to receive.
 * Structured clone rebuilds every object on the receiving thread: 100,000 ballots took the page's
 * main thread over a second (the freeze the worker is there to prevent). So the counted ballots
 * travel as one JSON string, cloned as a single copy, and become objects again only when something
 * reads them (the exports), once; their number is known without that. The file's own text does not travel back at all: the page
 * still holds the string it sent, or the download's bytes (count-in-worker.ts).
 */
import type { Ballot } from '../../../core/schema.ts';
import type { EventResults } from './compute-results.ts';

export type WireResults = Omit<EventResults, 'fileText' | 'ballots'> & {
  ballotsJson: string;
  ballotCount: number;
};

/** In the worker: everything but the file's text, the ballots as JSON. */
export function toWire(results: EventResults): WireResults {
  // Every other field (whatever computeResults adds) goes as it is.
  const wire: WireResults & Partial<Pick<EventResults, 'fileText' | 'ballots'>> = {
    ...results,
    ballotsJson: JSON.stringify(results.ballots),
    ballotCount: results.ballots.length,
  };
  delete wire.fileText;
  delete wire.ballots;
  return wire;
}

/**
 * On the page: the results again, their ballots parsed on first use; the file's text as it is, or
 * (a download's bytes) made the first time it is read.
 */
export function fromWire(wire: WireResults, fileText: string | (() => string)): EventResults {
  const { ballotsJson, ballotCount, ...rest } = wire;
  const ballots = lazyBallots(ballotsJson, ballotCount);
  if (typeof fileText === 'string') return { ...rest, fileText, ballots };
  let text: string | undefined;
  const results = { ...rest, ballots } as EventResults;
  return Object.defineProperty(results, 'fileText', {
    get: () => (text ??= fileText()),
    enumerable: true,
  });
}

/**
 * An array of the ballots that knows its length (the screens show it) and parses the JSON the
 * first time anything else is read (a ballots export): a real array to every reader, from
 * `Array.isArray` to `map` and spreading.
 */
function lazyBallots(json: string, count: number): readonly Ballot[] {
  let parsed: Ballot[] | undefined;
  const ballots = () => (parsed ??= JSON.parse(json) as Ballot[]);
  return new Proxy<Ballot[]>(new Array<Ballot>(count), {
    get: (_, key): unknown => (key === 'length' ? count : Reflect.get(ballots(), key)),
    has: (_, key) => Reflect.has(ballots(), key),
    ownKeys: () => Reflect.ownKeys(ballots()),
    getOwnPropertyDescriptor: (_, key) => Reflect.getOwnPropertyDescriptor(ballots(), key),
  });
}
