// Runs the real `decision-day` command in a child process, as a user's shell would: the bin runs
// the built CLI in .build/node/, which the Node tests' global set-up builds first
// (tests/support/build-node.ts).
import { execFile } from 'node:child_process';
import { join } from 'node:path';

const CLI = join(import.meta.dirname, '../../src/cli/decision-day.js');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function run(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}
