/**
 * The ballot: how voters choose and within which limits. A ballot has one part over every bid
 * (`method`), or several parts (`sections`) that voters go through one after another, each with
 * its own title, introduction, bids (scope), way of voting and limits. The method's fields are one
 * component (MethodFields) given a method and where it sits, so the one part and each of several
 * parts use the same fields. Two worked examples give the organiser a starting point.
 */
import { useState } from 'react';
import { slugOf } from '../../../core/bids-import/index.ts';
import { uniqueSlug } from '../../../core/bids-import/ids.ts';
import type { EventCheckProblem } from '../../../core/event-check.ts';
import type { BallotMethod, BallotSection, EventDefinition } from '../../../core/schema.ts';
import { useFormat, useT, type Translate } from '../../i18n/react.tsx';
import { Button } from '../components/ui.tsx';
import type { EventDetail } from '../editor-api.ts';
import { moved } from './BidsScreen.tsx';
import {
  DefinitionScreen,
  EditorFrame,
  FormActions,
  canEdit,
  useDraftForm,
  type DefinitionSaver,
} from './frame.tsx';
import { eventProblemText, withNames } from './problems.ts';
import { defaultMethod, MethodFields, SectionFields } from './SectionFields.tsx';
import styles from './editor.module.css';

/** What this screen saves: its problems stop the save. */
const PATHS = ['method', 'sections'];
/** The schema's most parts on one ballot. */
const MAX_SECTIONS = 10;
/** The worked examples offered as starting points, by catalogue name. */
export const SECTION_EXAMPLES = ['category-boost', 'ward-and-area'] as const;
export type SectionExample = (typeof SECTION_EXAMPLES)[number];

const sectionId = (title: string, taken: Set<string>) => uniqueSlug(slugOf(title, 'part'), taken);

/**
 * A worked example's parts, worded in the organiser's language (the organiser edits them after):
 * "Choose 3, plus one boost in a category" and "Up to 3 in your ward and 1 area-wide".
 */
export function exampleSections(
  t: Translate,
  example: SectionExample,
  event: EventDefinition,
): BallotSection[] {
  const taken = new Set<string>();
  const part = (key: string, section: Omit<BallotSection, 'id' | 'title' | 'intro'>) => {
    const title = t(`editor.sections.example.${example}.${key}.title`);
    return {
      id: sectionId(title, taken),
      title,
      intro: t(`editor.sections.example.${example}.${key}.intro`),
      ...section,
    };
  };
  const firstCategory = event.categories[0]?.id;
  if (example === 'category-boost') {
    return [
      part('choose', {
        scope: { kind: 'all' },
        method: { kind: 'approval', min: 1, max: 3 },
      }),
      part('boost', {
        scope: {
          kind: 'categories',
          categories: firstCategory === undefined ? [] : [firstCategory],
        },
        method: { kind: 'approval', min: 0, max: 1 },
      }),
    ];
  }
  return [
    part('ward', { scope: { kind: 'own-ward' }, method: { kind: 'approval', min: 0, max: 3 } }),
    part('area', { scope: { kind: 'all' }, method: { kind: 'approval', min: 0, max: 1 } }),
  ];
}

export function BallotScreen({ eventId }: { eventId: string }) {
  return (
    <EditorFrame eventId={eventId} screen="ballot">
      {(detail) => <DefinitionScreen detail={detail} Form={BallotForm} />}
    </EditorFrame>
  );
}

/** The event with one part (`method`) or several (`sections`): exactly one of the two. */
function withMethod(event: EventDefinition, method: BallotMethod): EventDefinition {
  const next = { ...event, method };
  delete next.sections;
  return next;
}

function withSections(event: EventDefinition, sections: BallotSection[]): EventDefinition {
  const next = { ...event, sections };
  delete next.method;
  return next;
}

