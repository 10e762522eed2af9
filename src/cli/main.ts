/**
 * The command line: picks the command, prints its output, and turns every expected failure into
 * one line on stderr and a non-zero exit. Only a bug shows a stack trace, and only on request.
 */
import { exportFile, EXPORT_USAGE } from './commands/export.ts';
import { event, EVENT_USAGE } from './commands/event.ts';
import { merge, MERGE_USAGE } from './commands/merge.ts';
import { tally, TALLY_USAGE } from './commands/tally.ts';
import { verify, VERIFY_USAGE } from './commands/verify.ts';
import type { CliOutcome } from './io.ts';

const COMMANDS: Record<string, (args: readonly string[]) => Promise<CliOutcome>> = {
  tally,
  verify,
  merge,
  export: exportFile,
  event,
};

const USAGE = `Decision Day command line: check, merge, count and export tally files.

${TALLY_USAGE}

${VERIFY_USAGE}

${MERGE_USAGE}

${EXPORT_USAGE}

${EVENT_USAGE}

Exit status: 0 success, 1 bad or failing data, 2 wrong command line.
`;

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (name === undefined) {
    process.stderr.write('decision-day: no command given. Run "decision-day --help" for usage.\n');
    return 2;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    process.stderr.write(
      `decision-day: unknown command "${name}". Commands: ${Object.keys(COMMANDS).join(', ')}. ` +
        'Run "decision-day --help" for usage.\n',
    );
    return 2;
  }
  const outcome = await command(args);
  if (outcome.ok) {
    process.stdout.write(outcome.value);
    return 0;
  }
  process.stderr.write(`decision-day ${name}: ${outcome.error.message}\n`);
  return outcome.error.exit;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  // A bug, not bad input: still one line, with the stack only when asked for.
  const detail = process.env['DECISION_DAY_DEBUG']
    ? e instanceof Error
      ? e.stack
      : String(e)
    : String(e);
  process.stderr.write(
    `decision-day: internal error: ${detail}. Set DECISION_DAY_DEBUG=1 for details.\n`,
  );
  process.exitCode = 70;
}
