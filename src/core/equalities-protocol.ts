/**
 * The equalities answers' own endpoints (docs/sync-protocol.md, "Equalities answers"): a station
 * pushes them apart from ballots; the organiser reads counts with small groups suppressed.
 */
import { z } from 'zod';
import { EQUALITIES_ANSWERS } from './questions.ts';
import { EQUALITIES_QUESTIONS } from './questions-constants.ts';
import { idSchema } from './schema.ts';

const answer = (values: readonly string[]) => z.enum(values as [string, ...string[]]).optional();

/**
 * One voter's answers and nothing else: strict, so a record carrying an id, a time, a station or a
 * ballot is refused, not stored without it.
 */
export const equalitiesAnswersSchema = z
  .strictObject({
    'age-band': answer(EQUALITIES_ANSWERS['age-band']),
    disability: answer(EQUALITIES_ANSWERS.disability),
    ethnicity: answer(EQUALITIES_ANSWERS.ethnicity),
    gender: answer(EQUALITIES_ANSWERS.gender),
  })
  .refine((answers) => Object.values(answers).some((a) => a !== undefined), 'bad-value');

export const MAX_EQUALITIES_BATCH = 500;

const batchIdSchema = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

/** POST /equalities (station token): one batch, shuffled on the station. */
export const equalitiesPushRequestSchema = z.object({
  protocol: z.literal(1),
  eventId: idSchema,
  /** Random, made on the station: the same batch sent again is stored once. */
  batch: batchIdSchema,
  answers: z.array(equalitiesAnswersSchema).min(1).max(MAX_EQUALITIES_BATCH),
});
export type EqualitiesPushRequest = z.infer<typeof equalitiesPushRequestSchema>;

/** `stored`: how many answers this push added (0 when the batch was stored before). */
export const equalitiesPushResponseSchema = z.object({
  batch: z.string(),
  stored: z.int().min(0),
  duplicate: z.boolean(),
});
export type EqualitiesPushResponse = z.infer<typeof equalitiesPushResponseSchema>;

const countSchema = z.union([
  z.object({ answer: z.string(), count: z.int().min(0) }),
  z.object({ answer: z.string(), suppressed: z.literal(true) }),
]);

/** GET /events/:eventId/equalities (organiser): core/questions.ts `EqualitiesSummary`. */
export const equalitiesSummarySchema = z.object({
  responses: z.union([z.int().min(0), z.literal('suppressed')]),
  questions: z.array(
    z.object({
      question: z.enum(EQUALITIES_QUESTIONS),
      counts: z.array(countSchema),
      skipped: countSchema,
    }),
  ),
});

/**
 * A station's equalities answers carried by hand when it never reaches the tally server
 * (`.ddequalities`, JSON): a file of their own, never inside the ballots' tally file. The batches
 * are the very ones the station would push (same random ids), so importing a file twice, or after
 * the station synced after all, stores nothing twice. Strict: no station, time or id of any row.
 */
export const EQUALITIES_FILE_FORMAT = 'decision-day-equalities';
export const MAX_EQUALITIES_FILE_BATCHES = 200;
export const equalitiesFileSchema = z.strictObject({
  format: z.literal(EQUALITIES_FILE_FORMAT),
  version: z.literal(1),
  eventId: idSchema,
  batches: z
    .array(
      z.strictObject({
        batch: batchIdSchema,
        answers: z.array(equalitiesAnswersSchema).min(1).max(MAX_EQUALITIES_BATCH),
      }),
    )
    .min(1)
    .max(MAX_EQUALITIES_FILE_BATCHES),
});
export type EqualitiesFile = z.infer<typeof equalitiesFileSchema>;

/** POST /events/:eventId/equalities/import: answers added, and those held before (same batch). */
export const equalitiesImportResponseSchema = z.object({
  added: z.int().min(0),
  already: z.int().min(0),
});
export type EqualitiesImportResponse = z.infer<typeof equalitiesImportResponseSchema>;
