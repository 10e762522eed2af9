import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createSender,
  Receiver,
  type ReceiveUpdate,
  type Sender,
} from '../../../src/sync/transfer/index.ts';
import { seeded, stationExport } from './fixture.ts';

/** Feeds frames, dropping `loss` of them, until the receiver settles; returns the answer and frames shown. */
async function transfer(
  sender: Sender,
  receiver: Receiver,
  options: { loss: number; seed: number; skip?: number; maxFrames?: number },
): Promise<{ update: ReceiveUpdate; shown: number }> {
  const random = seeded(options.seed);
  for (let i = 0; i < (options.skip ?? 0); i++) sender.nextFrame();
  for (let shown = 1; shown <= (options.maxFrames ?? 5000); shown++) {
    const frame = sender.nextFrame();
    if (random() < options.loss) continue;
    const update = receiver.receive(frame);
    if (update.type === 'done' || update.type === 'refused') return { update, shown };
    if (update.type === 'progress' && update.fraction === 1) {
      await receiver.settled();
      return { update: receiver.receive(sender.nextFrame()), shown };
    }
  }
  throw new Error('the transfer never finished');
}

describe('camera transfer: encode → lose frames → decode', () => {
  const content = stationExport(80);

  it('gives back the identical text with 25% of frames lost (several seeds), from any start', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer(), fc.integer({ min: 0, max: 500 }), async (seed, skip) => {
        const sender = await createSender(content, { fragmentBytes: 200 });
        const receiver = new Receiver({ kind: 'ballots', eventId: content.eventId });
        const { update } = await transfer(sender, receiver, { loss: 0.25, seed, skip });
        expect(update.type).toBe('done');
        if (update.type !== 'done') return;
        expect(update.transferId).toBe(sender.transferId);
        expect(update.content).toEqual(content);
      }),
      { numRuns: 6 },
    );
  }, 120_000);
});
