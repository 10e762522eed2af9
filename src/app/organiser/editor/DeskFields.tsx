/**
 * The registration desk in the event editor's Check-in screen (docs/check-in.md, "Registration
 * desk"): whether the event has one, what it asks each voter, the area (postcodes, whole or their
 * start, and/or street names) and the minimum age. Lists are typed one entry a line.
 */
import { useState } from 'react';
import { DESK_FIELDS, MINIMUM_AGES, type Desk, type DeskField } from '../../../core/schema.ts';
import { useT } from '../../i18n/react.tsx';
import type { CheckInFieldsProps } from './CheckInScreen.tsx';
import { CheckField, SelectField, TextField } from './fields.tsx';
import styles from './editor.module.css';

/** What a new desk asks: enough to spot a duplicate and check the area and age. */
const NEW_DESK: Desk = { fields: ['name', 'postcode', 'ageBand'] };

const lines = (text: string): string[] | undefined => {
  const list = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return list.length === 0 ? undefined : list;
};

export function DeskFields({ draft, updateCheckIn, problemsAt }: CheckInFieldsProps) {
  const t = useT();
  const desk = draft.checkIn?.desk;
  // The lists as typed (blank lines and all), so typing a new line is not undone at once.
  const [postcodes, setPostcodes] = useState(() => (desk?.postcodes ?? []).join('\n'));
  const [streets, setStreets] = useState(() => (desk?.streets ?? []).join('\n'));

  const change = (next: Partial<Desk>) => {
    if (desk === undefined) return;
    const merged: Desk = { ...desk, ...next };
    for (const key of ['postcodes', 'streets', 'minimumAge'] as const) {
      if (merged[key] === undefined) delete merged[key];
    }
    updateCheckIn({ desk: merged });
  };
  const toggleField = (field: DeskField, on: boolean) => {
    if (desk === undefined) return;
    const fields = DESK_FIELDS.filter((f) => (f === field ? on : desk.fields.includes(f)));
    change({ fields });
  };

  // Settings the desk cannot use because it does not ask the field they need.
  const unchecked = desk === undefined ? [] : uncheckedSettings(desk);

  return (
    <fieldset className={styles['group']}>
      <legend>{t('editor.desk.legend')}</legend>
      <CheckField
        id="desk-on"
        label={t('editor.desk.on')}
        checked={desk !== undefined}
        onChange={(on) => updateCheckIn({ desk: on ? NEW_DESK : undefined })}
      />
      <p className={styles['hint']}>{t('editor.desk.hint')}</p>
      {desk !== undefined && (
        <>
          <fieldset className={styles['group']}>
            <legend>{t('editor.desk.fields')}</legend>
            {DESK_FIELDS.map((field) => (
              <CheckField
                key={field}
                id={`desk-field-${field}`}
                label={t(`editor.desk.field.${field}`)}
                checked={desk.fields.includes(field)}
                onChange={(on) => toggleField(field, on)}
              />
            ))}
            {problemsAt('checkIn.desk.fields').length > 0 && (
              <p className={styles['problem']}>{problemsAt('checkIn.desk.fields').join(' ')}</p>
            )}
          </fieldset>
          <TextField
            id="desk-postcodes"
            label={t('editor.desk.postcodes')}
            hint={t('editor.desk.postcodes.hint')}
            multiline
            rows={4}
            value={postcodes}
            onChange={(text) => {
              setPostcodes(text);
              change({ postcodes: lines(text) });
            }}
            problems={problemsAt('checkIn.desk.postcodes')}
          />
          <TextField
            id="desk-streets"
            label={t('editor.desk.streets')}
            hint={t('editor.desk.streets.hint')}
            multiline
            rows={4}
            value={streets}
            onChange={(text) => {
              setStreets(text);
              change({ streets: lines(text) });
            }}
            problems={problemsAt('checkIn.desk.streets')}
          />
          <SelectField
            id="desk-minimum-age"
            label={t('editor.desk.minimum-age')}
            hint={t('editor.desk.minimum-age.hint')}
            value={desk.minimumAge === undefined ? '' : String(desk.minimumAge)}
            onChange={(value) => {
              const age = MINIMUM_AGES.find((a) => String(a) === value);
              change({ minimumAge: age });
            }}
            options={[
              { value: '', label: t('editor.desk.minimum-age.none') },
              ...MINIMUM_AGES.map((age) => ({
                value: String(age),
                label: t('editor.desk.minimum-age.years', { age }),
              })),
            ]}
            problems={problemsAt('checkIn.desk.minimumAge')}
          />
          {unchecked.length > 0 && (
            <ul className={styles['hint']} aria-live="polite">
              {unchecked.map((what) => (
                <li key={what}>{t(`editor.desk.unchecked.${what}`)}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </fieldset>
  );
}

/** 'postcodes' | 'streets' | 'age': a list or minimum the desk never checks, as set. */
function uncheckedSettings(desk: Desk): ('postcodes' | 'streets' | 'age')[] {
  const out: ('postcodes' | 'streets' | 'age')[] = [];
  if ((desk.postcodes?.length ?? 0) > 0 && !desk.fields.includes('postcode')) out.push('postcodes');
  if ((desk.streets?.length ?? 0) > 0 && !desk.fields.includes('street')) out.push('streets');
  if (desk.minimumAge !== undefined && !desk.fields.includes('ageBand')) out.push('age');
  return out;
}
