/**
 * Pots and rules: each pot's name (and its translations), funder, budget, which bids it may fund
 * (all, some categories, some wards, or a list of bids), its own rule or the event's, its place in
 * the order pots are filled (up and down buttons), where its unspent money rolls over to, and its
 * own support threshold (which replaces the event's for it); the event's optional support
 * threshold. The checks the server runs are run
 * here as the organiser edits, so a roll-over cycle, a bid no pot can fund or a bid costing more
 * than every pot it may come from are named at once (src/core/event-check.ts).
 */
import { slugOf } from '../../../core/bids-import/index.ts';
import { uniqueSlug } from '../../../core/bids-import/ids.ts';
import type { EventCheckProblem } from '../../../core/event-check.ts';
import { eventLanguages } from '../../../core/event-text.ts';
import type { EventDefinition, Pot } from '../../../core/schema.ts';
import { LANGUAGES, isLanguage } from '../../i18n/languages.ts';
import { useFormat, useT } from '../../i18n/react.tsx';
import { Button, Callout } from '../components/ui.tsx';
import type { EventDetail } from '../editor-api.ts';
import { moved } from './BidsScreen.tsx';
import { MoneyField, NumberField, SelectField, TextField } from './fields.tsx';
import {
  DefinitionScreen,
  EditorFrame,
  FormActions,
  canEdit,
  useDraftForm,
  type DefinitionSaver,
} from './frame.tsx';
import { eventProblemText, withNames } from './problems.ts';
import { ScopeFields, type ScopeKind } from './ScopeFields.tsx';
import { optionalText, translationOf, withTranslation } from './translations.ts';
import styles from './editor.module.css';

const PATHS = ['pots', 'thresholds'];
/** A pot may fund every bid, some categories, some wards or a list of bids (no "own ward"). */
const ELIGIBLE_KINDS: readonly ScopeKind[] = ['all', 'categories', 'wards', 'bids'];

export function PotsScreen({ eventId }: { eventId: string }) {
  return (
    <EditorFrame eventId={eventId} screen="pots">
      {(detail) => <DefinitionScreen detail={detail} Form={PotsForm} />}
    </EditorFrame>
  );
}

/** Every pot keeps a roll-over only to a pot after it: moving pots can break that, so say it. */
function PotsForm({ detail, saver }: { detail: EventDetail; saver: DefinitionSaver }) {
  const t = useT();
  const f = useFormat();
  const { draft, setDraft, form, formRef, blocked, submit } = useDraftForm(detail, saver, PATHS);
  const editable = canEdit(detail);
  const funding = form.problems.filter(
    (p) =>
      p.code === 'bid-unfundable' || p.code === 'bid-too-costly' || p.code === 'roll-over-cycle',
  );

  const setPot = (index: number, change: (pot: Pot) => Pot) =>
    setDraft((d) => ({ ...d, pots: d.pots.map((p, i) => (i === index ? change(p) : p)) }));

  function addPot() {
    setDraft((d) => {
      const id = uniqueSlug(
        slugOf(t('editor.pots.new-name'), 'pot'),
        new Set(d.pots.map((p) => p.id)),
      );
      return {
        ...d,
        pots: [
          ...d.pots,
          { id, name: t('editor.pots.new-name'), budget: 0, eligible: { kind: 'all' } },
        ],
      };
    });
  }

  function removePot(index: number) {
    setDraft((d) => {
      const gone = d.pots[index]?.id;
      return {
        ...d,
        pots: d.pots
          .filter((_, i) => i !== index)
          .map((p) => (p.rollOverTo === gone ? optionalText(p, 'rollOverTo', '') : p)),
      };
    });
  }

  const share = draft.thresholds?.minSupportShare;

  return (
    <form ref={formRef} className={styles['form']} onSubmit={submit} noValidate>
      <fieldset disabled={!editable} className={styles['plain']}>
        <p className={styles['hint']}>{t('editor.pots.intro')}</p>
        <p>{t('editor.pots.rule', { rule: t(`editor.rule.${draft.rule}`) })}</p>
        {draft.pots.map((pot, index) => (
          <PotFields
            key={pot.id}
            draft={draft}
            pot={pot}
            index={index}
            problems={
              form.shown
                ? form.problems.filter((p) => {
                    const at = String(p.params['path']);
                    return (
                      at === `pots.${index}` ||
                      at.startsWith(`pots.${index}.`) ||
                      (at === 'pots' && p.params['pot'] === pot.id)
                    );
                  })
                : []
            }
            onChange={(change) => setPot(index, change)}
            onMove={(by) => setDraft((d) => ({ ...d, pots: moved(d.pots, index, index + by) }))}
            onRemove={draft.pots.length > 1 ? () => removePot(index) : undefined}
          />
        ))}
        <p className={styles['actions']}>
          <Button onClick={addPot}>{t('editor.pots.add')}</Button>
        </p>

        <NumberField
          id="pots-threshold"
          label={t('editor.pots.threshold')}
          hint={t('editor.pots.threshold.hint')}
          value={share === undefined ? null : Math.round(share * 100)}
          min={0}
          max={100}
          onChange={(percent) =>
            setDraft((d) => {
              const thresholds = { ...(d.thresholds ?? {}) };
              if (percent === null || percent <= 0) delete thresholds.minSupportShare;
              else thresholds.minSupportShare = Math.min(percent, 100) / 100;
              const next: EventDefinition = { ...d, thresholds };
              if (Object.keys(thresholds).length === 0) delete next.thresholds;
              return next;
            })
          }
          problems={form.at('thresholds')}
        />

        <section aria-labelledby="pots-checks">
          <h2 id="pots-checks">{t('editor.pots.checks')}</h2>
          {funding.length === 0 ? (
            <p>{t('editor.pots.checks.none')}</p>
          ) : (
            <Callout kind="warning">
              <ul>
                {funding.map((p, i) => (
                  <li key={i}>{eventProblemText(t, withNames(p, draft, f.money))}</li>
                ))}
              </ul>
            </Callout>
          )}
        </section>

        <FormActions blocked={blocked} saving={saver.saving} />
      </fieldset>
    </form>
  );
}

