// "Scan your card" on the voting code step: the QR code printed on a card (the code in its printed
// form, as the organiser's card sheet makes it) starts the ballot through the same checks as a typed
// code; a second scan while the first is checked starts nothing more; another event's card gets
// the same clear words as when typed; a QR code that is not a card is said to be so; a browser
// without BarcodeDetector reads the card with ZXing's reader (here a stand-in for the lazy module);
// and where the browser has no camera API or the camera is refused, typing is what remains.
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { EventDefinition } from '../../src/core/schema.ts';
import { codeTag, newSalt } from '../../src/core/voting-codes.ts';
import { listBallots } from '../../src/db/ballot-repo.ts';
import { countUsedCodes, saveCodeList } from '../../src/db/code-repo.ts';
import type * as SessionStoreModule from '../../src/app/shared/session-store.ts';
import { heading, renderStation, stationWith } from './station-harness.tsx';

/** How many times a ballot was started, on every station store the app makes. */
const starts = vi.hoisted(() => ({ count: 0 }));
/** What ZXing's reader (the lazy module, replaced here: jsdom has no video frames) sees. */
const zxing = vi.hoisted(() => ({ seen: null as string | null, loads: 0 }));
vi.mock('../../src/app/shared/transfer/zxing-detector.ts', () => ({
  zxingDetector: () => {
    zxing.loads += 1;
    return Promise.resolve({
      detect: () => Promise.resolve(zxing.seen === null ? [] : [{ rawValue: zxing.seen }]),
    });
  },
}));
vi.mock('../../src/app/shared/session-store.ts', async (importOriginal) => {
  const real = await importOriginal<typeof SessionStoreModule>();
  return {
    ...real,
    createSessionStore: () => {
      const store = real.createSessionStore();
      const startBallot = store.getState().startBallot;
      store.setState({
        startBallot: (...args: Parameters<typeof startBallot>) => {
          starts.count += 1;
          startBallot(...args);
        },
      });
      return store;
    },
  };
});

const EVENT: EventDefinition = { ...DEMO_EVENT, checkIn: { codes: true } };
const GOOD = 'KFQ7-M4TX-9CJR';
/** A card of another event: a well-formed code this station holds no tag of. */
const OTHER_EVENTS = 'HJKM-NPQR-TUVW';
const ITERATIONS = 1000;

async function stationWithCodes() {
  const db = await stationWith(EVENT);
  const salt = newSalt();
  await saveCodeList(db, {
    eventId: EVENT.id,
    version: 1,
    salt,
    iterations: ITERATIONS,
    valid: [await codeTag(GOOD, salt, ITERATIONS)],
    voided: [],
    test: [],
  });
  return db;
}

/**
 * A camera and a BarcodeDetector that sees, in each frame, what `seen()` says the card holds
 * (null: no QR code in view yet).
 */
function fakeCamera(seen: () => string | null, camera: () => Promise<unknown> = fakeStream) {
  const stop = vi.fn();
  const detected: string[] = [];
  vi.stubGlobal(
    'BarcodeDetector',
    class {
      detect = () => {
        const value = seen();
        detected.push(value ?? '');
        return Promise.resolve(value === null ? [] : [{ rawValue: value }]);
      };
    },
  );
  Object.defineProperty(navigator, 'mediaDevices', {
    configurable: true,
    value: {
      getUserMedia: () => camera().then((s) => ({ ...(s as object), getTracks: () => [{ stop }] })),
    },
  });
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
  return { stop, detected };
}
const fakeStream = () => Promise.resolve({});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  Reflect.deleteProperty(navigator, 'mediaDevices');
  starts.count = 0;
});

async function toCodeStep(db: Awaited<ReturnType<typeof stationWithCodes>>) {
  const { user } = renderStation(db);
  await heading(EVENT.name);
  await user.click(screen.getByRole('button', { name: 'Start voting' }));
  await heading('Your voting code');
  return user;
}

const scanButton = () =>
  screen.findByRole('button', { name: 'Scan your card' }, { timeout: 5_000 });

