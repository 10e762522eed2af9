/**
 * Whether a volunteer opened paper-ballot entry on this tablet. In memory only, like the session
 * and the registration desk (desk-store.ts): what was keyed is in the database (db/paper-repo.ts),
 * so a reload or the lock loses nothing; unlocking comes straight back here while it is open.
 */
import { createStore } from 'zustand/vanilla';

export const paperStore = createStore<{ open: boolean; setOpen: (open: boolean) => void }>()(
  (set) => ({ open: false, setOpen: (open) => set({ open }) }),
);
