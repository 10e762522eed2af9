/**
 * What an organiser can do to events, whatever the transport: create one (blank, a copy, from a
 * whole definition or a package), save its definition, move it through its lifecycle, and make its
 * package. Every definition is checked here (never trust the page); refusals are `Failure`s with a
 * code, facts and, for a definition, its problems. The demo event is created through `createEvent`
 * too (src/server/first-run.ts).
 */
import { randomBytes } from 'node:crypto';
import { checkEventDefinition, type EventCheckProblem } from '../../core/event-check.ts';
import {
  buildEventPackage,
  eventFingerprint,
  PICTURE_PATH,
  pictureTypeOfPath,
  picturesNamedBy,
  readEventPackage,
  type PackagePicture,
} from '../../core/event-package.ts';
import type { EventState } from '../../core/event-lifecycle.ts';
import type { CreateEventRequest, EventDetail } from '../../core/events-api.ts';
import { problemSummary } from '../../core/problem.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { EventDefinition } from '../../core/schema.ts';
import { failure, type Failure } from '../http/respond.ts';
import { newJoinCode } from '../join-code.ts';
import { nativeSha256Bytes } from '../store/native-sha256.ts';
import { EventChangeRefused, type EventInfo, type TallyStore } from '../store/tally-store.ts';

/** Placeholder texts for a blank event, in the organiser's language (the app sends them). */
export interface BlankTexts {
  potName?: string;
  bidTitle?: string;
}

export class EventService {
  constructor(private readonly store: TallyStore) {}

  /** Whether a bid's picture is available: ours by hash, or any other path (the app's own files). */
  hasPicture = (image: string): boolean => {
    const match = PICTURE_PATH.exec(image);
    const type = pictureTypeOfPath(image);
    return match?.[1] === undefined || type === null || this.store.hasPicture(match[1], type);
  };

  problems(event: EventDefinition): EventCheckProblem[] {
    return checkEventDefinition(event, { hasPicture: this.hasPicture }).problems;
  }

  detail(info: EventInfo): EventDetail {
    return {
      id: info.event.id,
      definition: info.event,
      eventHash: info.eventHash,
      fingerprint: eventFingerprint(info.eventHash),
      version: info.version,
      state: info.state,
      joinCode: info.joinCode,
      ballots: info.ballots,
      rejected: info.rejected,
      rehearsalBallots: info.rehearsalBallots,
      problems: this.problems(info.event).map((p) => ({
        code: p.code,
        level: p.level,
        params: { ...p.params },
      })),
      history: info.history,
      definitionLocked: lockOf(info),
    };
  }

  /** Checks a definition from outside; errors refuse it with every problem listed. */
  check(input: unknown): Result<EventDefinition, Failure> {
    const check = checkEventDefinition(input, { hasPicture: this.hasPicture });
    if (check.definition !== null) return ok(check.definition);
    return err(
      failure(422, 'invalid-event', describe('The event definition is not valid', check.problems), {
        params: { count: check.problems.length },
        problems: check.problems,
      }),
    );
  }

  async create(
    request: CreateEventRequest & BlankTexts,
    by: string,
    state: 'draft' | 'open' = 'draft',
  ): Promise<Result<EventInfo, Failure>> {
    let definition: EventDefinition;
    switch (request.from) {
      case 'blank':
        definition = blankEvent(this.freeId(request.name), request);
        break;
      case 'copy': {
        const source = this.store.event(request.eventId);
        if (source === undefined) return err(noSuchEvent(request.eventId));
        const name = request.name ?? source.event.name;
        definition = { ...source.event, id: this.freeId(name), name };
        break;
      }
      case 'definition': {
        const checked = this.check(request.definition);
        if (!checked.ok) return checked;
        definition = checked.value;
        break;
      }
    }
    return this.createDefinition(definition, by, state);
  }

