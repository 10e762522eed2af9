import { useEffect } from 'react';
import { useServices } from '../shared/services.tsx';
import { Screen } from '../shared/Screen.tsx';
import { useSession } from '../shared/session-context.ts';

/** Shown only after the ballot is stored; returns to the start by itself for the next voter. */
export function ThanksScreen() {
  const { timings } = useServices();
  const backToWelcome = useSession((s) => s.backToWelcome);
  useEffect(() => {
    const timer = setTimeout(backToWelcome, timings.thanksMs);
    return () => clearTimeout(timer);
  }, [backToWelcome, timings.thanksMs]);
  return (
    <Screen title="Thank you. Your vote has been saved." className="thanks">
      <p className="lead">The screen will go back to the start in a few seconds.</p>
      <div className="actions">
        <button type="button" className="button primary" onClick={backToWelcome}>
          Finish
        </button>
      </div>
    </Screen>
  );
}
