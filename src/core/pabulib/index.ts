/** Reading and writing Pabulib (.pb) files, the public format of participatory budgeting data. */
export { parsePabulib } from './parse.ts';
export { writePabulib, writePabulibFiles } from './write.ts';
export type { PabulibFile, PabulibWriteOptions } from './write.ts';
export { PABULIB_PROBLEM_CODES, SKIP_CODES } from './types.ts';
export type {
  PabulibInstance,
  PabulibProblem,
  PabulibProblemCode,
  SkipCode,
  SkippedVoter,
} from './types.ts';