  private async createDefinition(
    definition: EventDefinition,
    by: string,
    state: 'draft' | 'open',
  ): Promise<Result<EventInfo, Failure>> {
    if (state === 'open') {
      const problems = this.problems(definition);
      if (problems.length > 0) return err(hasProblems(problems));
    }
    for (let attempt = 0; ; attempt++) {
      const joinCode = newJoinCode();
      if (this.store.eventByJoinCode(joinCode) !== undefined && attempt < 20) continue;
      return refusedAs(() => this.store.createEvent(definition, joinCode, { state, by }));
    }
  }

  async saveDefinition(
    eventId: string,
    change: { version: number; definition: unknown; confirmNewVersion?: boolean | undefined },
    by: string,
  ): Promise<Result<EventInfo, Failure>> {
    const info = this.store.event(eventId);
    if (info === undefined) return err(noSuchEvent(eventId));
    const checked = this.check(change.definition);
    if (!checked.ok) return checked;
    if (checked.value.id !== eventId) {
      return err(
        failure(400, 'invalid-request', `The definition's id must stay "${eventId}".`, {
          params: { path: 'definition.id', event: eventId },
        }),
      );
    }
    return refusedAs(() =>
      this.store.replaceDefinition(eventId, {
        event: checked.value,
        expectedVersion: change.version,
        by,
        newVersion: change.confirmNewVersion === true,
      }),
    );
  }

  async changeState(
    eventId: string,
    change: { version: number; to: EventState },
    by: string,
  ): Promise<Result<EventInfo, Failure>> {
    const info = this.store.event(eventId);
    if (info === undefined) return err(noSuchEvent(eventId));
    if (info.state === 'draft' && change.to === 'open' && change.version === info.version) {
      const problems = this.problems(info.event);
      if (problems.length > 0) return err(hasProblems(problems));
    }
    return refusedAs(() =>
      this.store.changeState(eventId, { to: change.to, expectedVersion: change.version, by }),
    );
  }

  /** The event package's text, or a refusal if a picture it names is not on the server. */
  async packageOf(info: EventInfo): Promise<Result<string, Failure>> {
    const pictures: PackagePicture[] = [];
    for (const path of picturesNamedBy(info.event)) {
      const sha = PICTURE_PATH.exec(path)?.[1];
      const type = pictureTypeOfPath(path);
      const bytes =
        sha === undefined || type === null ? undefined : await this.store.picture(sha, type);
      if (bytes === undefined || type === null) {
        return err(hasProblems(this.problems(info.event)));
      }
      pictures.push({ path, type, bytes });
    }
    // The voting codes' tags as they stand now, for stations that will never sync.
    const { book } = this.store.codes(info.event.id);
    const codes = book.batches().length > 0 ? book.stationList(info.event.id) : undefined;
    return ok(buildEventPackage(info.event, pictures, codes));
  }

  /**
   * Takes in a package: verified whole first (hashes of the definition and every picture); the
   * same event already here is fine and changes nothing; one with other content is refused.
   */
  async importPackage(
    input: unknown,
    by: string,
  ): Promise<Result<{ info: EventInfo; created: boolean }, Failure>> {
    const read = readEventPackage(input, { sha256Bytes: nativeSha256Bytes });
    if (!read.ok) {
      const problem = read.error;
      return err(
        failure(
          422,
          'invalid-package',
          `The package cannot be used (${problemSummary(problem)}).`,
          {
            params: { problem: problem.code, ...problem.params },
            cause: problem,
            ...(problem.problems === undefined ? {} : { problems: problem.problems }),
          },
        ),
      );
    }
    const pkg = read.value;
    const held = this.store.event(pkg.event.id);
    if (held !== undefined && held.eventHash !== pkg.eventHash) {
      return err(
        failure(
          409,
          'package-conflict',
          `This server already has event "${pkg.event.id}" with different content.`,
          {
            params: {
              event: pkg.event.id,
              eventHash: held.eventHash,
              packageHash: pkg.eventHash,
              fingerprint: eventFingerprint(held.eventHash),
              packageFingerprint: pkg.fingerprint,
            },
          },
        ),
      );
    }
    for (const picture of pkg.pictures) await this.store.putPicture(picture.bytes, picture.type);
    if (held !== undefined) return ok({ info: held, created: false });
    const created = await this.createDefinition(pkg.event, by, 'draft');
    return created.ok ? ok({ info: created.value, created: true }) : created;
  }

