// The words the volunteer reads about sync.
import { describe, expect, it } from 'vitest';
import { activityLine, statusLine } from '../../src/sync/status.ts';

describe('the sync status line', () => {
  it('counts what is waiting and gives the last sync as a UK clock time', () => {
    // 13:02 UTC is 14:02 in London in June (BST).
    expect(
      statusLine({
        waiting: 12,
        rejected: 0,
        lastSyncedAt: '2026-06-13T13:02:40Z',
        timeZone: 'Europe/London',
      }),
    ).toBe('12 waiting to sync · last synced 14:02');
  });

  it('groups thousands, mentions refused ballots, and says when it never synced', () => {
    expect(statusLine({ waiting: 1_200, rejected: 1, lastSyncedAt: null })).toBe(
      '1,200 waiting to sync · 1 ballot refused · not synced yet',
    );
    expect(
      statusLine({
        waiting: 0,
        rejected: 3,
        lastSyncedAt: '2026-12-01T09:05:00Z',
        timeZone: 'Europe/London',
      }),
    ).toBe('Nothing waiting to sync · 3 ballots refused · last synced 09:05');
  });
});

describe('the progress line', () => {
  it('says how far a run has come', () => {
    expect(activityLine({ kind: 'sending', done: 0, sending: 500, total: 1_200 })).toBe(
      'Sending 500 of 1,200…',
    );
    expect(activityLine({ kind: 'sending', done: 1_000, sending: 200, total: 1_200 })).toBe(
      'Sending 1,200 of 1,200…',
    );
    expect(activityLine({ kind: 'sending', done: 0, sending: 0, total: 0 })).toMatch(/here/);
    expect(activityLine({ kind: 'idle' })).toBeNull();
  });
});
