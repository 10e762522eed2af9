// "Tablets in this hall" and the public trust page (docs/deploying.md, "A laptop in the hall"):
// the organiser sees the QR code to the trust page, the certificate's fingerprint and the
// addresses, or how to turn local HTTPS on; a tablet sees the steps, the download and the way on.
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HallAbout, HallResponse } from '../../src/core/hall-api.ts';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import HallTrustPage from '../../src/app/public/HallTrustPage.tsx';
import { CatalogueProvider } from '../../src/app/i18n/react.tsx';
import { fakeServer, renderOrganiser, signInToEvents } from './organiser-fake-api.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const FINGERPRINT = Array.from({ length: 32 }, (_, i) => (i * 7 + 16).toString(16).toUpperCase())
  .map((h) => h.padStart(2, '0').slice(-2))
  .join(':');

const LOCAL: HallResponse = {
  tls: 'local',
  addresses: ['https://192.168.1.20:8080/', 'https://hall-laptop.local:8080/'],
  trustUrl: 'http://192.168.1.20:8081/hall',
  caFingerprint: FINGERPRINT,
  caName: 'Decision Day hall laptop hall-laptop 2026-06-13',
};

function serve(path: string, body: unknown, status = 200) {
  vi.stubGlobal('fetch', async (url: string) => {
    await Promise.resolve();
    const ok = url.replace(/^\/api\/v1/, '') === path;
    return new Response(
      JSON.stringify(ok ? body : { error: { code: 'not-found', message: 'no', params: {} } }),
      { status: ok ? status : 404, headers: { 'Content-Type': 'application/json' } },
    );
  });
}

async function openHall() {
  const user = userEvent.setup();
  await renderOrganiser({ api: fakeServer(DEMO_EVENT, []).api });
  await signInToEvents(user);
  await user.click(screen.getByRole('link', { name: 'Tablets in this hall' }));
  await screen.findByRole('heading', { level: 1, name: 'Tablets in this hall' });
}

describe('the Tablets in this hall screen', { timeout: 30_000 }, () => {
  it('shows the QR code to the trust page, the fingerprint and the addresses', async () => {
    serve('/hall', LOCAL);
    await openHall();
    const qr = await screen.findByRole('img', {
      name: 'QR code: the page that shows a tablet how to trust this laptop',
    });
    expect(qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    expect(screen.getByText(LOCAL.trustUrl ?? '')).toBeInTheDocument();
    expect(screen.getByText(LOCAL.caName ?? '')).toBeInTheDocument();
    // Four rows of eight pairs, as a volunteer compares them with a tablet's.
    const pairs = FINGERPRINT.split(':');
    const code = screen.getByText(pairs.slice(0, 8).join(' ')).closest('code');
    expect(code).toHaveAttribute('dir', 'ltr');
    expect([...(code?.children ?? [])].map((row) => row.textContent)).toEqual(
      [0, 8, 16, 24].map((at) => pairs.slice(at, at + 8).join(' ')),
    );
    const steps = screen.getAllByRole('listitem').map((li) => li.textContent ?? '');
    expect(steps.some((s) => s.includes('https://192.168.1.20:8080/'))).toBe(true);
    expect(screen.getByText('https://hall-laptop.local:8080/')).toBeInTheDocument();
    expect(screen.queryByText('npm run start:hall')).toBeNull();
  });

  it('says how to turn it on when the server runs without it', async () => {
    serve('/hall', {
      tls: 'none',
      addresses: [],
      trustUrl: null,
      caFingerprint: null,
      caName: null,
    });
    await openHall();
    expect(
      await screen.findByRole('heading', { level: 2, name: 'Not set up for tablets in the hall' }),
    ).toBeInTheDocument();
    expect(screen.getByText('npm run start:hall')).toBeInTheDocument();
    expect(screen.queryByRole('img')).toBeNull();
  });
});

describe('the trust page', { timeout: 30_000 }, () => {
  const about: HallAbout = {
    caFingerprint: FINGERPRINT,
    caName: LOCAL.caName ?? '',
    httpsPort: 8443,
  };

  it('gives the certificate, its fingerprint, the steps per tablet and the way on', async () => {
    window.history.replaceState(null, '', '/hall');
    serve('/hall/about.json', about);
    const user = userEvent.setup();
    render(createElement(CatalogueProvider, null, createElement(HallTrustPage)));
    await screen.findByRole('heading', { level: 1, name: 'Trust this hall laptop' });
    const download = await screen.findByRole('link', { name: 'Download the hall certificate' });
    expect(download).toHaveAttribute('href', '/hall/ca.crt');
    expect(screen.getByText(/fingerprint \(SHA-256\)/)).toHaveTextContent(LOCAL.caName ?? '');
    expect(screen.getByRole('link', { name: 'Done? Open the voting app' })).toHaveAttribute(
      'href',
      `https://${window.location.hostname}:8443/`,
    );

    const ipad = screen.getByText('iPad or iPhone');
    await user.click(ipad);
    const steps = within(ipad.closest('details') as HTMLElement).getAllByRole('listitem');
    // The name is isolated (U+2068…U+2069) so it keeps its own direction in Arabic.
    expect(steps.at(-1)).toHaveTextContent(
      `Certificate Trust Settings. Switch on \u2068${LOCAL.caName ?? ''}\u2069.`,
    );
    for (const kind of [
      'Android tablet (Chrome)',
      'Samsung tablet',
      'Chromebook',
      'Windows laptop',
    ]) {
      expect(screen.getByText(kind)).toBeInTheDocument();
    }
    await user.click(screen.getByText('Amazon Fire tablet'));
    expect(screen.getByText(/could not confirm that Fire tablets/)).toBeVisible();
  });

  it('says so on a laptop without its own certificate authority', async () => {
    window.history.replaceState(null, '', '/hall');
    serve('/hall/about.json', {}, 404);
    render(createElement(CatalogueProvider, null, createElement(HallTrustPage)));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This laptop is not set up for tablets in the hall. Ask the organiser.',
    );
    expect(screen.queryByRole('link', { name: 'Download the hall certificate' })).toBeNull();
  });
});
