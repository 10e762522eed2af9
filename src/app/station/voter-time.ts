/**
 * Time per voter (WCAG 2.2.1): a volunteer can give every ballot on this station longer before the
 * idle warning and reset, where voters need it (someone reading to them, an interpreter, a slow
 * reader). Only the idle time grows; the warning before the end stays the app's (at least 20 s).
 */
import type { VoterTime } from '../../db/station-repo.ts';
import type { KioskTimings } from '../shared/services.tsx';

export const VOTER_TIME_FACTOR: Readonly<Record<VoterTime, number>> = {
  normal: 1,
  longer: 2,
  'much-longer': 4,
};

/** The kiosk's timings with this station's time per voter applied. */
export function voterTimings(base: KioskTimings, time: VoterTime): KioskTimings {
  const factor = VOTER_TIME_FACTOR[time];
  return factor === 1 ? base : { ...base, idleMs: base.idleMs * factor };
}

/** "1.5 minutes", "3 munud": a duration in the active language. */
export function minutesText(locale: string, ms: number): string {
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: 'minute',
    unitDisplay: 'long',
    maximumFractionDigits: 1,
  }).format(ms / 60_000);
}
