/**
 * While a voter's screens show: no long-press menu and no text selection (issue 11), so a voter
 * pressing a card or a button does not open the browser's menu (copy, share, "open in new tab")
 * or start selecting words. Never on a field a voter types in (a voting code): there a long
 * press still pastes and selects. The organiser's and volunteer's screens keep both.
 */
import { useLayoutEffect } from 'react';
import styles from './VoterScreen.module.css';

/** Set on <html> while a voter's screens show (with the class that turns selection off). */
export const VOTER_SCREEN_ATTRIBUTE = 'data-voter-screen';

const TYPED_IN = 'input, textarea, select, [contenteditable]:not([contenteditable="false"])';

function noMenu(event: MouseEvent): void {
  const target = event.target;
  if (target instanceof Element && target.closest(TYPED_IN)) return;
  event.preventDefault();
}

export function useVoterScreen(): void {
  // Before the screen is painted, not after: no first frame where a press opens the menu (and a
  // test finding the voter's heading finds the menus already off).
  useLayoutEffect(() => {
    const root = document.documentElement;
    const className = styles['voterScreen'] ?? '';
    root.setAttribute(VOTER_SCREEN_ATTRIBUTE, '');
    if (className) root.classList.add(className);
    document.addEventListener('contextmenu', noMenu);
    return () => {
      root.removeAttribute(VOTER_SCREEN_ATTRIBUTE);
      if (className) root.classList.remove(className);
      document.removeEventListener('contextmenu', noMenu);
    };
  }, []);
}