  /** An id from the name ("Burnfoot Day" → "burnfoot-day-x7k2"), not used by any event yet. */
  private freeId(name: string): string {
    const slug =
      name
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 40)
        .replace(/-+$/, '') || 'event';
    for (;;) {
      const suffix = randomBytes(3).toString('hex').slice(0, 4);
      const id = `${slug}-${suffix}`;
      if (this.store.event(id) === undefined && !this.store.unopened().some((u) => u.folder === id))
        return id;
    }
  }
}

/** The smallest valid event: one pot with no budget yet and one placeholder bid. */
function blankEvent(
  id: string,
  request: {
    name: string;
    currency?: string | undefined;
    locale?: string | undefined;
    date?: string | undefined;
  } & BlankTexts,
): EventDefinition {
  return {
    id,
    name: request.name,
    currency: request.currency ?? 'GBP',
    locale: request.locale ?? 'en-GB',
    ...(request.date === undefined ? {} : { date: request.date }),
    method: { kind: 'approval', min: 1, max: null },
    rule: 'greedy',
    categories: [],
    pots: [
      { id: 'main', name: request.potName ?? 'Main pot', budget: 0, eligible: { kind: 'all' } },
    ],
    bids: [{ id: 'bid-1', title: request.bidTitle ?? 'Bid 1', group: '', amount: 1, summary: '' }],
  };
}

function lockOf(info: EventInfo): EventDetail['definitionLocked'] {
  switch (info.state) {
    case 'draft':
      return null;
    case 'open':
      return info.ballots > 0 || info.rejected > 0 ? 'has-ballots' : 'needs-new-version';
    case 'closed':
    case 'final':
      return info.state;
  }
}

function describe(what: string, problems: readonly EventCheckProblem[]): string {
  const first = problems.slice(0, 3).map((p) => problemSummary(p));
  return `${what}: ${first.join('; ')}${problems.length > 3 ? ` and ${problems.length - 3} more` : ''}.`;
}

function hasProblems(problems: readonly EventCheckProblem[]): Failure {
  return failure(
    422,
    'event-has-problems',
    describe('The event cannot open until these are fixed', problems),
    { params: { count: problems.length }, problems },
  );
}

export function noSuchEvent(eventId: string): Failure {
  return failure(404, 'not-found', `There is no event "${eventId}" on this server.`, {
    params: { event: eventId },
  });
}

const REFUSALS: Record<EventChangeRefused['code'], { status: 409; message: string }> = {
  'edit-conflict': {
    status: 409,
    message: 'Someone saved this event since you loaded it: load it again, then redo your change.',
  },
  'event-frozen': {
    status: 409,
    message: 'The event is no longer a draft: its definition is frozen.',
  },
  'event-has-ballots': {
    status: 409,
    message: 'Ballots have arrived for this event: its definition can no longer change.',
  },
  'bad-transition': { status: 409, message: 'The event cannot move to that state from this one.' },
  'event-exists': { status: 409, message: 'An event with this id is already on this server.' },
  'event-changed': {
    status: 409,
    message: "The event's definition changed: fetch it again before sending ballots.",
  },
};

/** A store change, its refusal (if any) as a Failure. */
async function refusedAs<T>(change: () => Promise<T>): Promise<Result<T, Failure>> {
  try {
    return ok(await change());
  } catch (e) {
    return err(refusal(e));
  }
}

/** A store refusal as a Failure; anything else is rethrown (a bug or a storage error). */
export function refusal(e: unknown): Failure {
  if (!(e instanceof EventChangeRefused)) throw e;
  const known = REFUSALS[e.code];
  return failure(known.status, e.code, known.message, { params: e.params });
}
