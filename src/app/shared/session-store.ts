/**
 * Session state of one kiosk: which screen is showing, the voter's unfinished choice, and the
 * language and display options the voter picked. It lives in memory only and a new store is made
 * each time the station app starts, so a reload always comes back to the welcome screen, locked.
 * Cast ballots never pass through here; they are in IndexedDB.
 *
 * When a ballot ends (cancel, idle timeout, or the thank-you screen finishing) everything here is
 * forgotten at once, the voter's language and display options with it: the next voter starts in
 * the event's own language, at the normal text size.
 */
import { createStore } from 'zustand/vanilla';
import type { BidId, Choice } from '../../core/schema.ts';
import type { Language } from '../i18n/languages.ts';

/**
 * `questions`: the event's eligibility questions, after the start and before the bids;
 * `equalities`: the optional equalities questions, offered on the thank-you screen.
 */
export type VoterStep =
  | 'welcome'
  /** The voter types or scans their voting code (event.checkIn.codes), before anything else. */
  | 'code'
  | 'questions'
  | 'browse'
  | 'choose'
  | 'review'
  | 'thanks'
  | 'equalities';

/** Text size in per cent of the normal size; each step really grows every text on screen. */
export const TEXT_SIZES = [100, 125, 150] as const;
export type TextSize = (typeof TEXT_SIZES)[number];

export interface DisplayOptions {
  textSize: TextSize;
  highContrast: boolean;
  reducedMotion: boolean;
  /** Bids' easy-read texts (where the event has them) instead of their summaries. */
  easyRead: boolean;
}

export const DEFAULT_DISPLAY: DisplayOptions = {
  textSize: 100,
  highContrast: false,
  reducedMotion: false,
  easyRead: false,
};

export interface SessionState {
  /** `volunteer` only after the right PIN, and only until locked or reloaded. */
  mode: 'voting' | 'volunteer';
  step: VoterStep;
  /** This ballot's shuffled bid order. */
  order: BidId[];
  draft: Choice | null;
  /** Which part of a ballot with sections is being chosen (0 for a ballot of one part). */
  part: number;
  /** The voter's answer to the area question, kept for the ballot on a weighted event. */
  area: string | null;
  /** The language this voter chose; null means the event's own (first) language. */
  language: Language | null;
  display: DisplayOptions;
  /** The tag of the voting code that opened this ballot (db/code-repo); cast with it. */
  code: string | null;
  /** To the voting code step; `setCode` keeps an accepted code's tag for the ballot. */
  askForCode: () => void;
  setCode: (tag: string) => void;
  /** `first`: 'questions' when the event asks eligibility questions (core/questions.ts). */
  startBallot: (order: BidId[], draft: Choice, first?: 'browse' | 'questions') => void;
  setArea: (area: string | null) => void;
  goTo: (step: Exclude<VoterStep, 'welcome' | 'thanks'>) => void;
  /** To the choose step of one part of the ballot. */
  goToPart: (part: number) => void;
  setDraft: (draft: Choice) => void;
  chooseLanguage: (language: Language) => void;
  setDisplay: (change: Partial<DisplayOptions>) => void;
  /** After the ballot is safely stored: forget the choice at once, then say thank you. */
  ballotCast: () => void;
  /** Cancel, idle timeout, or the thank-you screen finishing: forget everything. */
  backToWelcome: () => void;
  unlockVolunteer: () => void;
  lockVolunteer: () => void;
}

const cleared = (): Pick<
  SessionState,
  'step' | 'order' | 'draft' | 'part' | 'area' | 'language' | 'display' | 'code'
> => ({
  step: 'welcome',
  order: [],
  draft: null,
  part: 0,
  area: null,
  language: null,
  display: DEFAULT_DISPLAY,
  code: null,
});

export function createSessionStore() {
  return createStore<SessionState>()((set) => ({
    mode: 'voting',
    ...cleared(),
    startBallot: (order, draft, first = 'browse') =>
      set({ step: first, order, draft, part: 0, area: null }),
    setArea: (area) => set({ area }),
    askForCode: () => set({ step: 'code', code: null }),
    setCode: (code) => set({ code }),
    goTo: (step) => set({ step }),
    goToPart: (part) => set({ step: 'choose', part }),
    setDraft: (draft) => set({ draft }),
    chooseLanguage: (language) => set({ language }),
    setDisplay: (change) => set((s) => ({ display: { ...s.display, ...change } })),
    // The thank-you screen stays in the voter's language and size; it ends with backToWelcome.
    ballotCast: () =>
      set({ step: 'thanks', order: [], draft: null, part: 0, area: null, code: null }),
    backToWelcome: () => set(cleared()),
    unlockVolunteer: () => set({ mode: 'volunteer', ...cleared() }),
    lockVolunteer: () => set({ mode: 'voting', ...cleared() }),
  }));
}

export type SessionStore = ReturnType<typeof createSessionStore>;
