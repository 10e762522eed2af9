/** Reading and writing Pabulib (.pb) files, the public format of participatory budgeting data. */
export { parsePabulib } from './parse.ts';
export { writePabulib } from './write.ts';
export type { PabulibInstance, PabulibProblem, PabulibProblemCode } from './types.ts';
