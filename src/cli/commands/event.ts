/** `decision-day event import|check …`: the organiser's event commands, one file each. */
import { ok } from '../../core/result.ts';
import { usageError, type CliOutcome } from '../io.ts';
import { eventCheck } from './event-check.ts';
import { eventImport } from './event-import.ts';
// The usage text lives in ../usage.ts, so that `decision-day --help` loads no command.
import { EVENT_USAGE } from '../usage.ts';

const SUBCOMMANDS: Record<string, (args: readonly string[]) => Promise<CliOutcome>> = {
  import: eventImport,
  check: eventCheck,
};

export async function event(args: readonly string[]): Promise<CliOutcome> {
  const [name, ...rest] = args;
  if (name === '--help' || name === '-h') return ok(`${EVENT_USAGE}\n`);
  const command = name === undefined ? undefined : SUBCOMMANDS[name];
  if (command === undefined) {
    return usageError(
      `event needs one of: ${Object.keys(SUBCOMMANDS).join(', ')}. Run "decision-day event --help" for usage.`,
    );
  }
  return command(rest);
}
