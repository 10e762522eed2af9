/**
 * "Load event from a file": a volunteer with no network picks the event package the organiser
 * gave them (USB stick, share sheet). It is verified before anything changes; a bad file is named
 * in plain words and changes nothing. Loading another event is refused while ballots of the current
 * one are only on this tablet, and asked about otherwise. On success the event's fingerprint is
 * shown, to compare with the organiser's screen.
 */
import { useId, useRef, useState, type ChangeEvent } from 'react';
import type { EventPackage } from '../../core/event-package.ts';
import type { SwitchProblem } from '../../db/event-status.ts';
import {
  checkPackageSwitch,
  PACKAGE_ACCEPT,
  PACKAGE_EXTENSION,
  readPackageFile,
  storePackage,
  type PackageFile,
  type PackageFileProblem,
} from '../../sync/event-package.ts';
import { useServices } from '../shared/services.tsx';
import { useFormat, useT } from '../i18n/react.tsx';
import { FilePicker } from '../shared/FilePicker.tsx';
import { withCodes } from './isolate.tsx';
import { EventByCamera } from './courier/EventByCamera.tsx';
import { fillPictureCache } from './picture-cache.ts';
import { SwitchConfirm, switchRefusal, type Switching } from './SwitchEvent.tsx';
import styles from './station.module.css';

type Outcome =
  | { kind: 'checking' }
  | { kind: 'loaded'; name: string; fingerprint: string }
  | { kind: 'bad-file'; problem: PackageFileProblem }
  | { kind: 'refused'; problem: SwitchProblem }
  | { kind: 'failed' };

export function LoadEventFile({ headingLevel = 2 }: { headingLevel?: 2 | 3 }) {
  const t = useT();
  const f = useFormat();
  const { db } = useServices();
  const ids = { heading: useId(), input: useId(), hint: useId() };
  const input = useRef<HTMLInputElement>(null);
  const [outcome, setOutcome] = useState<Outcome>();
  const [switching, setSwitching] = useState<Switching>();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';

  const store = async (pkg: EventPackage) => {
    const stored = await storePackage(db, pkg);
    if (!stored.ok) {
      setOutcome({ kind: 'refused', problem: stored.error });
      return;
    }
    setOutcome({ kind: 'loaded', name: pkg.event.name, fingerprint: pkg.fingerprint });
    // The pictures are on the tablet already; the cache only serves them to the voter's screens.
    fillPictureCache(db).catch((cause: unknown) =>
      console.error('Pictures not put in the picture cache', cause),
    );
  };

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    // The same file chosen again (after exporting, say) must fire the change again.
    e.target.value = '';
    if (file) await load(file);
  };

  // A file, or the same text read from the organiser's moving code: one path, the same checks.
  const load = async (file: PackageFile) => {
    setOutcome({ kind: 'checking' });
    try {
      const read = await readPackageFile(file);
      if (!read.ok) {
        setOutcome({ kind: 'bad-file', problem: read.error });
        return;
      }
      const pkg = read.value;
      const check = await checkPackageSwitch(db, pkg);
      if (!check.ok) {
        setOutcome({ kind: 'refused', problem: check.error });
        return;
      }
      // Asked only when the event it leaves has ballots here (they stay, and can still be exported).
      if (check.value.switching && (check.value.current?.ballots ?? 0) > 0) {
        setOutcome(undefined);
        setSwitching({
          from: check.value.current?.name ?? '',
          to: pkg.event.name,
          onAnswer: (yes) => {
            setSwitching(undefined);
            if (yes) void store(pkg);
            else input.current?.focus();
          },
        });
        return;
      }
      await store(pkg);
    } catch (cause) {
      console.error('Loading the event file failed', cause);
      setOutcome({ kind: 'failed' });
    }
  };

  return (
    <section aria-labelledby={ids.heading}>
      <Heading id={ids.heading}>{t('station.package.heading')}</Heading>
      <div className="field">
        <label htmlFor={ids.input}>{t('station.package.file.label')}</label>
        <p id={ids.hint} className="hint">
          {withCodes(t, 'station.package.file.hint', {}, { extension: PACKAGE_EXTENSION })}
        </p>
        <FilePicker
          ref={input}
          id={ids.input}
          chooseLabel={t('station.file.choose')}
          noneLabel={t('station.file.none')}
          accept={PACKAGE_ACCEPT}
          aria-describedby={ids.hint}
          onChange={(e) => void onFile(e)}
        />
      </div>
      <EventByCamera onPackage={(file) => void load(file)} />
      <div role="status">
        {outcome?.kind === 'checking' && <p>{t('station.package.checking')}</p>}
        {outcome?.kind === 'loaded' && (
          <p>
            {withCodes(
              t,
              'station.package.loaded',
              { event: outcome.name },
              { fingerprint: outcome.fingerprint },
              styles['fingerprint'],
            )}
          </p>
        )}
      </div>
      {outcome?.kind === 'bad-file' && (
        <p role="alert" className="notice">
          {t(`station.package.problem.${outcome.problem.code}`, {
            ...outcome.problem.params,
            ...numbers(f.number, outcome.problem.params),
          })}{' '}
          {t('station.package.unchanged')}
        </p>
      )}
      {outcome?.kind === 'refused' && (
        <p role="alert" className="notice">
          {switchRefusal(t, outcome.problem)}
        </p>
      )}
      {outcome?.kind === 'failed' && (
        <p role="alert" className="notice">
          {t('station.package.failed')}
        </p>
      )}
      {switching && <SwitchConfirm switching={switching} />}
    </section>
  );
}

/** Numbers in a problem's facts, formatted for the language (versions, megabytes). */
function numbers(
  format: (n: number) => string,
  params: PackageFileProblem['params'],
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params).flatMap(([k, v]) => (typeof v === 'number' ? [[k, format(v)]] : [])),
  );
}
