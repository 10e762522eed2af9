/**
 * The command line: picks the command, prints its output, and turns every expected failure into
 * one line on stderr and a non-zero exit. Only a bug shows a stack trace, and only on request.
 */
import { printErr, printOut, type CliOutcome } from './io.ts';
import { USAGE } from './usage.ts';

/** `verify` reads its file synchronously, a piece at a time (io.ts, readInPieces). */
type Command = (args: readonly string[]) => CliOutcome | Promise<CliOutcome>;

/**
 * Each command is loaded only when it is run: `--help` then loads none of them (nor zod,
 * papaparse or the spreadsheet reader), and a command loads only what it needs. The built CLI
 * (src/build.js) splits them into chunks along these imports.
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  tally: async () => (await import('./commands/tally.ts')).tally,
  verify: async () => (await import('./commands/verify.ts')).verify,
  merge: async () => (await import('./commands/merge.ts')).merge,
  export: async () => (await import('./commands/export.ts')).exportFile,
  event: async () => (await import('./commands/event.ts')).event,
  store: async () => (await import('./commands/store.ts')).store,
};

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    printOut(USAGE);
    return 0;
  }
  if (name === undefined) {
    printErr('decision-day: no command given. Run "decision-day --help" for usage.\n');
    return 2;
  }
  const load = COMMANDS[name];
  if (load === undefined) {
    printErr(
      `decision-day: unknown command "${name}". Commands: ${Object.keys(COMMANDS).join(', ')}. ` +
        'Run "decision-day --help" for usage.\n',
    );
    return 2;
  }
  const command = await load();
  const outcome = await command(args);
  if (outcome.ok) {
    printOut(outcome.value);
    return 0;
  }
  printErr(`decision-day ${name}: ${outcome.error.message}\n`);
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
  printErr(`decision-day: internal error: ${detail}. Set DECISION_DAY_DEBUG=1 for details.\n`);
  process.exitCode = 70;
}
