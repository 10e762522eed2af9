/** `decision-day store copy --from SOURCE --to TARGET`: being built. */
import { usageError, type CliOutcome } from '../io.ts';

export function storeCopy(_args: readonly string[]): Promise<CliOutcome> {
  return Promise.resolve(usageError('store copy is not built yet.'));
}
