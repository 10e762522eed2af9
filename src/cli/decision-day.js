#!/usr/bin/env node
// The `decision-day` command. It runs the built JavaScript in .build/node/ (src/build.js), which
// starts far faster than compiling the TypeScript on the fly. `npm ci`, `npm run build` and the
// tests build it; if it is missing (say, after deleting .build/), it is built here first, once.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../../.build/node/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write('decision-day: building the command line first (npm run build:node)…\n');
  try {
    const { buildNode } = await import('../build.js');
    await buildNode();
  } catch (e) {
    process.stderr.write(
      `decision-day: could not build the command line (${String(e)}). Run "npm ci" in ${fileURLToPath(new URL('../..', import.meta.url))}.\n`,
    );
    process.exit(70);
  }
}
await import(cli.href);
