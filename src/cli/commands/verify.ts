/** `decision-day verify FILE [--expect-head HASH]`: is this tally file whole and untouched? */
import { verifyTallyFile } from '../../core/tally-file/index.ts';
import { nativeSha256 } from '../../server/store/native-sha256.ts';
import { ok } from '../../core/result.ts';
import { englishTallyFileProblem } from '../english.ts';
import { dataError, parseCommand, readInPieces, type CliOutcome } from '../io.ts';
// The usage text lives in ../usage.ts, so that `decision-day --help` loads no command.
import { VERIFY_USAGE } from '../usage.ts';

export function verify(args: readonly string[]): CliOutcome {
  const parsed = parseCommand(
    'verify',
    VERIFY_USAGE,
    args,
    { 'expect-head': { type: 'string' } },
    { min: 1, max: 1, what: 'one FILE' },
  );
  if (parsed.done) return parsed.done;
  const { values, positionals } = parsed;
  const path = positionals[0] ?? '';
  const expectHead = values['expect-head'];
  const read = readInPieces(path, (pieces) =>
    verifyTallyFile(
      pieces,
      expectHead === undefined ? { sha256: nativeSha256 } : { expectHead, sha256: nativeSha256 },
    ),
  );
  if (!read.ok) return read;
  const result = read.value;
  if (!result.ok) return dataError(`${path}: ${englishTallyFileProblem(result.error)}`);
  const { ballots, voided, withdrawn, head, eventId } = result.value;
  const voids = voided > 0 ? `, of them ${voided} voided (kept, not counted)` : '';
  const bids = withdrawn > 0 ? `; ${withdrawn} bid(s) withdrawn after voting` : '';
  return ok(
    `OK: ${path} is a whole tally file of event ${eventId} with ${ballots} ballot(s)${voids}${bids}.\n` +
      `Head: ${head.hash} (${head.records} records)\n`,
  );
}
