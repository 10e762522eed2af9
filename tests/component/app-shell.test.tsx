import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App, isOrganiserPath } from '../../src/app/App.tsx';
import { DEFAULT_TIMINGS } from '../../src/app/shared/services.tsx';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { heading, stationWith } from './station-harness.tsx';

describe('routing in the app shell', () => {
  it.each([
    ['/organiser', true],
    ['/organiser/', true],
    ['/organiser/results', true],
    ['/', false],
    ['/organisers', false],
    ['/volunteer', false],
    ['/x/organiser', false],
  ])('%s is the organiser area: %s', (path, expected) => {
    expect(isOrganiserPath(path, '/')).toBe(expected);
  });

  it('respects a base path', () => {
    expect(isOrganiserPath('/dd/organiser', '/dd/')).toBe(true);
    expect(isOrganiserPath('/organiser', '/dd/')).toBe(false);
  });

  it('shows the station at any other path', async () => {
    window.history.replaceState(null, '', '/anything');
    try {
      const db = await stationWith(DEMO_EVENT);
      const services = { db, now: () => new Date(), storage: undefined, timings: DEFAULT_TIMINGS };
      render(<App services={services} />);
      await heading(DEMO_EVENT.name);
      expect(screen.getByRole('button', { name: 'Start voting' })).toBeInTheDocument();
    } finally {
      window.history.replaceState(null, '', '/');
    }
  });
});
