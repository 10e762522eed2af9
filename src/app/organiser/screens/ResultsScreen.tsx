/**
 * The results, computed in this browser from the central tally file with the same core code as the
 * CLI. The chosen rule leads; the other is shown beside it so the organiser can explain the choice.
 * Results never change by themselves (not in the middle of a reveal): the organiser chooses when
 * to count the ballots that have arrived since.
 */
import { useState } from 'react';
import { Button, Callout, LoadProblem, ScreenHeading, ui } from '../components/ui.tsx';
import { useOpenEvent } from '../layout/EventArea.tsx';
import { ResultsBody } from '../results/ResultsBody.tsx';
import { useCounting } from '../results/count-in-worker.ts';
import { ResultsFailed } from '../results/ResultsFailed.tsx';
import { WithdrawBid } from '../results/WithdrawBid.tsx';
import { RevealView } from '../reveal/RevealView.tsx';
import { useRefreshEvent, useResults } from '../session/queries.ts';
import { useT } from '../../i18n/react.tsx';

export function ResultsScreen() {
  const t = useT();
  const { summary, rule, setRule } = useOpenEvent();
  const results = useResults(summary.id);
  const refresh = useRefreshEvent(summary.id);
  // The file has arrived and this browser is counting it (in a worker: the page stays usable).
  const counting = useCounting();
  const [revealing, setRevealing] = useState(false);
  // After a failed refresh nothing stale stays on screen: the organiser sees the problem instead.
  const ready = !results.isError && results.data?.ok === true ? results.data.value : null;
  const shownRule = rule ?? ready?.event.rule ?? 'greedy';
  // Ballots in the file when counted: the counted ones and the voided ones (kept, not counted).
  const counted = ready === null ? null : ready.ballots.length + ready.voided;

  return (
    <>
      <ScreenHeading
        title={t('organiser.title.event', {
          screen: t('organiser.nav.results'),
          event: summary.name,
        })}
      >
        {t('organiser.results.title')}
      </ScreenHeading>
      <p className={`${ui.actions} ${ui.noPrint}`}>
        <Button
          onClick={() => void refresh()}
          busy={results.isFetching}
          busyLabel={t('organiser.results.refreshing')}
        >
          {t('organiser.results.refresh')}
        </Button>
        {ready !== null && (
          <>
            <Button primary onClick={() => setRevealing(true)}>
              {t('organiser.results.reveal')}
            </Button>
            <Button onClick={() => window.print()}>{t('organiser.results.print')}</Button>
          </>
        )}
      </p>
      {counted !== null && counted !== summary.ballots && (
        <Callout role="status">
          {t('organiser.results.grown', { held: summary.ballots, counted })}
        </Callout>
      )}
      {ready !== null && ready.voided > 0 && (
        <p data-testid="results-voided">
          {t('organiser.results.voided', {
            total: ready.ballots.length + ready.voided,
            voided: ready.voided,
          })}
        </p>
      )}
      {results.isPending && (
        <p role="status">
          {t(counting ? 'organiser.results.counting' : 'organiser.results.loading')}
        </p>
      )}
      {results.isError && <LoadProblem error={results.error} />}
      {!results.isError && results.data?.ok === false && (
        <ResultsFailed problem={results.data.error} />
      )}
      {ready !== null && <ResultsBody results={ready} rule={shownRule} onRuleChange={setRule} />}
      {/* A draft edits its bids instead; the server refuses a withdrawal there too. */}
      {ready !== null && ready.state !== 'draft' && (
        <WithdrawBid event={ready.event} withdrawn={ready.withdrawals.map((w) => w.bid)} />
      )}
      {revealing && ready !== null && (
        <RevealView
          event={ready.event}
          result={ready.byRule[shownRule]}
          onClose={() => setRevealing(false)}
        />
      )}
    </>
  );
}
