/**
 * Ballots by camera (issue 13): a real station export of 1,000 ballots (random ids, as stations
 * make them) through the transfer codec. Reports the compressed size, characters and QR version of
 * a frame, CPU to encode and to decode, and the frames a receiver needs with 25% of frames lost
 * (median and worst over 9 seeds), in seconds at the station's frame rate. Goal: ≤ 60 s.
 * Run: npx tsx tests/bench/run.ts transfer
 */
import { loadavg } from 'node:os';
import QRCode from 'qrcode';
import {
  createSender,
  DEFAULT_FPS,
  DEFAULT_FRAGMENT_BYTES,
  Receiver,
} from '../../src/sync/transfer/index.ts';
import { seeded, stationExport } from '../unit/transfer/fixture.ts';

const BALLOTS = 1000;
const LOSS = 0.25;
const SEEDS = 9;

const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on this machine`,
);
const content = stationExport(BALLOTS);
const textBytes = new TextEncoder().encode(content.text).length;

const encodeCpu: number[] = [];
let sender = await createSender(content);
for (let i = 0; i < 5; i++) {
  const since = process.cpuUsage();
  sender = await createSender(content);
  encodeCpu.push(cpuMs(since));
}
const frame = sender.nextFrame();
const qr = QRCode.create(frame, { errorCorrectionLevel: 'L' });

const frames: number[] = [];
const decodeCpu: number[] = [];
for (let seed = 1; seed <= SEEDS; seed++) {
  const s = await createSender(content);
  const random = seeded(seed);
  const receiver = new Receiver({ kind: 'ballots', eventId: content.eventId });
  const since = process.cpuUsage();
  let shown = 0;
  for (;;) {
    const text = s.nextFrame();
    shown += 1;
    if (random() < LOSS) continue;
    const update = receiver.receive(text);
    if (update.type === 'refused') throw new Error(`refused: ${update.problem.code}`);
    if (update.type === 'progress' && update.fraction === 1) break;
  }
  await receiver.settled();
  const done = receiver.receive('');
  decodeCpu.push(cpuMs(since));
  if (done.type !== 'done' || done.content.text !== content.text) {
    throw new Error('the transfer did not give back the same text');
  }
  frames.push(shown);
}

const seconds = (n: number) => n / DEFAULT_FPS;
console.log(
  `${BALLOTS} ballots: tally file ${(textBytes / 1024).toFixed(0)} KB, ` +
    `${sender.parts} fragments of ≤ ${DEFAULT_FRAGMENT_BYTES} bytes ` +
    `(≈ ${(textBytes / sender.parts / 1024).toFixed(2)} KB of file per frame)`,
);
console.log(
  `frame: ${frame.length} characters, QR version ${qr.version} at error correction L ` +
    `(${qr.modules.size} modules a side), ${DEFAULT_FPS} frames/s`,
);
console.log(
  `encode: median ${median(encodeCpu).toFixed(0)} ms cpu; ` +
    `decode (every frame read, then the whole check): median ${median(decodeCpu).toFixed(0)} ms cpu`,
);
console.log(
  `frames shown with ${LOSS * 100}% lost: median ${median(frames)}, worst ${Math.max(...frames)} ` +
    `of ${SEEDS} seeds = ${seconds(median(frames)).toFixed(1)} s median, ` +
    `${seconds(Math.max(...frames)).toFixed(1)} s worst at ${DEFAULT_FPS} frames/s ` +
    `(${(BALLOTS / seconds(median(frames))).toFixed(0)} ballots/s; target ≤ 60 s)`,
);
