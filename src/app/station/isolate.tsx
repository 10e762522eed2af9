/**
 * Codes inside translated sentences (a fingerprint, a join code) kept whole in right-to-left text:
 * each is rendered in its own `<bdi dir="ltr">`, so Arabic does not reorder "3F9A-12BC-77D0".
 */
import { Fragment, type ReactNode } from 'react';
import type { MessageValues, Translate } from '../i18n/react.tsx';

/** A private-use marker no translation contains: where each code goes in the sentence. */
const MARK = '\uE000';

/** The message `key` with `codes` (placeholder → code) each isolated left to right. */
export function withCodes(
  t: Translate,
  key: string,
  values: MessageValues,
  codes: Record<string, string>,
  className?: string,
): ReactNode {
  const names = Object.keys(codes);
  const marked = Object.fromEntries(names.map((name, i) => [name, `${MARK}${i}${MARK}`]));
  const parts = t(key, { ...values, ...marked }).split(MARK);
  return parts.map((part, i) => {
    if (i % 2 === 0) return <Fragment key={i}>{part}</Fragment>;
    const name = names[Number(part)] ?? '';
    return (
      <bdi key={i} dir="ltr" className={className}>
        {codes[name]}
      </bdi>
    );
  });
}

/** For attributes and hints that take plain text: the code between Unicode isolates (LRI … PDI). */
export const isolatedText = (code: string): string => `\u2066${code}\u2069`;
