/** Several stations in view, repeats, interruptions: frames kept apart, nothing done twice. */
import { describe, expect, it } from 'vitest';
import { createSender, Receiver, type ReceiveUpdate } from '../../../src/sync/transfer/index.ts';
import { seeded, stationExport } from './fixture.ts';

describe('camera transfer: several streams', () => {
  const a = stationExport(40, 1);
  const b = stationExport(60, 2);

  it('two stations shown at once (frames interleaved, some lost) both finish, kept apart', async () => {
    const [sa, sb] = await Promise.all([
      createSender(a, { fragmentBytes: 150 }),
      createSender(b, { fragmentBytes: 150 }),
    ]);
    expect(sa.transferId).not.toBe(sb.transferId);
    const done: Extract<ReceiveUpdate, { type: 'done' }>[] = [];
    const receiver = new Receiver({
      kind: 'ballots',
      eventId: a.eventId,
      onSettled: (u) => {
        if (u.type === 'done') done.push(u);
      },
    });
    const random = seeded(7);
    const seen = new Set<string>();
    for (let i = 0; i < 2000 && done.length < 2; i++) {
      for (const sender of [sa, sb]) {
        const frame = sender.nextFrame();
        if (random() < 0.25) continue;
        const update = receiver.receive(frame);
        if (update.type === 'progress') {
          seen.add(update.transferId);
          expect(update.ballots).toBe(sender === sa ? 40 : 60);
          expect(update.receivedBallots).toBeLessThanOrEqual(update.ballots ?? 0);
        }
      }
      await receiver.settled();
    }
    expect(seen).toEqual(new Set([sa.transferId, sb.transferId]));
    const byId = new Map(done.map((u) => [u.transferId, u.content]));
    expect(done).toHaveLength(2);
    expect(byId.get(sa.transferId)).toEqual(a);
    expect(byId.get(sb.transferId)).toEqual(b);
  });

  it('a transfer shown again after it is done is ignored, never done twice', async () => {
    const sender = await createSender(a, { fragmentBytes: 150 });
    const receiver = new Receiver({ kind: 'ballots', eventId: a.eventId });
    const updates: ReceiveUpdate['type'][] = [];
    for (let i = 0; i < 300; i++) {
      updates.push(receiver.receive(sender.nextFrame()).type);
      await receiver.settled();
    }
    expect(updates.filter((t) => t === 'done')).toHaveLength(1);
    const afterDone = updates.slice(updates.indexOf('done') + 1);
    expect(afterDone.length).toBeGreaterThan(100);
    expect(new Set(afterDone)).toEqual(new Set(['ignored']));
    // The same content from a new sender (the station shows it again): the same transfer.
    const again = await createSender(a, { fragmentBytes: 150 });
    expect(again.transferId).toBe(sender.transferId);
    for (let i = 0; i < 100; i++) expect(receiver.receive(again.nextFrame()).type).toBe('ignored');
  });

  it('a transfer interrupted halfway resumes where it was: what came before the gap still counts', async () => {
    const sender = await createSender(b, { fragmentBytes: 150 });
    const receiver = new Receiver({ kind: 'ballots', eventId: b.eventId });
    const frames = Array.from({ length: 400 }, () => sender.nextFrame());
    let last: ReceiveUpdate = { type: 'ignored' };
    const half = Math.floor(sender.parts / 2);
    for (const frame of frames.slice(0, half)) last = receiver.receive(frame);
    expect(last.type === 'progress' && last.fraction).toBeGreaterThan(0.4);
    // The camera looks away: 100 frames are missed, then it looks again.
    const framesUntilEnd = (r: Receiver) => {
      let used = 0;
      for (const frame of frames.slice(half + 100)) {
        used += 1;
        const update = r.receive(frame);
        if (update.type === 'progress' && update.fraction === 1) return used;
      }
      throw new Error('never finished');
    };
    const resumed = framesUntilEnd(receiver);
    // What was taken in before the gap counts: a receiver starting afresh there needs more.
    const fresh = framesUntilEnd(new Receiver({ kind: 'ballots', eventId: b.eventId }));
    expect(resumed).toBeLessThan(fresh);
    await receiver.settled();
    const done = receiver.receive('not a frame');
    expect(done.type === 'done' && done.content).toEqual(b);
  });

  it('the same frame read again (the camera reads each frame several times) is ignored', async () => {
    const sender = await createSender(b, { fragmentBytes: 150 });
    const receiver = new Receiver({ kind: 'ballots', eventId: b.eventId });
    const frame = sender.nextFrame();
    expect(receiver.receive(frame).type).toBe('progress');
    expect(receiver.receive(frame)).toEqual({ type: 'ignored' });
    expect(receiver.receive(frame.toLowerCase())).toEqual({ type: 'ignored' });
    expect(receiver.receive(sender.nextFrame()).type).toBe('progress');
  });

  it('text that is not one of our frames is ignored', () => {
    const receiver = new Receiver({ kind: 'ballots' });
    for (const text of [
      '',
      'hello',
      'https://example.org',
      'UR:BYTES/1-3/LPADAX',
      'ur:dd1-b-zz/x',
    ]) {
      expect(receiver.receive(text)).toEqual({ type: 'ignored' });
    }
  });
});
