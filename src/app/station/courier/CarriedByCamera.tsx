/**
 * A courier passes a carried transfer on by camera (to the organiser's "Receive ballots by
 * camera", or to another courier): the other station's tally file exactly as received, as a moving
 * code of kind 'ballots', so the receiver checks that station's own hash chain. The transfer
 * code loads only when a volunteer asks for the code.
 */
import { useState } from 'react';
import type { CarriedRow } from '../../../db/carried-repo.ts';
import type { Sender } from '../../../sync/transfer/index.ts';
import { withCameraWords } from '../../i18n/camera-part.ts';
import { useFormat, useT } from '../../i18n/react.tsx';
import { AnimatedQr } from '../../shared/transfer/AnimatedQr.tsx';

export function CarriedByCamera({ row }: { row: CarriedRow }) {
  const t = useT();
  const f = useFormat();
  const [sender, setSender] = useState<Sender | null>(null);
  const [failed, setFailed] = useState(false);
  const count = f.number(row.ballots);

  const show = async () => {
    try {
      // The moving code's words (the camera part) load beside the transfer code.
      const { createSender } = await withCameraWords(import('../../../sync/transfer/index.ts'));
      setSender(
        await createSender({
          kind: 'ballots',
          eventId: row.eventId,
          text: row.text,
          ballots: row.ballots,
        }),
      );
    } catch (cause) {
      console.error('A carried transfer could not be made into a moving code', cause);
      setFailed(true);
    }
  };

  if (sender !== null) {
    return (
      <div>
        <AnimatedQr sender={sender} label={t('station.courier.camera-send.label', { count })} />
        <div className="actions">
          <button type="button" className="button secondary" onClick={() => setSender(null)}>
            {t('station.courier.camera-send.hide')}
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="actions">
      <button type="button" className="button secondary" onClick={() => void show()}>
        {t('station.courier.camera-send.show', { count })}
      </button>
      {failed && (
        <p role="alert" className="notice">
          {t('station.courier.camera-send.failed')}
        </p>
      )}
    </div>
  );
}
