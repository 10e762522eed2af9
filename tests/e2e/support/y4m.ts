/**
 * A video for Chromium's fake camera (`--use-file-for-fake-video-capture=FILE.y4m`) showing QR
 * codes: each frame's codes drawn from the `qrcode` package's modules (as the station's AnimatedQr
 * draws them, error correction L) into the grey (Y) plane of a YUV 4:2:0 frame, colour planes flat
 * (128). Written as it is made, so a long transfer does not sit in memory. Chromium plays the file
 * in a loop at the header's frame rate.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import QRCode from 'qrcode';
import { seededRandom } from '../../support/seeded-random.ts';

export interface VideoSize {
  width: number;
  height: number;
  /** Frames a second the fake camera plays. */
  fps: number;
}

/** White paper, black modules: a camera's picture of a lit screen is never quite 0 and 255. */
const WHITE = 235;
const BLACK = 20;
/** Quiet zone around each code, in modules (the QR standard asks for 4). */
const QUIET = 4;

/** One video frame's grey plane with the given codes side by side (two stations in view). */
export function drawCodes(texts: readonly string[], size: VideoSize): Uint8Array {
  const { width, height } = size;
  const plane = new Uint8Array(width * height).fill(WHITE);
  const slot = Math.floor(width / Math.max(1, texts.length));
  texts.forEach((text, i) => {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'L' });
    const n = modules.size;
    const scale = Math.floor(Math.min(slot, height) / (n + 2 * QUIET));
    if (scale < 1) throw new Error(`A ${n}-module code does not fit a ${slot}×${height} slot`);
    const left = i * slot + Math.floor((slot - n * scale) / 2);
    const top = Math.floor((height - n * scale) / 2);
    for (let row = 0; row < n; row++) {
      for (let col = 0; col < n; col++) {
        if (modules.get(row, col) === 0) continue;
        for (let y = 0; y < scale; y++) {
          const start = (top + row * scale + y) * width + left + col * scale;
          plane.fill(BLACK, start, start + scale);
        }
      }
    }
  });
  return plane;
}

export class Y4mWriter {
  private readonly fd: number;
  private readonly chroma: Uint8Array;
  frames = 0;

  constructor(
    readonly path: string,
    readonly size: VideoSize,
  ) {
    this.fd = openSync(path, 'w');
    const { width, height, fps } = size;
    if (width % 2 !== 0 || height % 2 !== 0) throw new Error('4:2:0 needs even sides');
    writeSync(this.fd, `YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`);
    this.chroma = new Uint8Array((width / 2) * (height / 2) * 2).fill(128);
  }

  /** Adds the grey plane as `repeat` video frames (a frame the camera sees for a while). */
  add(plane: Uint8Array, repeat = 1): void {
    for (let i = 0; i < repeat; i++) {
      writeSync(this.fd, 'FRAME\n');
      writeSync(this.fd, plane);
      writeSync(this.fd, this.chroma);
      this.frames += 1;
    }
  }

  close(): void {
    closeSync(this.fd);
  }
}

export interface FramesToVideo {
  /** Each stream is one station's frames (its sender's nextFrame); all are shown side by side. */
  streams: (() => string)[];
  /** How many station frames (per stream) to write. */
  count: number;
  /** Share of station frames the camera misses (dropped from the video), e.g. 0.25. */
  drop: number;
  seed: number;
}

/**
 * Writes the stations' frames into the video: a quarter (say) dropped at random, each kept one
 * held for 2 or 3 video frames, as a camera filming a screen at a little under three times the
 * screen's frame rate sees it.
 */
export function writeQrVideo(path: string, size: VideoSize, input: FramesToVideo): Y4mWriter {
  const random = seededRandom(input.seed);
  const video = new Y4mWriter(path, size);
  let kept = 0;
  for (let i = 0; i < input.count; i++) {
    const texts = input.streams.map((next) => next());
    if (random() < input.drop) continue;
    video.add(drawCodes(texts, size), random() < 0.5 ? 2 : 3);
    kept += 1;
  }
  if (kept === 0) throw new Error('Every frame was dropped');
  video.close();
  return video;
}
