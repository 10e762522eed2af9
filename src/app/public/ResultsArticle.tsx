/**
 * The published results in one language: the event, each pot's funded bids with their amounts and
 * why (and the bids it did not fund, and why not), the bids withdrawn after voting with the
 * organiser's reasons, the support chart, the ties and how they were broken, and how to check it all with the command line. Plain markup with no
 * script of its own (the "Why?" disclosures are native <details>), so the same component renders
 * the live page and, as static HTML, the self-contained file.
 */
import { useId } from 'react';
import { eventText } from '../../core/event-text.ts';
import type { Publication } from '../../core/publication.ts';
import type { EventDefinition } from '../../core/schema.ts';
import type { TallyResult } from '../../core/tally/types.ts';
import { tieText } from '../i18n/problems.ts';
import { useFormat, useT } from '../i18n/react.tsx';
import { BidTitle, useBidTitle, usePotName } from '../organiser/results/bid-title.tsx';
import {
  BidWhy,
  bidExplanation,
  potExplanation,
  PotSummary,
} from '../shared/results/BidExplanation.tsx';
import { SupportChart } from '../shared/results/SupportChart.tsx';
import { Withdrawals } from '../shared/results/Withdrawals.tsx';
import styles from './PublicResults.module.css';

/** The catalogue key of each rule's name on the public page. */
export const PUBLIC_RULE_KEYS: Record<Publication['rule'], string> = {
  greedy: 'results.public.rule.greedy',
  'equal-shares': 'results.public.rule.equal-shares',
};

export function ResultsArticle({ publication }: { publication: Publication }) {
  const t = useT();
  const f = useFormat();
  const { event, result } = publication;
  const title = useBidTitle(event);
  const name = eventText(event, 'name', f.locale) ?? { text: event.name, lang: f.locale };
  return (
    <>
      <header className={styles['head']}>
        <p className={styles['eyebrow']}>{t('results.public.eyebrow')}</p>
        <h1 lang={name.lang === f.locale ? undefined : name.lang}>{name.text}</h1>
        <p className={styles['facts']}>
          {t('results.public.counted', { count: publication.ballotsCounted })}{' '}
          {t('results.public.rule', { rule: t(PUBLIC_RULE_KEYS[publication.rule]) })}{' '}
          {t('results.public.published', { date: f.dateTime(new Date(publication.publishedAt)) })}
        </p>
        {publication.voided > 0 && (
          <p>{t('results.public.voided', { count: publication.voided })}</p>
        )}
        <Withdrawals withdrawals={publication.withdrawals} titleOf={(id) => title(id).text} />
      </header>
      {event.pots.map((pot) => (
        <PotSection key={pot.id} event={event} result={result} potId={pot.id} />
      ))}
      <section className={styles['section']}>
        <SupportChart event={event} result={result} level={2} />
      </section>
      <Ties event={event} result={result} />
      <Verify publication={publication} />
    </>
  );
}

function PotSection({
  event,
  result,
  potId,
}: {
  event: EventDefinition;
  result: TallyResult;
  potId: string;
}) {
  const t = useT();
  const f = useFormat();
  const title = useBidTitle(event);
  const headingId = useId();
  const potName = usePotName(event)(potId);
  const pot = result.pots.find((p) => p.potId === potId);
  if (pot === undefined) return null;
  const bids = new Map(event.bids.map((b) => [b.id, b]));
  const funded = pot.selected;
  const fundedSet = new Set(funded);
  // The bids this pot weighed and did not fund, in the event's order (from the explanations).
  const passed =
    potExplanation(result, potId)
      ?.bids.filter((b) => !b.funded && !fundedSet.has(b.bidId))
      .map((b) => b.bidId) ?? [];
  const money = (minor: number) => f.money(minor, event.currency);

  const row = (bidId: string) => {
    const bid = bids.get(bidId);
    const why = bidExplanation(result, potId, bidId);
    return (
      <li key={bidId} className={styles['bid']}>
        <span className={styles['bidLine']}>
          <span className={styles['bidTitle']}>
            <BidTitle title={title(bidId)} />
          </span>
          {bid !== undefined && <span className={styles['amount']}>{money(bid.amount)}</span>}
        </span>
        {why !== undefined && (
          <BidWhy event={event} result={result} explanation={why} title={title} />
        )}
      </li>
    );
  };

  return (
    <section className={styles['pot']} aria-labelledby={headingId}>
      <h2 id={headingId} lang={potName.lang === f.locale ? undefined : potName.lang}>
        {potName.text}
      </h2>
      <p className={styles['facts']}>
        {t('results.public.pot.money', {
          budget: money(pot.budget),
          spent: money(pot.spent),
          left: money(pot.left),
        })}
      </p>
      <PotSummary event={event} result={result} potId={potId} />
      <h3>{t('results.public.pot.funded', { count: funded.length })}</h3>
      {funded.length === 0 ? (
        <p>{t('results.public.pot.none-funded')}</p>
      ) : (
        <ol className={styles['winners']}>{funded.map(row)}</ol>
      )}
      {passed.length > 0 && (
        <>
          <h3>{t('results.public.pot.not-funded', { count: passed.length })}</h3>
          <ul className={styles['others']}>{passed.map(row)}</ul>
        </>
      )}
    </section>
  );
}

function Ties({ event, result }: { event: EventDefinition; result: TallyResult }) {
  const t = useT();
  const f = useFormat();
  const title = useBidTitle(event);
  const potName = usePotName(event);
  return (
    <section className={styles['section']}>
      <h2>{t('results.public.ties.title')}</h2>
      {result.ties.length === 0 ? (
        <p>{t('results.public.ties.none')}</p>
      ) : (
        <ul>
          {result.ties.map((tie, i) => (
            <li key={`${tie.potId}-${i}`}>
              {t('results.public.tie.in-pot', {
                pot: potName(tie.potId).text,
                tie: tieText(t, tie, (id) => title(id).text, f.locale),
              })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The hash and the two commands that re-derive these results from the tally file. */
function Verify({ publication }: { publication: Publication }) {
  const t = useT();
  const verify = 'decision-day verify FILE';
  const tally = `decision-day tally FILE --rule ${publication.rule} --explain`;
  return (
    <section className={styles['section']}>
      <h2>{t('results.public.verify.title')}</h2>
      <p>{t('results.public.verify.intro')}</p>
      <p>{t('results.public.verify.hash')}</p>
      <p className={styles['hash']}>
        <code dir="ltr">{publication.tallyFileHash}</code>
      </p>
      <ol className={styles['steps']}>
        <li>
          {t('results.public.verify.step-verify')}{' '}
          <code dir="ltr" className={styles['command']}>
            {verify}
          </code>
        </li>
        <li>
          {t('results.public.verify.step-tally')}{' '}
          <code dir="ltr" className={styles['command']}>
            {tally}
          </code>
        </li>
      </ol>
      <p>{t('results.public.verify.private')}</p>
    </section>
  );
}
