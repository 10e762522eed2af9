/**
 * One read of a .pb file, as `decision-day tally FILE.pb` reads it: the file's bytes from disk,
 * read by readPabulib, once, in a fresh process (cold: nothing compiled or warmed up yet).
 * Prints the file's size and the time taken, wall and CPU, as JSON. cli.bench.ts runs it.
 * `node --import tsx tests/bench/pb-read-once.ts FILE`
 */
import { readBytes } from '../../src/cli/io.ts';
import { readPabulib } from '../../src/core/pabulib/index.ts';

const path = process.argv[2] ?? '';
const cpuMs = () => {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
};
const cpu = cpuMs();
const start = performance.now();
const bytes = await readBytes(path);
if (!bytes.ok) throw new Error(bytes.error.message);
const read = readPabulib(bytes.value);
if (!read.ok) throw new Error(`${path}: ${read.error.code}`);
const wallMs = performance.now() - start;
console.log(JSON.stringify({ bytes: bytes.value.length, wallMs, cpuMs: cpuMs() - cpu }));
