/**
 * The folds of the organiser's header and of an event's navigation (NarrowFold), as a keyboard
 * or screen-reader user meets them: a button that says whether what it controls is shown, opens
 * and shuts it, shuts on Escape with focus back on it, and shuts when one of its links is
 * followed, then names the screen now open. Whether the panel is hidden on a narrow screen is CSS:
 * organiser-screens.spec.ts checks it in the browser.
 */
import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { approvalBallots, fakeServer, renderOrganiser, signIn } from './organiser-fake-api.ts';

afterEach(cleanup);

async function signedIn() {
  const user = userEvent.setup();
  const server = fakeServer(DEMO_EVENT, approvalBallots(DEMO_EVENT, 4));
  await renderOrganiser({ api: server.api });
  await signIn(user, DEMO_EVENT.name);
  return user;
}

/** The element a disclosure button says it controls. */
function controlled(button: HTMLElement): HTMLElement {
  const id = button.getAttribute('aria-controls') ?? '';
  const panel = document.getElementById(id);
  if (panel === null) throw new Error(`nothing has the id "${id}" the button controls`);
  return panel;
}

describe('the organiser’s folding menus', () => {
  it('folds the event’s screens behind a button that names the screen open now', async () => {
    const user = await signedIn();
    const nav = screen.getByRole('navigation', { name: 'This event' });
    const menu = within(nav).getByRole('button', { name: 'This event: Stations' });
    expect(menu).toHaveAttribute('aria-expanded', 'false');
    const panel = controlled(menu);
    expect(within(panel).getByRole('link', { name: 'Results' })).toBeInTheDocument();

    await user.click(menu);
    expect(menu).toHaveAttribute('aria-expanded', 'true');
    await user.click(within(panel).getByRole('link', { name: 'Results' }));
    await screen.findByRole('heading', { level: 1, name: 'Results' });
    const now = within(nav).getByRole('button', { name: 'This event: Results' });
    expect(now).toHaveAttribute('aria-expanded', 'false');
    expect(within(panel).getByRole('link', { name: 'Results' })).toHaveAttribute(
      'aria-current',
      'page',
    );

    await user.click(now);
    await user.click(now);
    expect(now).toHaveAttribute('aria-expanded', 'false');
  });

  it('names no screen at an address in the event that is none of its screens', async () => {
    await signedIn();
    act(() => window.history.pushState(null, '', `/organiser/events/${DEMO_EVENT.id}/nowhere`));
    await screen.findByRole('heading', { level: 1, name: 'Page not found' });
    const nav = screen.getByRole('navigation', { name: 'This event' });
    expect(within(nav).getByRole('button', { name: 'This event' })).toHaveAttribute(
      'aria-expanded',
      'false',
    );
  });

  it('shuts the header’s account fold on Escape and gives focus back to its button', async () => {
    const user = await signedIn();
    const account = within(screen.getByRole('banner')).getByRole('button', { name: 'Account' });
    expect(account).toHaveAttribute('aria-expanded', 'false');
    const panel = controlled(account);
    expect(within(panel).getByRole('button', { name: 'Sign out' })).toBeInTheDocument();
    expect(within(panel).getByText(/^Signed in as/)).toBeInTheDocument();

    await user.click(account);
    expect(account).toHaveAttribute('aria-expanded', 'true');
    await user.tab();
    expect(panel).toContainElement(document.activeElement as HTMLElement);
    await user.keyboard('{Escape}');
    expect(account).toHaveAttribute('aria-expanded', 'false');
    expect(account).toHaveFocus();

    // Escape with the fold shut changes nothing (a dialog of the page may want it).
    await user.keyboard('{Escape}');
    expect(account).toHaveAttribute('aria-expanded', 'false');
  });
});
