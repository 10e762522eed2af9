/**
 * Kiosk mode: the browser's back button (or a swipe back) must not leave the voting screen or
 * reveal a previous screen. An extra history entry is pushed and re-pushed whenever it is popped.
 */
import { useEffect } from 'react';

export function useKioskHistory(): void {
  useEffect(() => {
    const hold = () => window.history.pushState({ kiosk: true }, '', window.location.href);
    hold();
    window.addEventListener('popstate', hold);
    return () => window.removeEventListener('popstate', hold);
  }, []);
}
