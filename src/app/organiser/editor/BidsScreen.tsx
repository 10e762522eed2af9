/**
 * The event's bids: a list in the order voters see them, with add, edit, remove and move up or
 * down (buttons, never dragging). Moving and removing save at once; adding and editing open the
 * bid's form. Every save is the whole definition against the version this screen was drawn from,
 * so a change made meanwhile by someone else is never overwritten.
 */
import { useState } from 'react';
import { checkEventDefinition } from '../../../core/event-check.ts';
import type { Bid, EventDefinition } from '../../../core/schema.ts';
import { ConfirmDialog } from '../../shared/ConfirmDialog.tsx';
import { useFormat, useT } from '../../i18n/react.tsx';
import { Button, Callout } from '../components/ui.tsx';
import type { EventDetail } from '../editor-api.ts';
import { BidForm } from './BidForm.tsx';
import { EditorFrame, LockedNotice, SaveStatus, canEdit, useDefinitionSaver } from './frame.tsx';
import { eventProblemText, withNames } from './problems.ts';
import { useEventDetail } from './queries.ts';
import styles from './editor.module.css';

export function BidsScreen({ eventId }: { eventId: string }) {
  return (
    <EditorFrame eventId={eventId} screen="bids">
      {(detail) => <Bids detail={detail} />}
    </EditorFrame>
  );
}

type Editing = { kind: 'new' } | { kind: 'edit'; id: string } | null;

/** The definition without one bid, and without it in any pot's or ballot part's list. */
export function withoutBid(event: EventDefinition, id: string): EventDefinition {
  const next: EventDefinition = {
    ...event,
    bids: event.bids.filter((b) => b.id !== id),
    pots: event.pots.map((pot) =>
      pot.eligible.kind === 'bids'
        ? { ...pot, eligible: { kind: 'bids', bids: pot.eligible.bids.filter((b) => b !== id) } }
        : pot,
    ),
  };
  if (event.sections !== undefined) {
    next.sections = event.sections.map((section) =>
      section.scope.kind === 'bids'
        ? {
            ...section,
            scope: { kind: 'bids', bids: section.scope.bids.filter((b) => b !== id) },
          }
        : section,
    );
  }
  return next;
}

export function moved<T>(items: readonly T[], from: number, to: number): T[] {
  const next = [...items];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
}

