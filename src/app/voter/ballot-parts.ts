/**
 * The voter's ballot as parts: one per section of the event, in order (a ballot of one method is
 * one part). The draft answer keeps the shape it will be cast in: the method's own choice for a
 * ballot of one part, `{kind: 'sections', parts}` otherwise.
 */
import { ballotSections } from '../../core/ballot-sections.ts';
import type {
  BallotSection,
  Choice,
  EventDefinition,
  MethodChoice,
  MethodKind,
} from '../../core/schema.ts';
import { rulesFor, type MethodRules } from './methods/rules.ts';

export interface BallotPart {
  section: BallotSection;
  /** Null when this station cannot show a ballot of the section's method. */
  rules: MethodRules | null;
}

/** One part's answer so far; `ward` only for an own-ward part, once the voter has said. */
export interface PartAnswer {
  ward?: string;
  choice: MethodChoice;
}

export function ballotParts(event: EventDefinition): BallotPart[] {
  return ballotSections(event).map((section) => ({ section, rules: rulesFor(section.method) }));
}

/** The first method this station cannot show, if any. */
export function unsupportedKind(parts: readonly BallotPart[]): MethodKind | undefined {
  return parts.find((p) => p.rules === null)?.section.method.kind;
}

export function emptyDraft(event: EventDefinition, parts: readonly BallotPart[]): Choice | null {
  const answers: PartAnswer[] = [];
  for (const { rules } of parts) {
    if (!rules) return null;
    answers.push({ choice: rules.emptyChoice() });
  }
  if (event.sections === undefined) return answers[0]?.choice ?? null;
  return {
    kind: 'sections',
    parts: answers.map((a, i) => ({ section: parts[i]?.section.id ?? '', choice: a.choice })),
  };
}

/** Each part's answer, in order. */
export function answersOf(draft: Choice): PartAnswer[] {
  return draft.kind === 'sections' ? draft.parts : [{ choice: draft }];
}

/** The draft with part `index` answered anew. */
export function withAnswer(draft: Choice, index: number, answer: PartAnswer): Choice {
  if (draft.kind !== 'sections') return answer.choice;
  return {
    kind: 'sections',
    parts: draft.parts.map((p, i) => (i === index ? { section: p.section, ...answer } : p)),
  };
}
