/**
 * What the volunteer reads about sync: "12 waiting to sync · last synced 14:02",
 * "Sending 500 of 1,200…". Plain strings, so screens and tests agree on the wording.
 */
import type { SyncActivity } from './engine.ts';

const count = new Intl.NumberFormat('en-GB');

const plural = (n: number, one: string, many: string) =>
  `${count.format(n)} ${n === 1 ? one : many}`;

export interface StatusFacts {
  waiting: number;
  rejected: number;
  lastSyncedAt: string | null;
  /** IANA zone for the time; the tablet's own when absent (tests pin it). */
  timeZone?: string;
}

export function statusLine({ waiting, rejected, lastSyncedAt, timeZone }: StatusFacts): string {
  const queue =
    waiting === 0 ? 'Nothing waiting to sync' : `${count.format(waiting)} waiting to sync`;
  const kept = rejected === 0 ? '' : ` · ${plural(rejected, 'ballot', 'ballots')} refused`;
  const last =
    lastSyncedAt === null
      ? 'not synced yet'
      : `last synced ${new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(lastSyncedAt))}`;
  return `${queue}${kept} · ${last}`;
}

export function activityLine(activity: SyncActivity): string | null {
  switch (activity.kind) {
    case 'idle':
      return null;
    case 'checking':
      return 'Checking the connection to the tally server…';
    case 'sending':
      return activity.sending === 0
        ? 'Telling the tally server this station is here…'
        : `Sending ${count.format(activity.done + activity.sending)} of ${count.format(activity.total)}…`;
  }
}
