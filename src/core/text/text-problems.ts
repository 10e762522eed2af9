/**
 * The codes a name or text can be refused with (core/text/name.ts checks them), apart from the
 * check itself: the voter's first screen words these codes, and should not download the check.
 */
import type { Problem } from '../problem.ts';

/**
 * Params: text-control, text-bidi and text-invisible {char} ("U+200B", the first such character);
 * text-marks {max} (marks one letter may carry); text-too-long {max} (graphemes); text-blank and
 * text-line-break none.
 */
export const TEXT_PROBLEM_CODES = [
  'text-blank',
  'text-line-break',
  'text-control',
  'text-bidi',
  'text-invisible',
  'text-marks',
  'text-too-long',
] as const;
export type TextProblemCode = (typeof TEXT_PROBLEM_CODES)[number];
export type TextProblem = Problem<TextProblemCode>;

export const isTextProblemCode = (code: string): code is TextProblemCode =>
  (TEXT_PROBLEM_CODES as readonly string[]).includes(code);
