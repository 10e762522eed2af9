/**
 * The volunteer's choice of time per voter for this station (WCAG 2.2.1). Saved on the tablet at
 * once; the next ballot uses it, and a ballot in progress is never cut short by a change.
 */
import { useId, useState } from 'react';
import { setVoterTime, VOTER_TIMES, type VoterTime } from '../../db/station-repo.ts';
import { useServices } from '../shared/services.tsx';
import { useFormat, useT } from '../i18n/react.tsx';
import { minutesText, voterTimings } from './voter-time.ts';
import styles from './station.module.css';

const LABEL: Record<VoterTime, string> = {
  normal: 'station.time.normal',
  longer: 'station.time.longer',
  'much-longer': 'station.time.much-longer',
};

export function VoterTimeSetting({ current }: { current: VoterTime }) {
  const t = useT();
  const f = useFormat();
  const { db, timings } = useServices();
  const [said, setSaid] = useState<{ text: string; failed: boolean }>();
  const name = useId();
  const duration = (time: VoterTime) => minutesText(f.locale, voterTimings(timings, time).idleMs);

  const choose = async (time: VoterTime) => {
    try {
      await setVoterTime(db, time);
      setSaid({ text: t('station.time.saved', { duration: duration(time) }), failed: false });
    } catch (cause) {
      console.error('The time per voter could not be saved', cause);
      setSaid({ text: t('station.time.failed'), failed: true });
    }
  };

  return (
    <section aria-labelledby="time-heading">
      <h2 id="time-heading">{t('station.time.heading')}</h2>
      <fieldset className={styles['choices']} aria-describedby={`${name}-explain`}>
        <legend className="visually-hidden">{t('station.time.heading')}</legend>
        <p id={`${name}-explain`}>{t('station.time.explain')}</p>
        {VOTER_TIMES.map((time) => (
          <label key={time} className={styles['choice']}>
            <input
              type="radio"
              name={name}
              value={time}
              checked={current === time}
              onChange={() => void choose(time)}
            />
            {t(LABEL[time], { duration: duration(time) })}
          </label>
        ))}
      </fieldset>
      <p role="status">{said && !said.failed ? said.text : ''}</p>
      {said?.failed && (
        <p role="alert" className="notice">
          {said.text}
        </p>
      )}
    </section>
  );
}
