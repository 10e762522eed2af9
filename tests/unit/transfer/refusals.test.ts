/** Another event, the wrong kind, tampering, too much: refused or ignored, never a wrong 'done'. */
import Bytewords from '@ngraveio/bc-ur/dist/bytewords.js';
import { FountainEncoderPart } from '@ngraveio/bc-ur/dist/fountainEncoder.js';
import { describe, expect, it } from 'vitest';
import {
  createSender,
  prepareSender,
  Receiver,
  type ReceiveUpdate,
  type TransferContent,
} from '../../../src/sync/transfer/index.ts';
import { stationExport } from './fixture.ts';

const content = stationExport(30);

/** Shows every frame until the receiver settles (or `max` frames). */
async function run(receiver: Receiver, frames: () => string, max = 400): Promise<ReceiveUpdate[]> {
  const updates: ReceiveUpdate[] = [];
  for (let i = 0; i < max; i++) {
    const update = receiver.receive(frames());
    updates.push(update);
    if (update.type === 'progress' && update.fraction === 1) {
      await receiver.settled();
      updates.push(receiver.receive(frames()));
      break;
    }
  }
  return updates;
}

describe('camera transfer: refusals', () => {
  it("another event's transfer is refused from its very first frame", async () => {
    const sender = await createSender(content, { fragmentBytes: 100 });
    const receiver = new Receiver({ kind: 'ballots', eventId: 'another-event' });
    expect(receiver.receive(sender.nextFrame())).toEqual({
      type: 'refused',
      problem: { code: 'other-event', params: { expected: 'another-event' } },
    });
  });

  it('the wrong kind is refused from the first frame', async () => {
    const sender = await createSender(content, { fragmentBytes: 100 });
    const receiver = new Receiver({ kind: 'event', eventId: content.eventId });
    const update = receiver.receive(sender.nextFrame());
    expect(update).toEqual({
      type: 'refused',
      problem: { code: 'wrong-kind', params: { expected: 'event', actual: 'ballots' } },
    });
  });

  it('another version of the format is refused', async () => {
    const sender = await createSender(content, { fragmentBytes: 100 });
    const frame = sender.nextFrame().replace('UR:DD1-', 'UR:DD2-');
    const update = new Receiver({ kind: 'ballots' }).receive(frame);
    expect(update.type === 'refused' && update.problem.code).toBe('version');
  });

  it('a frame with a changed letter fails its checksum and is ignored; the transfer still ends right', async () => {
    const sender = await createSender(content, { fragmentBytes: 100 });
    const receiver = new Receiver({ kind: 'ballots', eventId: content.eventId });
    let n = 0;
    const updates = await run(receiver, () => {
      const frame = sender.nextFrame();
      n += 1;
      if (n % 3 !== 0) return frame;
      // Change one byteword letter in the body (a smudge, or someone's edit).
      const at = frame.length - 12;
      const letter = frame[at] === 'A' ? 'E' : 'A';
      return frame.slice(0, at) + letter + frame.slice(at + 1);
    });
    const types = updates.map((u) => u.type);
    expect(types.filter((t) => t === 'ignored').length).toBeGreaterThan(5);
    const done = updates.at(-1);
    expect(done?.type === 'done' && done.content).toEqual(content);
  });

  it('a forged frame with a correct frame checksum but changed data never gives a wrong done', async () => {
    const sender = await createSender(content, { fragmentBytes: 100 });
    const receiver = new Receiver({ kind: 'ballots', eventId: content.eventId });
    let n = 0;
    const updates = await run(receiver, () => {
      const frame = sender.nextFrame().toLowerCase();
      n += 1;
      if (n !== 2) return frame;
      const [head, seq, body] = frame.split('/') as [string, string, string];
      const part = FountainEncoderPart.fromCBOR(Bytewords.decode(body, Bytewords.STYLES.MINIMAL));
      const forged = Buffer.from(part.fragment);
      forged[5] = (forged[5] ?? 0) ^ 0xff;
      const cbor = new FountainEncoderPart(
        part.seqNum,
        part.seqLength,
        part.messageLength,
        part.checksum,
        forged,
      ).cbor();
      return `${head}/${seq}/${Bytewords.encode(cbor.toString('hex'), Bytewords.STYLES.MINIMAL)}`;
    });
    const last = updates.at(-1);
    expect(last?.type).toBe('refused');
    expect(updates.some((u) => u.type === 'done')).toBe(false);
  });

  it('content whose tally file chain is broken is refused at the end, not done', async () => {
    const broken: TransferContent = {
      ...content,
      // A ballot's hour changed after the file was written: its line's hash no longer fits.
      text: content.text.replace(/"castHour":"2026-06-13T(\d\d)/, '"castHour":"2026-06-13T08'),
    };
    expect(broken.text).not.toBe(content.text);
    const sender = await createSender(broken, { fragmentBytes: 100 });
    const receiver = new Receiver({ kind: 'ballots', eventId: content.eventId });
    const updates = await run(receiver, () => sender.nextFrame());
    const last = updates.at(-1);
    expect(last?.type === 'refused' && last.problem.code).toBe('damaged');
    expect(last?.type === 'refused' && last.problem.params).toEqual({ part: 'tally-file' });
    expect(last?.type === 'refused' && last.problem.cause?.code).toBe('broken-chain');
  });

  it('a ballot count that differs from the file is refused', async () => {
    const sender = await createSender({ ...content, ballots: 31 }, { fragmentBytes: 100 });
    const receiver = new Receiver({ kind: 'ballots', eventId: content.eventId });
    const last = (await run(receiver, () => sender.nextFrame())).at(-1);
    expect(last?.type === 'refused' && last.problem.code).toBe('damaged');
  });

  it('content too large for a camera is refused by the sender', async () => {
    // Random text barely compresses: 900 KiB of it is more than a transfer carries.
    let x = 1;
    const noise = Array.from({ length: 900 * 1024 }, () => {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      return String.fromCharCode(33 + ((x >>> 24) % 90));
    }).join('');
    const prepared = await prepareSender({ kind: 'event', eventId: 'e1', text: noise });
    expect(prepared.ok).toBe(false);
    expect(!prepared.ok && prepared.error).toEqual({
      code: 'too-large',
      params: { maxKilobytes: 512 },
    });
    await expect(createSender({ kind: 'event', eventId: 'e1', text: noise })).rejects.toThrow();
  });

  it('a frame announcing a message larger than the limit is refused from that frame', async () => {
    const sender = await createSender(content, { fragmentBytes: 100 });
    const frame = sender.nextFrame().toLowerCase();
    const [head, seq, body] = frame.split('/') as [string, string, string];
    const part = FountainEncoderPart.fromCBOR(Bytewords.decode(body, Bytewords.STYLES.MINIMAL));
    const cbor = new FountainEncoderPart(
      part.seqNum,
      part.seqLength,
      10 * 1024 * 1024,
      part.checksum,
      part.fragment,
    ).cbor();
    const huge = `${head}/${seq}/${Bytewords.encode(cbor.toString('hex'), Bytewords.STYLES.MINIMAL)}`;
    const update = new Receiver({ kind: 'ballots' }).receive(huge);
    expect(update.type === 'refused' && update.problem.code).toBe('too-large');
  });

  it('an event package travels too (kind event, no ballot count)', async () => {
    const pkg: TransferContent = { kind: 'event', eventId: 'e1', text: '{"package":true}' };
    const sender = await createSender(pkg);
    expect(sender.parts).toBe(1);
    const receiver = new Receiver({ kind: 'event', eventId: 'e1' });
    const last = (await run(receiver, () => sender.nextFrame())).at(-1);
    expect(last?.type === 'done' && last.content).toEqual(pkg);
  });
});