// Generous: the code step and the ballot's screens are lazy chunks, slow on a busy machine.
describe('scanning a voting card', { timeout: 45_000 }, () => {
  it('starts the ballot from the card’s QR code, and turns the camera off', async () => {
    // The card comes into view on the second frame.
    const frames = [null, GOOD];
    const { stop } = fakeCamera(() => frames.shift() ?? null);
    const db = await stationWithCodes();
    const user = await toCodeStep(db);
    await user.click(await scanButton());
    expect(screen.getByRole('dialog', { name: 'Scan your card' })).toBeInTheDocument();
    expect(screen.getByLabelText('Camera view')).toBeInTheDocument();
    expect(screen.getByText('Hold the QR code on your card in front of the camera.')).toBeVisible();

    await heading('The projects');
    expect(starts.count).toBe(1);
    await waitFor(() => expect(stop).toHaveBeenCalled());
    // The code is used up when the ballot is cast, as a typed one.
    expect(await countUsedCodes(db, EVENT.id)).toBe(0);
    await user.click(screen.getByRole('button', { name: 'Next: choose projects' }));
    await heading('Choose projects');
    await user.click(screen.getByLabelText(/Chair yoga/, { selector: 'input' }));
    await user.click(screen.getByRole('button', { name: 'Next: check your choices' }));
    await user.click(await screen.findByRole('button', { name: 'Cast my vote' }));
    await heading(/Thank you/);
    expect(await countUsedCodes(db, EVENT.id)).toBe(1);
    const [ballot] = await listBallots(db, EVENT.id);
    expect(ballot?.code).toMatch(/^[0-9a-f]{32}$/);
  });

  it('accepts the bare code too, in any case', async () => {
    fakeCamera(() => ' kfq7m4tx9cjr ');
    const user = await toCodeStep(await stationWithCodes());
    await user.click(await scanButton());
    await heading('The projects');
    expect(starts.count).toBe(1);
  });

  it('the same card scanned twice quickly starts one ballot', async () => {
    fakeCamera(() => GOOD);
    const db = await stationWithCodes();
    const user = await toCodeStep(db);
    // Hold the check of the first scan (hashing the code) until the second attempt has been made.
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const derive = crypto.subtle.deriveBits.bind(crypto.subtle);
    const hashing = vi.spyOn(crypto.subtle, 'deriveBits').mockImplementation(async (...args) => {
      await held;
      return derive(...args);
    });

    await user.click(await scanButton());
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByLabelText('Voting code')).toHaveValue(GOOD);
    // The card is held up again at once, and the voter taps "Check my code" too.
    await user.click(screen.getByRole('button', { name: 'Scan your card' }));
    await user.click(screen.getByRole('button', { name: 'Checking your code…' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    release();

    await heading('The projects');
    await user.click(screen.getByRole('button', { name: 'Next: choose projects' }));
    await heading('Choose projects');
    // Nothing late restarts the ballot under the voter.
    await new Promise((r) => setTimeout(r, 300));
    expect(screen.getByRole('heading', { level: 1, name: 'Choose projects' })).toBeInTheDocument();
    expect(starts.count).toBe(1);
    expect(hashing).toHaveBeenCalledTimes(1);
  });

  it('says another event’s card is not a code for this event, and starts nothing', async () => {
    fakeCamera(() => OTHER_EVENTS);
    const db = await stationWithCodes();
    const user = await toCodeStep(db);
    await user.click(await scanButton());
    expect(await screen.findByRole('alert')).toHaveTextContent('This is not a code for this event');
    expect(screen.getByLabelText('Voting code')).toHaveValue(OTHER_EVENTS);
    expect(screen.getByRole('heading', { level: 1, name: 'Your voting code' })).toBeInTheDocument();
    expect(starts.count).toBe(0);
  });

  it('says a QR code that is not a card’s is not a voting card, and checks nothing', async () => {
    fakeCamera(() => 'https://vote.example.org/?join=K7QF-M4');
    const user = await toCodeStep(await stationWithCodes());
    await user.click(await scanButton());
    expect(await screen.findByRole('alert')).toHaveTextContent('That QR code is not a voting card');
    expect(screen.getByLabelText('Voting code')).toHaveValue('');
    expect(screen.getByLabelText('Voting code')).toHaveAttribute('aria-invalid', 'true');
    expect(starts.count).toBe(0);
  });

  it('when the camera is refused, says why in place of the button; typing still works', async () => {
    fakeCamera(
      () => GOOD,
      () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError')),
    );
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const user = await toCodeStep(await stationWithCodes());
    await user.click(await scanButton());
    const dialog = screen.getByRole('dialog', { name: 'Scan your card' });
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'This tablet cannot use its camera',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Stop scanning' }));
    expect(screen.queryByRole('button', { name: 'Scan your card' })).toBeNull();
    expect(screen.getByText(/This tablet cannot use its camera/)).toBeInTheDocument();

    await user.type(screen.getByLabelText('Voting code'), GOOD);
    await user.click(screen.getByRole('button', { name: 'Check my code' }));
    await heading('The projects');
    expect(starts.count).toBe(1);
  });

  it('with no BarcodeDetector the card is read by ZXing’s reader', async () => {
    const stop = vi.fn();
    Object.defineProperty(navigator, 'mediaDevices', {
      configurable: true,
      value: { getUserMedia: () => Promise.resolve({ getTracks: () => [{ stop }] }) },
    });
    vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
    zxing.seen = GOOD;
    const user = await toCodeStep(await stationWithCodes());
    await user.click(await scanButton());
    await heading('The projects');
    expect(starts.count).toBe(1);
    expect(zxing.loads).toBe(1);
    await waitFor(() => expect(stop).toHaveBeenCalled());
  });

  it('with no camera API there is no scan button, and typing works', async () => {
    const user = await toCodeStep(await stationWithCodes());
    expect(screen.getByLabelText('Voting code')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Scan your card' })).toBeNull();
    await user.type(screen.getByLabelText('Voting code'), GOOD);
    await user.click(screen.getByRole('button', { name: 'Check my code' }));
    await heading('The projects');
    expect(starts.count).toBe(1);
  });
});
