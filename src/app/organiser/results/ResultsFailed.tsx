/** The central tally file failed its checks: no results at all, what failed, and what to do. */
import { Callout } from '../components/ui.tsx';
import { useProblemText } from '../../i18n/problems.ts';
import { useT } from '../../i18n/react.tsx';
import type { ResultsProblem } from './compute-results.ts';

export function ResultsFailed({ problem }: { problem: ResultsProblem }) {
  const t = useT();
  const say = useProblemText();
  return (
    <Callout kind="error" role="alert">
      <p>
        <strong>{t('organiser.results.failed.title')}</strong>
      </p>
      <p>
        {/* The core's words name the line that failed and what was wrong with it. */}
        {t('organiser.results.failed.file')} {say('tally-file', problem)}
      </p>
      <p>{t('organiser.results.failed.next')}</p>
    </Callout>
  );
}
