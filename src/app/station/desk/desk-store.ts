/**
 * Whether a volunteer opened this tablet's registration desk. In memory only, like the session:
 * once opened, unlocking with the PIN (after releasing a ballot to a voter, or after the lock)
 * comes straight back to the desk, so registering the next voter is PIN → form. A reload starts
 * at the volunteer area again, where "Open the registration desk" is one tap.
 */
import { createStore } from 'zustand/vanilla';

export const deskStore = createStore<{ open: boolean; setOpen: (open: boolean) => void }>()(
  (set) => ({ open: false, setOpen: (open) => set({ open }) }),
);
