/**
 * The tally file: the central tally's append-only store and the station's export format, one JSON
 * record per line, hash-chained and sealed. See docs/tally-file.md. Code that only writes files
 * (a station's export) may import './write.ts' directly to keep zod out of its bundle.
 */
export {
  TALLY_FILE_PROBLEM_CODES,
  TALLY_FILE_FORMAT,
  TALLY_FILE_VERSION,
  eventHash,
  type ChainHead,
  type Sha256,
  type TallyFileProblem,
  type TallyFileProblemCode,
} from './format.ts';
export { appendBallots, contentSeed, startTallyFile, writeTallyFile } from './write.ts';
export {
  lastSealedPrefix,
  readTallyFile,
  tallyFileReader,
  verifyTallyFile,
  type ReadOptions,
  type TallyFileContents,
  type TallyFileReader,
} from './read.ts';
export { mergeTallyFiles } from './merge.ts';
export { appendStates, type StateRecord } from './state-record.ts';
export {
  appendVoids,
  countedBallots,
  voidReason,
  VOID_REASON_MAX,
  type VoidChange,
  type VoidRecord,
} from './void-record.ts';
export { appendClosings, type ClosingChange, type ClosingRecord } from './closing-record.ts';
export {
  appendWithdrawals,
  takesWithdrawals,
  withdrawalReason,
  withdrawnBids,
  WITHDRAWAL_REASON_MAX,
  type WithdrawalChange,
  type WithdrawalRecord,
} from './withdrawal-record.ts';
