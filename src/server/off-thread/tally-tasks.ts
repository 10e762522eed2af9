/**
 * The two slow, pure jobs on a tally file — reading and verifying a station's file for an import,
 * and reading the central file at start-up (recover-tally.ts) — as functions of the file's bytes.
 * They run in a worker thread (tally-worker.ts, via run-off-thread.ts) so that the server's event
 * loop keeps answering while a 50 MB file is checked; the checks themselves are the same as ever.
 */
import type { QuarantinedBallot } from '../../core/protocol.ts';
import type { Ballot, EventDefinition } from '../../core/schema.ts';
import {
  readTallyFile,
  type TallyFileContents,
  type TallyFileProblem,
} from '../../core/tally-file/index.ts';
import { checkBallots } from '../ingest.ts';
import { nativeSha256 } from '../store/native-sha256.ts';
import { recoverTallyFile, type Recovery } from '../store/recover-tally.ts';

/** What a station's file holds, once read, verified and checked against the server's event. */
export type StationFileCheck =
  | { ok: false; problem: TallyFileProblem }
  | {
      ok: true;
      /** The file's event and its hash: the import route refuses a file of another event. */
      event: EventDefinition;
      eventHash: string;
      /** The ballots the server's event takes (none if the file is of another event). */
      valid: Ballot[];
      rejected: QuarantinedBallot[];
      closings: TallyFileContents['closings'];
    };

export interface StationFileJob {
  task: 'import';
  bytes: Uint8Array;
  /** The server's event: ballots are checked against it only when the file is of that event. */
  event: EventDefinition;
  eventHash: string;
}

export interface RecoverJob {
  task: 'recover';
  bytes: Uint8Array;
}

export type TallyJob = StationFileJob | RecoverJob;

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

export function checkStationFile(job: StationFileJob): StationFileCheck {
  const file = readTallyFile(decode(job.bytes), { sha256: nativeSha256 });
  if (!file.ok) return { ok: false, problem: file.error };
  const { event, eventHash, closings } = file.value;
  if (eventHash !== job.eventHash) {
    return { ok: true, event, eventHash, valid: [], rejected: [], closings: [] };
  }
  const checked = checkBallots(job.event, file.value.ballots, null);
  return { ok: true, event, eventHash, closings, ...checked };
}

export function recoverTallyBytes(job: RecoverJob): Recovery {
  return recoverTallyFile(decode(job.bytes));
}

export type TallyJobResult<J extends TallyJob> = J extends StationFileJob
  ? StationFileCheck
  : Recovery;

export function runTallyJob<J extends TallyJob>(job: J): TallyJobResult<J> {
  return (
    job.task === 'import' ? checkStationFile(job) : recoverTallyBytes(job)
  ) as TallyJobResult<J>;
}