function BallotForm({ detail, saver }: { detail: EventDetail; saver: DefinitionSaver }) {
  const t = useT();
  const f = useFormat();
  const { draft, setDraft, form, formRef, blocked, submit } = useDraftForm(detail, saver, PATHS);
  // What the other shape held, so switching back and forth loses nothing.
  const [kept, setKept] = useState<{ method?: BallotMethod; sections?: BallotSection[] }>({});
  const sections = draft.sections;
  const several = sections !== undefined;
  const word = (p: EventCheckProblem) => eventProblemText(t, withNames(p, draft, f.money));
  const topProblems = form.shown
    ? form.problems
        .filter((p) => p.code === 'method-or-sections' || p.code === 'duplicate-section')
        .map(word)
    : [];

  function chooseShape(toSeveral: boolean) {
    if (toSeveral === several) return;
    if (toSeveral) {
      const method = draft.method ?? defaultMethod('approval', draft.bids.length);
      setKept((k) => ({ ...k, method }));
      const first: BallotSection = {
        id: 'part-1',
        title: t('editor.sections.new-title', { position: 1 }),
        scope: { kind: 'all' },
        method,
      };
      setDraft((d) => withSections(d, kept.sections ?? [first]));
    } else {
      setKept((k) => ({ ...k, sections: sections ?? [] }));
      setDraft((d) =>
        withMethod(
          d,
          kept.method ?? sections?.[0]?.method ?? defaultMethod('approval', d.bids.length),
        ),
      );
    }
  }

  const setSections = (change: (list: BallotSection[]) => BallotSection[]) =>
    setDraft((d) => withSections(d, change(d.sections ?? [])));

  function addSection() {
    setSections((list) => {
      const title = t('editor.sections.new-title', { position: list.length + 1 });
      const id = sectionId(title, new Set(list.map((s) => s.id)));
      return [
        ...list,
        { id, title, scope: { kind: 'all' }, method: defaultMethod('approval', draft.bids.length) },
      ];
    });
  }

  return (
    <form ref={formRef} className={styles['form']} onSubmit={submit} noValidate>
      <fieldset disabled={!canEdit(detail)} className={styles['plain']}>
        <p className={styles['hint']}>{t('editor.ballot.intro')}</p>
        <fieldset className={styles['group']}>
          <legend>{t('editor.sections.shape')}</legend>
          {topProblems.length > 0 && <p className={styles['problem']}>{topProblems.join(' ')}</p>}
          {(['one', 'several'] as const).map((shape) => (
            <div key={shape} className={styles['check']}>
              <input
                type="radio"
                id={`ballot-shape-${shape}`}
                name="ballot-shape"
                checked={several === (shape === 'several')}
                onChange={() => chooseShape(shape === 'several')}
                aria-describedby={`ballot-shape-${shape}-hint`}
              />
              <label htmlFor={`ballot-shape-${shape}`}>{t(`editor.sections.shape.${shape}`)}</label>
              <p id={`ballot-shape-${shape}-hint`} className={styles['hint']}>
                {t(`editor.sections.shape.${shape}.hint`)}
              </p>
            </div>
          ))}
        </fieldset>

        {sections === undefined ? (
          <MethodFields
            idPrefix="ballot"
            path="method"
            method={draft.method ?? defaultMethod('approval', draft.bids.length)}
            event={draft}
            form={form}
            onChange={(method) => setDraft((d) => withMethod(d, method))}
          />
        ) : (
          <>
            <section aria-labelledby="ballot-examples" className={styles['group']}>
              <h2 id="ballot-examples">{t('editor.sections.examples')}</h2>
              <p className={styles['hint']}>{t('editor.sections.examples.hint')}</p>
              <p className={styles['actions']}>
                {SECTION_EXAMPLES.map((example) => (
                  <Button
                    key={example}
                    onClick={() => setSections(() => exampleSections(t, example, draft))}
                  >
                    {t(`editor.sections.example.${example}`)}
                  </Button>
                ))}
              </p>
            </section>
            {sections.map((section, index) => (
              <SectionFields
                key={section.id}
                event={draft}
                section={section}
                index={index}
                count={sections.length}
                form={form}
                onChange={(change) =>
                  setSections((list) => list.map((s, i) => (i === index ? change(s) : s)))
                }
                onMove={(by) => setSections((list) => moved(list, index, index + by))}
                onRemove={() => setSections((list) => list.filter((_, i) => i !== index))}
              />
            ))}
            {sections.length < MAX_SECTIONS && (
              <p className={styles['actions']}>
                <Button onClick={addSection}>{t('editor.sections.add')}</Button>
              </p>
            )}
          </>
        )}
        <FormActions blocked={blocked} saving={saver.saving} />
      </fieldset>
    </form>
  );
}
