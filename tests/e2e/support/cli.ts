/**
 * The `decision-day` command line as an organiser runs it on a copy of the central tally file:
 * the independent check the browser's results are compared with.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function decisionDay(args: readonly string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['src/cli/decision-day.js', ...args],
      { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Per pot, as `decision-day tally --json` prints it (amounts in pounds). */
export interface CliPot {
  id: string;
  name: string;
  selected: string[];
  spent: number;
}

export interface CliTally {
  ballots: number;
  rule: string;
  pots: CliPot[];
}

/** `decision-day tally FILE --json`, failing the caller's test with the CLI's own message. */
export async function cliTally(file: string): Promise<CliTally> {
  const run = await decisionDay(['tally', file, '--json']);
  if (run.code !== 0) throw new Error(`decision-day tally failed (${run.code}): ${run.stderr}`);
  return JSON.parse(run.stdout) as CliTally;
}