interface PotFieldsProps {
  draft: EventDefinition;
  pot: Pot;
  index: number;
  /** The problems about this pot, once shown. */
  problems: readonly EventCheckProblem[];
  onChange: (change: (pot: Pot) => Pot) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: (() => void) | undefined;
}

function PotFields({ draft, pot, index, problems, onChange, onMove, onRemove }: PotFieldsProps) {
  const t = useT();
  const id = `pot-${index}`;
  const about = (test: (p: EventCheckProblem) => boolean) =>
    problems.filter(test).map((p) => eventProblemText(t, p));
  const pathEnds = (end: string) => (p: EventCheckProblem) =>
    String(p.params['path']).endsWith(end);
  const eligibleProblems = about(
    (p) => String(p.params['path']).includes('.eligible') || p.code.startsWith('pot-unknown'),
  );
  const later = draft.pots.slice(index + 1);
  const others = eventLanguages(draft).slice(1);
  const languageName = (code: string) => (isLanguage(code) ? LANGUAGES[code].name : code);
  const eventShare = draft.thresholds?.minSupportShare;
  const ownShare = pot.thresholds?.minSupportShare;

  return (
    <fieldset className={styles['group']}>
      <legend>{t('editor.pots.pot', { position: index + 1, name: pot.name })}</legend>
      <TextField
        id={`${id}-name`}
        label={t('editor.pots.name')}
        value={pot.name}
        onChange={(name) => onChange((p) => ({ ...p, name }))}
        problems={about((p) => String(p.params['path']) === `pots.${index}.name`)}
        lang={draft.languages?.[0]}
        maxLength={200}
      />
      <TextField
        id={`${id}-funder`}
        label={t('editor.pots.funder')}
        hint={t('editor.pots.funder.hint')}
        value={pot.funder ?? ''}
        onChange={(text) => onChange((p) => optionalText(p, 'funder', text))}
        maxLength={200}
      />
      <MoneyField
        id={`${id}-budget`}
        label={t('editor.pots.budget')}
        value={pot.budget}
        currency={draft.currency}
        locale={draft.locale}
        onChange={(budget) => onChange((p) => ({ ...p, budget: budget ?? 0 }))}
        problems={about(pathEnds('.budget'))}
      />
      {others.map((language) => (
        <TextField
          key={language}
          id={`${id}-name-${language}`}
          label={t('editor.pots.name.in', { language: languageName(language) })}
          value={translationOf(pot, language, 'name')}
          onChange={(text) => onChange((p) => withTranslation(p, language, 'name', text))}
          problems={about(pathEnds(`.translations.${language}.name`))}
          lang={language}
          maxLength={200}
        />
      ))}
      <ScopeFields
        id={`${id}-eligible`}
        legend={t('editor.pots.eligible')}
        event={draft}
        scope={pot.eligible}
        kinds={ELIGIBLE_KINDS}
        labelOf={(kind) => t(`editor.pots.eligible.${kind}`)}
        onChange={(eligible) =>
          eligible.kind !== 'own-ward' && onChange((p) => ({ ...p, eligible }))
        }
        problems={eligibleProblems}
      />
      <SelectField
        id={`${id}-rule`}
        label={t('editor.pots.own-rule')}
        hint={t('editor.pots.own-rule.hint')}
        value={pot.rule ?? ''}
        onChange={(rule) =>
          onChange((p) => {
            const next = { ...p };
            if (rule === 'greedy' || rule === 'equal-shares') next.rule = rule;
            else delete next.rule;
            return next;
          })
        }
        options={[
          {
            value: '',
            label: t('editor.pots.own-rule.event', { rule: t(`editor.rule.${draft.rule}`) }),
          },
          { value: 'greedy', label: t('editor.rule.greedy') },
          { value: 'equal-shares', label: t('editor.rule.equal-shares') },
        ]}
        problems={about(pathEnds('.rule'))}
      />
      <NumberField
        id={`${id}-threshold`}
        label={t('editor.pots.own-threshold')}
        hint={
          eventShare === undefined
            ? t('editor.pots.own-threshold.hint')
            : t('editor.pots.own-threshold.hint-event', { share: eventShare })
        }
        value={ownShare === undefined ? null : Math.round(ownShare * 100)}
        min={0}
        max={100}
        onChange={(percent) => onChange((p) => withOwnShare(p, percent))}
        // The schema's limits are shares (0–1); beside a percent field they are said as percents.
        problems={
          problems.some((p) => String(p.params['path']).startsWith(`pots.${index}.thresholds`))
            ? [t('editor.pots.own-threshold.range')]
            : []
        }
      />
      <SelectField
        id={`${id}-roll-over`}
        label={t('editor.pots.roll-over')}
        hint={t('editor.pots.roll-over.hint')}
        value={pot.rollOverTo ?? ''}
        onChange={(target) => onChange((p) => optionalText(p, 'rollOverTo', target))}
        options={[
          { value: '', label: t('editor.pots.roll-over.none') },
          // A target that is no longer later (after a move) stays listed, so its problem shows.
          ...[
            ...later,
            ...draft.pots.filter((p) => p.id === pot.rollOverTo && !later.includes(p)),
          ].map((p) => ({ value: p.id, label: p.name })),
        ]}
        problems={about((p) => p.code === 'roll-over-backwards' || pathEnds('.rollOverTo')(p))}
      />
      <p className={styles['actions']}>
        {index > 0 && (
          <Button
            id={`${id}-up`}
            aria-label={t('editor.pots.up.named', { name: pot.name })}
            onClick={() => onMove(-1)}
          >
            {t('editor.bids.up')}
          </Button>
        )}
        {index < draft.pots.length - 1 && (
          <Button
            id={`${id}-down`}
            aria-label={t('editor.pots.down.named', { name: pot.name })}
            onClick={() => onMove(1)}
          >
            {t('editor.bids.down')}
          </Button>
        )}
        {onRemove !== undefined && (
          <Button aria-label={t('editor.pots.remove.named', { name: pot.name })} onClick={onRemove}>
            {t('editor.bids.remove')}
          </Button>
        )}
      </p>
    </fieldset>
  );
}

/**
 * A pot's own least share of voters, from a percent: empty means the event's threshold again,
 * 0 means none for this pot. Out-of-range percents are kept, so the schema's problem shows.
 */
function withOwnShare(pot: Pot, percent: number | null): Pot {
  const thresholds = { ...(pot.thresholds ?? {}) };
  if (percent === null) delete thresholds.minSupportShare;
  else thresholds.minSupportShare = percent / 100;
  const next: Pot = { ...pot, thresholds };
  if (Object.keys(thresholds).length === 0) delete next.thresholds;
  return next;
}