function Bids({ detail }: { detail: EventDetail }) {
  const t = useT();
  const f = useFormat();
  const saver = useDefinitionSaver(detail);
  const reload = useEventDetail(detail.id);
  const [editing, setEditing] = useState<Editing>(null);
  const [removing, setRemoving] = useState<Bid | null>(null);
  const [savedText, setSavedText] = useState<string | undefined>(undefined);
  const [localProblems, setLocalProblems] = useState<string[]>([]);
  const event = detail.definition;
  const editable = canEdit(detail);

  async function saveNow(next: EventDefinition, done: string) {
    setSavedText(undefined);
    const errors = checkEventDefinition(next).problems.filter((p) => p.level === 'error');
    setLocalProblems(errors.map((p) => eventProblemText(t, withNames(p, next, f.money))));
    if (errors.length > 0) return;
    const outcome = await saver.save(next);
    if (outcome?.kind === 'saved') setSavedText(done);
  }

  const move = (index: number, by: -1 | 1) => {
    const bid = event.bids[index];
    if (bid === undefined) return;
    void saveNow(
      { ...event, bids: moved(event.bids, index, index + by) },
      t('editor.bids.moved', { title: bid.title, position: index + by + 1 }),
    ).then(() => {
      // The list is drawn again in its new order: keep the organiser on the bid they moved.
      requestAnimationFrame(() => {
        const side = (b: -1 | 1) =>
          document.getElementById(`bid-${bid.id}-${b === -1 ? 'up' : 'down'}`);
        (side(by) ?? side(by === -1 ? 1 : -1))?.focus();
      });
    });
  };

  if (editing !== null) {
    const bid = editing.kind === 'edit' ? event.bids.find((b) => b.id === editing.id) : undefined;
    return (
      <>
        <LockedNotice detail={detail} />
        <BidForm
          key={`${editing.kind}-${bid?.id ?? ''}-${detail.version}`}
          detail={detail}
          bid={bid}
          onDone={(text) => {
            setSavedText(text);
            setEditing(null);
          }}
          onCancel={() => setEditing(null)}
        />
      </>
    );
  }

  return (
    <>
      <LockedNotice detail={detail} />
      <SaveStatus
        outcome={saver.outcome}
        savedText={savedText}
        onReload={() => {
          saver.clear();
          void reload.refetch();
        }}
      />
      {savedText !== undefined && saver.outcome === null && (
        <Callout kind="success" role="status">
          <p>{savedText}</p>
        </Callout>
      )}
      {localProblems.length > 0 && (
        <Callout kind="error" role="alert">
          <p>{t('editor.save.not-saved')}</p>
          <ul>
            {localProblems.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        </Callout>
      )}
      {editable && (
        <p className={styles['actions']}>
          <Button primary onClick={() => setEditing({ kind: 'new' })}>
            {t('editor.bids.add')}
          </Button>
        </p>
      )}
      <h2>{t('editor.bids.count', { count: event.bids.length })}</h2>
      <ol className={styles['list']}>
        {event.bids.map((bid, index) => (
          <li key={bid.id} className={styles['item']}>
            {bid.image !== undefined && (
              <img
                className={styles['thumb']}
                src={`${import.meta.env.BASE_URL}${bid.image}`}
                alt={bid.imageAlt ?? ''}
              />
            )}
            <div className={styles['itemMain']}>
              <h3 className={styles['itemTitle']}>{bid.title}</h3>
              <p className={styles['itemMeta']}>
                {t('editor.bids.meta', {
                  position: index + 1,
                  cost: f.money(bid.amount, event.currency),
                  group: bid.group === '' ? t('editor.bids.no-group') : bid.group,
                })}
              </p>
            </div>
            {editable && (
              <div className={styles['itemButtons']}>
                <Button
                  aria-label={t('editor.bids.edit.named', { title: bid.title })}
                  onClick={() => setEditing({ kind: 'edit', id: bid.id })}
                >
                  {t('editor.bids.edit')}
                </Button>
                {index > 0 && (
                  <Button
                    id={`bid-${bid.id}-up`}
                    aria-label={t('editor.bids.up.named', { title: bid.title })}
                    busy={saver.saving}
                    onClick={() => move(index, -1)}
                  >
                    {t('editor.bids.up')}
                  </Button>
                )}
                {index < event.bids.length - 1 && (
                  <Button
                    id={`bid-${bid.id}-down`}
                    aria-label={t('editor.bids.down.named', { title: bid.title })}
                    busy={saver.saving}
                    onClick={() => move(index, 1)}
                  >
                    {t('editor.bids.down')}
                  </Button>
                )}
                <Button
                  aria-label={t('editor.bids.remove.named', { title: bid.title })}
                  busy={saver.saving}
                  onClick={() => setRemoving(bid)}
                >
                  {t('editor.bids.remove')}
                </Button>
              </div>
            )}
          </li>
        ))}
      </ol>
      {removing !== null && (
        <ConfirmDialog
          title={t('editor.bids.remove.title', { title: removing.title })}
          keepLabel={t('editor.bids.remove.keep')}
          confirmLabel={t('editor.bids.remove.confirm')}
          onKeep={() => setRemoving(null)}
          onConfirm={() => {
            const bid = removing;
            setRemoving(null);
            void saveNow(withoutBid(event, bid.id), t('editor.bids.removed', { title: bid.title }));
          }}
        >
          <p>{t('editor.bids.remove.body')}</p>
        </ConfirmDialog>
      )}
      {saver.dialog}
    </>
  );
}
