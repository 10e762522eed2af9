/**
 * Vitest global set-up for the Node tests: builds the command line and the server (src/build.js,
 * under a second) before any test starts, so a test that runs the real `decision-day` command
 * never runs an older build than the source it sits beside.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  // Two projects (node, node-timed) name this set-up; one build serves both.
  if (process.env['DD_NODE_BUILT'] === String(process.pid)) return;
  process.env['DD_NODE_BUILT'] = String(process.pid);
  execFileSync(process.execPath, [fileURLToPath(new URL('../../src/build.js', import.meta.url))], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
