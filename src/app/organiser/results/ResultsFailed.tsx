/** The central tally file failed its checks: no results at all, and what to do about it. */
import { Callout } from '../components/ui.tsx';
import { useCoreProblemText } from '../components/problem-text.tsx';
import { useFormat, useT } from '../../i18n/react.tsx';
import type { ResultsProblem } from './compute-results.ts';

export function ResultsFailed({ problem }: { problem: ResultsProblem }) {
  const t = useT();
  const f = useFormat();
  const detail = useCoreProblemText()('tally-file', problem);
  return (
    <Callout kind="error" role="alert">
      <p>
        <strong>{t('organiser.results.failed.title')}</strong>
      </p>
      <p>
        {problem.line === undefined
          ? t('organiser.results.failed.file')
          : t('organiser.results.failed.line', { line: f.number(problem.line) })}
        {detail !== null && <> {detail}</>}
      </p>
      <p>{t('organiser.results.failed.next')}</p>
    </Callout>
  );
}
