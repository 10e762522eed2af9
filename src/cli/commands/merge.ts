/** `decision-day merge OUT FILE…`: one tally file holding every ballot of several. */
import { mergeTallyFiles } from '../../core/tally-file/index.ts';
import { ok } from '../../core/result.ts';
import { englishTallyFileProblem } from '../english.ts';
import { dataError, parseCommand, readText, writeAtomically, type CliOutcome } from '../io.ts';
// The usage text lives in ../usage.ts, so that `decision-day --help` loads no command.
import { MERGE_USAGE } from '../usage.ts';

export async function merge(args: readonly string[]): Promise<CliOutcome> {
  const parsed = parseCommand(
    'merge',
    MERGE_USAGE,
    args,
    {},
    {
      min: 2,
      max: Infinity,
      what: 'OUT and at least one FILE',
    },
  );
  if (parsed.done) return parsed.done;
  const [out = '', ...inputs] = parsed.positionals;
  const texts: string[] = [];
  for (const path of inputs) {
    const text = await readText(path);
    if (!text.ok) return text;
    texts.push(text.value);
  }
  const merged = mergeTallyFiles(texts);
  if (!merged.ok) {
    const { file } = merged.error;
    // Name the file by its path rather than its position: that is what the person typed.
    const which = file === undefined ? '' : `${inputs[file - 1] ?? ''}: `;
    const sentence = englishTallyFileProblem({ ...merged.error, file: undefined });
    return dataError(`${which}${sentence}`);
  }
  const written = await writeAtomically(out, merged.value.text);
  if (!written.ok) return written;
  const { ballots, duplicates } = merged.value;
  return ok(
    `Merged ${inputs.length} file(s) into ${out}: ${ballots} ballot(s), ` +
      `${duplicates} duplicate(s) kept once.\n`,
  );
}
