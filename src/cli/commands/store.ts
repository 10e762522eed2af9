/**
 * `decision-day store backup|copy …`: the storage's own commands (issue 12). Each subcommand is
 * loaded only when run: `store backup` never loads the PostgreSQL client.
 */
import { ok } from '../../core/result.ts';
import { usageError, type CliOutcome } from '../io.ts';
// The usage text lives in ../usage.ts, so that `decision-day --help` loads no command.
import { STORE_USAGE } from '../usage.ts';

const SUBCOMMANDS: Record<string, (args: readonly string[]) => Promise<CliOutcome>> = {
  backup: async (args) => (await import('./store-backup.ts')).storeBackup(args),
  copy: async (args) => (await import('./store-copy.ts')).storeCopy(args),
};

export async function store(args: readonly string[]): Promise<CliOutcome> {
  const [name, ...rest] = args;
  if (name === '--help' || name === '-h') return ok(`${STORE_USAGE}\n`);
  const command = name === undefined ? undefined : SUBCOMMANDS[name];
  if (command === undefined) {
    return usageError(
      `store needs one of: ${Object.keys(SUBCOMMANDS).join(', ')}. Run "decision-day store --help" for usage.`,
    );
  }
  return command(rest);
}
