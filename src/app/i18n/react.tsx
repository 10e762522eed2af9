/**
 * The catalogue in React: `useT()` words a message by its key, `useFormat()` formats numbers,
 * money, dates and times in the active language. Every word a person reads goes through these.
 */
import { I18nProvider, useLingui } from '@lingui/react';
import { useCallback, useEffect, useLayoutEffect, useMemo, type ReactNode } from 'react';
import { formatMoney, type Money } from '../../core/money.ts';
import { i18n } from './catalogue.ts';
import { directionOf, shippedLanguage } from './languages.ts';

/** Values an ICU message may interpolate. */
export type MessageValues = Record<string, string | number | undefined>;

export type Translate = (key: string, values?: MessageValues) => string;

export function CatalogueProvider({ children }: { children: ReactNode }) {
  return <I18nProvider i18n={i18n}>{children}</I18nProvider>;
}

/** `t('voter.welcome.start')`, re-rendering when the language changes. */
export function useT(): Translate {
  const { i18n: active } = useLingui();
  // Keyed on the locale so a change of language gives consumers a new function and they re-render.
  const locale = active.locale;
  return useCallback<Translate>(
    (key, values) => active._(key, values),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `locale` is the dependency that changes
    [active, locale],
  );
}

export interface Formatters {
  locale: string;
  money: (minor: Money, currency: string) => string;
  number: (value: number) => string;
  percent: (share: number) => string;
  date: (isoDate: string) => string;
  time: (at: Date | number) => string;
  dateTime: (at: Date | number) => string;
}

export function formattersFor(locale: string): Formatters {
  const number = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  const time = new Intl.DateTimeFormat(locale, { timeStyle: 'short' });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return {
    locale,
    money: (minor, currency) => formatMoney(minor, currency, locale),
    number: (value) => number.format(value),
    percent: (share) => percent.format(share),
    // A calendar date (YYYY-MM-DD) names a day, not an instant: format it in UTC so no time zone
    // moves it to the day before.
    date: (isoDate) => date.format(new Date(`${isoDate}T00:00:00Z`)),
    time: (at) => time.format(at),
    dateTime: (at) => dateTime.format(at),
  };
}

/** Numbers, money, dates and times in the active language (never a hard-coded locale). */
export function useFormat(): Formatters {
  const { i18n: active } = useLingui();
  return useMemo(() => formattersFor(active.locale), [active.locale]);
}

/**
 * Sets `lang` and `dir` on the document to the active language (screen readers, mirroring). In a
 * layout effect, so they change with the words in the same paint: as a passive effect they came a
 * moment later, and Welsh words could be read out, or Arabic shown, under the old language's `lang`
 * and direction (a CI run caught the Welsh words with `lang` still en-GB).
 */
export function useDocumentLanguage(): void {
  const { i18n: active } = useLingui();
  useLayoutEffect(() => {
    const language = shippedLanguage(active.locale);
    document.documentElement.lang = active.locale;
    document.documentElement.dir = directionOf(language);
  }, [active.locale]);
}

/** The browser tab's title: "<screen> · Decision Day", so each screen is told apart (WCAG 2.4.2). */
export function useDocumentTitle(title: string): void {
  const t = useT();
  const app = t('app.name');
  useEffect(() => {
    document.title = title ? `${title} · ${app}` : app;
  }, [title, app]);
}
