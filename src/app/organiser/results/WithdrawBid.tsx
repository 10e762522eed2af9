/**
 * "Withdraw a bid" on the Results screen (docs/results.md#withdrawing-a-bid-after-voting): a bid
 * found ineligible after voting is withdrawn with a reason, after a confirmation that says the
 * results will be recomputed without it and that it cannot be undone. The server records it in
 * the tally file; the results are then counted again from the file (every ballot still counts, no
 * pot funds the bid) and list it with its reason. Not offered on a draft: a draft edits its bids.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { withdrawalResponseSchema } from '../../../core/protocol.ts';
import type { EventDefinition } from '../../../core/schema.ts';
import { serverCalls, type ApiResult } from '../api.ts';
import { ProblemText } from '../components/problem-text.tsx';
import { ReasonField } from '../components/ReasonField.tsx';
import { Button, Callout, ui } from '../components/ui.tsx';
import { ApiError, problemOf, queryKeys } from '../session/queries.ts';
import { useSession } from '../session/session.tsx';
import { ConfirmDialog } from '../../shared/ConfirmDialog.tsx';
import { useT } from '../../i18n/react.tsx';
import { useBidTitle } from './bid-title.tsx';
import styles from './WithdrawBid.module.css';

/** Same origin: the tally server serves the organiser's app. */
const calls = serverCalls('', (...args) => fetch(...args));

async function unwrap<T>(answer: Promise<ApiResult<T>>): Promise<T> {
  const result = await answer;
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}

interface Props {
  event: EventDefinition;
  /** Bids withdrawn already: not offered again. */
  withdrawn: readonly string[];
}

export function WithdrawBid({ event, withdrawn }: Props) {
  const t = useT();
  const title = useBidTitle(event);
  const { token } = useSession();
  const client = useQueryClient();
  const id = useId();
  const [bid, setBid] = useState('');
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState<'bid' | 'reason' | null>(null);
  const [confirming, setConfirming] = useState(false);
  /** The bid just withdrawn (worded at render, so a change of language rewords it too). */
  const [done, setDone] = useState<string | null>(null);
  const open = event.bids.filter((b) => !withdrawn.includes(b.id));
  const send = useMutation({
    mutationFn: (body: { bid: string; reason: string }) =>
      unwrap(
        calls.json(
          `/events/${encodeURIComponent(event.id)}/withdrawals`,
          withdrawalResponseSchema,
          token,
          {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          },
        ),
      ),
    onSuccess: async (answer) => {
      setDone(answer.withdrawal.bid);
      setBid('');
      setReason('');
      // The results are counted again from the tally file, which now holds the withdrawal.
      await client.invalidateQueries({ queryKey: queryKeys.event(event.id) });
    },
  });
  if (open.length === 0) return null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    const blank = bid === '' ? 'bid' : reason.trim() === '' ? 'reason' : null;
    setMissing(blank);
    if (blank !== null) {
      document.getElementById(`${id}-${blank}`)?.focus();
      return;
    }
    setConfirming(true);
  };
  const chosen = bid === '' ? '' : title(bid).text;

  return (
    <section className={`${ui.section} ${ui.noPrint}`} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('organiser.withdraw.title')}</h3>
      <p className={ui.hint}>{t('organiser.withdraw.explain')}</p>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-bid`}>{t('organiser.withdraw.bid')}</label>
          <select
            id={`${id}-bid`}
            className={styles['select']}
            value={bid}
            aria-invalid={missing === 'bid' ? true : undefined}
            aria-describedby={missing === 'bid' ? `${id}-bid-missing` : undefined}
            onChange={(e) => {
              setBid(e.currentTarget.value);
              setMissing(null);
            }}
          >
            <option value="">{t('organiser.withdraw.choose')}</option>
            {open.map((b) => (
              <option key={b.id} value={b.id}>
                {title(b.id).text}
              </option>
            ))}
          </select>
          {missing === 'bid' && (
            <p id={`${id}-bid-missing`} role="alert" className="notice">
              {t('organiser.withdraw.bid-missing')}
            </p>
          )}
        </div>
        <ReasonField
          id={id}
          label={t('organiser.withdraw.reason')}
          hint={t('organiser.withdraw.reason-hint')}
          missing={missing === 'reason' ? t('organiser.withdraw.reason-missing') : null}
          value={reason}
          onChange={(value) => {
            setReason(value);
            setMissing(null);
          }}
        />
        <p className={ui.actions}>
          <Button type="submit" busy={send.isPending} busyLabel={t('organiser.withdraw.busy')}>
            {t('organiser.withdraw.submit')}
          </Button>
        </p>
      </form>
      {send.isError && (
        <Callout kind="error" role="alert">
          <ProblemText problem={problemOf(send.error)} />
        </Callout>
      )}
      {done !== null && (
        <Callout kind="success" role="status">
          {t('organiser.withdraw.done', { bid: title(done).text })}
        </Callout>
      )}
      {confirming && (
        <ConfirmDialog
          title={t('organiser.withdraw.confirm.title', { bid: chosen })}
          keepLabel={t('organiser.withdraw.confirm.keep')}
          confirmLabel={t('organiser.withdraw.confirm.yes')}
          onKeep={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            send.mutate({ bid, reason });
          }}
        >
          {t('organiser.withdraw.confirm.explain', { bid: chosen, reason: reason.trim() })}
        </ConfirmDialog>
      )}
    </section>
  );
}
