/**
 * Whether a volunteer opened "Receive ballots from another station" on this tablet. In memory
 * only, like paper entry (paper-store.ts): what was received is in the database
 * (db/carried-repo.ts), so a reload or the lock loses nothing.
 */
import { createStore } from 'zustand/vanilla';

export const courierStore = createStore<{ open: boolean; setOpen: (open: boolean) => void }>()(
  (set) => ({ open: false, setOpen: (open) => set({ open }) }),
);
