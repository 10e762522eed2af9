// The voter's dialogs describe themselves, and the idle warning counts down out loud.
import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { renderStation, startAndGoToChoose, stationWith } from './station-harness.tsx';

describe('the voter’s dialogs', () => {
  it('the cancel question is described by what cancelling does', async () => {
    const db = await stationWith(DEMO_EVENT);
    const { user } = renderStation(db);
    await startAndGoToChoose(user, DEMO_EVENT.name);
    await user.click(screen.getByRole('button', { name: 'Cancel my vote' }));
    expect(
      screen.getByRole('alertdialog', { name: 'Cancel your vote?' }),
    ).toHaveAccessibleDescription('Your choices will be cleared. Nothing will be counted.');
  });

  it('the idle warning says the time left, counts down, and announces it every five seconds', async () => {
    const db = await stationWith(DEMO_EVENT);
    const { user } = renderStation(db);
    await startAndGoToChoose(user, DEMO_EVENT.name);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      fireEvent.pointerDown(screen.getByRole('heading', { level: 1 }));
      await act(() => vi.advanceTimersByTimeAsync(70_000));
      const warning = screen.getByRole('alertdialog', { name: 'Are you still there?' });
      expect(warning).toHaveAccessibleDescription(
        'If nobody touches the screen, your choices will be cleared and the screen will go back to the start. 20 seconds left.',
      );
      expect(warning).toHaveTextContent('20 seconds left.');
      // One second at a time, as the screen draws each new count.
      for (let s = 0; s < 5; s += 1) await act(() => vi.advanceTimersByTimeAsync(1_000));
      expect(warning).toHaveTextContent('15 seconds left.');
      const live = warning.querySelector('[aria-live="polite"]');
      expect(live).toHaveTextContent('15 seconds left.');
      await act(() => vi.advanceTimersByTimeAsync(1_000));
      expect(live).toBeEmptyDOMElement();
      await act(() => vi.advanceTimersByTimeAsync(14_000));
      expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(DEMO_EVENT.name);
    } finally {
      vi.useRealTimers();
    }
  }, 60_000);
});
