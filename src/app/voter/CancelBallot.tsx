/** "Cancel my vote", on every step of a ballot; asks first, since a slip would lose the choices. */
import { useState } from 'react';
import { useT } from '../i18n/react.tsx';
import { ConfirmDialog } from '../shared/ConfirmDialog.tsx';
import { useSession } from '../shared/session-context.ts';

export function CancelBallot() {
  const t = useT();
  const [asking, setAsking] = useState(false);
  const backToWelcome = useSession((s) => s.backToWelcome);
  return (
    <>
      <button type="button" className="button quiet" onClick={() => setAsking(true)}>
        {t('voter.cancel.button')}
      </button>
      {asking && (
        <ConfirmDialog
          title={t('voter.cancel.title')}
          keepLabel={t('voter.cancel.keep')}
          confirmLabel={t('voter.cancel.confirm')}
          onKeep={() => setAsking(false)}
          onConfirm={backToWelcome}
        >
          <p>{t('voter.cancel.body')}</p>
        </ConfirmDialog>
      )}
    </>
  );
}
