/**
 * A ballot's hour as people read it: "13 June 2026, 14:00–15:00" in the organiser's language (the
 * hour each ballot carries, `2026-06-13T14:00Z`). Used by the Stations screen's turnout and the
 * inclusion report.
 */
import { useFormat, useT } from '../../i18n/react.tsx';

export function useHourLabel(): (hour: string) => string {
  const t = useT();
  const f = useFormat();
  return (hour: string) => {
    const start = new Date(hour.replace('Z', ':00Z'));
    return t('organiser.closing.turnout.hour', {
      day: f.date(hour.slice(0, 10)),
      from: f.time(start),
      to: f.time(new Date(start.getTime() + 3_600_000)),
    });
  };
}
