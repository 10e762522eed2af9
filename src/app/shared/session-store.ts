/**
 * Session state of one kiosk: which screen is showing and the voter's unfinished choice. It lives
 * in memory only and a new store is made each time the station app starts, so a reload always
 * comes back to the welcome screen, locked. Cast ballots never pass through here; they are in
 * IndexedDB.
 */
import { createStore } from 'zustand/vanilla';
import type { BidId, Choice } from '../../core/schema.ts';

export type VoterStep = 'welcome' | 'browse' | 'choose' | 'review' | 'thanks';

export interface SessionState {
  /** `volunteer` only after the right PIN, and only until locked or reloaded. */
  mode: 'voting' | 'volunteer';
  step: VoterStep;
  /** This ballot's shuffled bid order. */
  order: BidId[];
  draft: Choice | null;
  startBallot: (order: BidId[], draft: Choice) => void;
  goTo: (step: Exclude<VoterStep, 'welcome' | 'thanks'>) => void;
  setDraft: (draft: Choice) => void;
  /** After the ballot is safely stored: forget the choice at once, then say thank you. */
  ballotCast: () => void;
  /** Cancel, idle timeout, or the thank-you screen finishing: forget everything. */
  backToWelcome: () => void;
  unlockVolunteer: () => void;
  lockVolunteer: () => void;
}

const cleared = (): Pick<SessionState, 'step' | 'order' | 'draft'> => ({
  step: 'welcome',
  order: [],
  draft: null,
});

export function createSessionStore() {
  return createStore<SessionState>()((set) => ({
    mode: 'voting',
    ...cleared(),
    startBallot: (order, draft) => set({ step: 'browse', order, draft }),
    goTo: (step) => set({ step }),
    setDraft: (draft) => set({ draft }),
    ballotCast: () => set({ step: 'thanks', order: [], draft: null }),
    backToWelcome: () => set(cleared()),
    unlockVolunteer: () => set({ mode: 'volunteer', ...cleared() }),
    lockVolunteer: () => set({ mode: 'voting', ...cleared() }),
  }));
}

export type SessionStore = ReturnType<typeof createSessionStore>;
