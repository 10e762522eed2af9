/**
 * The fixed answer sets of the questions (core/questions.ts), in a module of their own with no
 * imports: the schema (zod) and the voter's screens (no zod) both use them.
 */

/** Age bands, youngest first: the one fixed set every question, desk and report uses. */
export const AGE_BANDS = ['8-15', '16-17', '18-24', '25-44', '45-64', '65-plus'] as const;

/** The equalities questions an organiser may ask, in the order a voter sees them. */
export const EQUALITIES_QUESTIONS = ['age-band', 'disability', 'ethnicity', 'gender'] as const;
