import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ackText, readAck, type TransferAck } from '../../../src/sync/transfer/index.ts';

describe('transfer acknowledgement', () => {
  it('reads back what it wrote', () => {
    fc.assert(
      fc.property(
        fc.record({
          eventId: fc.string({ minLength: 1, maxLength: 60 }),
          transferId: fc.stringMatching(/^[0-9a-z]{1,20}$/),
          stored: fc.nat(),
          alreadyHad: fc.nat(),
        }),
        (ack: TransferAck) => {
          expect(readAck(ackText(ack))).toEqual({ ok: true, value: ack });
          expect(readAck(ackText(ack), ack.eventId)).toEqual({ ok: true, value: ack });
        },
      ),
    );
  });

  it('stays short enough for a small, easily read QR code', () => {
    const text = ackText({
      eventId: 'burnfoot-2026-demo',
      transferId: 'be9cd6c961jpr',
      stored: 1000,
      alreadyHad: 0,
    });
    expect(text.length).toBeLessThan(80);
  });

  it('is refused for another event', () => {
    const text = ackText({ eventId: 'a', transferId: 'b1', stored: 1, alreadyHad: 0 });
    expect(readAck(text, 'other')).toEqual({
      ok: false,
      error: { code: 'other-event', params: { expected: 'other', event: 'a' } },
    });
  });

  it('rubbish is not an acknowledgement', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(readAck(text)).toEqual({ ok: false, error: { code: 'not-an-ack', params: {} } });
      }),
    );
    for (const text of [
      'DDACK1:',
      'DDACK1:{',
      'DDACK1:null',
      'DDACK1:{"e":"a","t":"b","s":-1,"a":0}',
      'DDACK1:{"e":"","t":"b","s":1,"a":0}',
      'DDACK1:{"e":"a","t":"B!","s":1,"a":0}',
      'DDACK1:{"e":"a","t":"b","s":1.5,"a":0}',
      'UR:DD1-B-00000000/1-2/LPAD',
    ]) {
      expect(readAck(text).ok, text).toBe(false);
    }
  });
});
