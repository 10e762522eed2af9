// Lingui's configuration: the shipped languages and where their catalogues live. Messages are
// keyed by explicit ids ("voter.welcome.start"), so a `.po` file's msgid is the key, not the English.
import { formatter } from '@lingui/format-po';
import type { LinguiConfig } from '@lingui/conf';

const config: LinguiConfig = {
  locales: ['en-GB', 'cy', 'gd', 'pl', 'ar'],
  sourceLocale: 'en-GB',
  fallbackLocales: { default: 'en-GB' },
  format: formatter({ explicitIdAsDefault: true, lineNumbers: false }),
  catalogs: [
    // The voter's screens and what every role shares.
    { path: '<rootDir>/src/app/i18n/locales/{locale}/voter', include: [] },
    // The volunteer's area of a station.
    { path: '<rootDir>/src/app/i18n/locales/{locale}/station', include: [] },
    // The codes that core, db, sync and server return (problems, ties, sync states), worded.
    { path: '<rootDir>/src/app/i18n/locales/{locale}/problems', include: [] },
    // The voter's check-in steps: the voting code, the eligibility questions before a ballot and
    // the equalities questions after it (a lazy part: not on the first screen).
    { path: '<rootDir>/src/app/i18n/locales/{locale}/checkin', include: [] },
    // The camera transfer's screens, station and organiser side, and their problems (a lazy
    // part, loaded with those screens).
    { path: '<rootDir>/src/app/i18n/locales/{locale}/camera', include: [] },
    // The hall's trust page (/hall), a public page of its own.
    { path: '<rootDir>/src/app/i18n/locales/{locale}/hall', include: [] },
    // The organiser's screens (a lazy chunk).
    { path: '<rootDir>/src/app/i18n/locales/{locale}/organiser', include: [] },
    // The organiser's event editor: set-up, bids, pots and rules, ballot, import.
    { path: '<rootDir>/src/app/i18n/locales/{locale}/editor', include: [] },
    // Results as the public sees them (the published page) and the organiser's explanations.
    { path: '<rootDir>/src/app/i18n/locales/{locale}/results', include: [] },
  ],
};

export default config;
