/** Reading and writing Pabulib (.pb) files, the public format of participatory budgeting data. */
export { pabulibBallots, parsePabulib, readPabulib } from './parse.ts';
export { pabulibProfile } from './profile.ts';
export { writePabulib, writePabulibFiles } from './write.ts';
export type { PabulibFile, PabulibWriteOptions } from './write.ts';
export { PABULIB_PROBLEM_CODES, SKIP_CODES } from './types.ts';
export type {
  PabulibInstance,
  PabulibProblem,
  PabulibProblemCode,
  PabulibRead,
  SkipCode,
  SkippedVoter,
} from './types.ts';
