/**
 * The results, computed in this browser from the central tally file with the same core code as the
 * CLI. The chosen rule leads; the other is shown beside it so the organiser can explain the choice.
 */
import type { Result } from '../../../core/result.ts';
import type { Rule } from '../../../core/schema.ts';
import type { Loaded } from '../use-api.ts';
import {
  otherRule,
  RULE_NAMES,
  RULES,
  type EventResults,
  type ResultsProblem,
} from './compute-results.ts';
import { PotComparison } from './PotComparison.tsx';
import { SupportChart } from './SupportChart.tsx';

interface Props {
  file: Loaded<string>;
  /** How many ballots the server says its central file holds now. */
  centralBallots: number;
  results: Result<EventResults, ResultsProblem> | null;
  rule: Rule;
  onRuleChange: (rule: Rule) => void;
  onRefresh: () => void;
  onReveal: () => void;
}

export function ResultsPanel(props: Props) {
  const { file, results, centralBallots, rule, onRuleChange, onRefresh, onReveal } = props;
  const counted = results?.ok === true ? results.value.ballots.length : null;
  return (
    <section aria-labelledby="org-results" className="org-section org-results">
      <h2 id="org-results">Results</h2>
      <p className="no-print org-actions">
        <button type="button" onClick={onRefresh}>
          Refresh results
        </button>
        {results?.ok === true && (
          <>
            <button type="button" className="org-primary" onClick={onReveal}>
              Start the reveal
            </button>
            <button type="button" onClick={() => window.print()}>
              Print the results
            </button>
          </>
        )}
      </p>
      {counted !== null && counted !== centralBallots && (
        // Results never change by themselves (not in the middle of a reveal): the organiser chooses when.
        <p className="org-notice" role="status">
          The central tally file now holds {centralBallots.toLocaleString('en-GB')} ballots; these
          results count {counted.toLocaleString('en-GB')}. Choose “Refresh results” to count them
          all.
        </p>
      )}
      {file.state === 'loading' && <p role="status">Fetching the central tally file…</p>}
      {file.state === 'error' && (
        <p className="org-error" role="alert">
          {file.error.message}
        </p>
      )}
      {results?.ok === false && (
        <div className="org-error" role="alert">
          <p>
            <strong>These results cannot be shown.</strong>
          </p>
          <p>{results.error.message}</p>
        </div>
      )}
      {results?.ok === true && (
        <ResultsBody results={results.value} rule={rule} onRuleChange={onRuleChange} />
      )}
    </section>
  );
}

function ResultsBody({
  results,
  rule,
  onRuleChange,
}: {
  results: EventResults;
  rule: Rule;
  onRuleChange: (rule: Rule) => void;
}) {
  const { event, byRule } = results;
  const main = byRule[rule];
  const other = byRule[otherRule(rule)];
  return (
    <>
      <p className="org-lead">
        {main.ballotsCounted.toLocaleString('en-GB')} ballot
        {main.ballotsCounted === 1 ? '' : 's'} counted.
      </p>
      <fieldset className="org-rules no-print">
        <legend>Count with</legend>
        {RULES.map((r) => (
          <label key={r} className="org-radio">
            <input
              type="radio"
              name="org-rule"
              value={r}
              checked={r === rule}
              onChange={() => onRuleChange(r)}
            />
            {RULE_NAMES[r]}
            {r === event.rule ? ' — this event’s rule' : ''}
          </label>
        ))}
      </fieldset>
      {rule !== event.rule && (
        <p className="org-warning" role="status">
          Showing {RULE_NAMES[rule]} for comparison. This event decides with{' '}
          {RULE_NAMES[event.rule]}.
        </p>
      )}
      {event.pots.map((pot) => (
        <PotComparison key={pot.id} event={event} potId={pot.id} main={main} other={other} />
      ))}
      <SupportChart event={event} result={main} />
      <h3>Ties</h3>
      {main.ties.length === 0 ? (
        <p>No tie decided anything with {RULE_NAMES[rule]}.</p>
      ) : (
        <ul className="org-ties">
          {main.ties.map((tie, i) => (
            <li key={`${tie.potId}-${i}`}>
              {tie.explanation}{' '}
              <span className="org-hint">
                (decided by {tie.decidedBy === 'lot' ? 'lot' : tie.decidedBy})
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
