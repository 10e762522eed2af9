/** `decision-day export FILE --format csv|ballots-csv|pb [--out PATH]`: files for other tools. */
import { randomInt } from 'node:crypto';
import { ballotsCsv, resultsCsv } from '../../core/export/index.ts';
import { writePabulibFiles } from '../../core/pabulib/index.ts';
import { ok, type Result } from '../../core/result.ts';
import { tally } from '../../core/tally/index.ts';
import { englishExclusion, englishList } from '../english.ts';
import {
  parseCommand,
  usageError,
  writeAtomically,
  type CliFailure,
  type CliOutcome,
} from '../io.ts';
import { loadBallots, type LoadedBallots } from '../load.ts';
import { ruleOption } from './tally.ts';
// The usage text lives in ../usage.ts, so that `decision-day --help` loads no command.
import { EXPORT_USAGE } from '../usage.ts';

const FORMATS = ['csv', 'ballots-csv', 'pb'] as const;
type Format = (typeof FORMATS)[number];
const isFormat = (value: string): value is Format => (FORMATS as readonly string[]).includes(value);

/** A shuffle no one can predict or replay: the order must not be matched to voting order. */
const secureRandom = () => randomInt(2 ** 47) / 2 ** 47;

/** The files an export makes: one, named by --out, except a sectioned ballot's Pabulib files. */
interface Rendered {
  suffix: string;
  text: string;
}

function render(
  format: Format,
  { event, ballots: counted, seed, withdrawn }: LoadedBallots,
  rule: LoadedBallots['event']['rule'] | undefined,
): Rendered[] {
  // Bids withdrawn after voting are funded by no pot, in every format.
  const ballots = counted();
  const result = () =>
    tally(event, ballots, { seed, withdrawn, ...(rule !== undefined && { rule }) });
  switch (format) {
    case 'csv':
      return [{ suffix: '', text: `${resultsCsv(event, result(), englishExclusion)}\r\n` }];
    case 'ballots-csv':
      return [{ suffix: '', text: `${ballotsCsv(event, ballots, secureRandom)}\r\n` }];
    case 'pb': {
      const { selected, pots } = result();
      return writePabulibFiles(event, ballots, { selected, pots });
    }
  }
}

/** "out.pb" and "-pot-main-section-vote" → "out-pot-main-section-vote.pb". */
const pathWith = (out: string, suffix: string) =>
  suffix === '' ? out : `${out.replace(/\.pb$/i, '')}${suffix}.pb`;

async function writeAll(out: string, files: Rendered[]): Promise<Result<string[], CliFailure>> {
  const paths: string[] = [];
  for (const file of files) {
    const path = pathWith(out, file.suffix);
    const written = await writeAtomically(path, file.text);
    if (!written.ok) return written;
    paths.push(path);
  }
  return ok(paths);
}

export async function exportFile(args: readonly string[]): Promise<CliOutcome> {
  const parsed = parseCommand(
    'export',
    EXPORT_USAGE,
    args,
    { format: { type: 'string' }, rule: { type: 'string' }, out: { type: 'string' } },
    { min: 1, max: 1, what: 'one FILE' },
  );
  if (parsed.done) return parsed.done;
  const { values, positionals } = parsed;
  const path = positionals[0] ?? '';
  const format = values.format;
  if (format === undefined || !isFormat(format)) {
    return usageError(`Choose --format ${FORMATS.join(', ')}.`);
  }
  const rule = ruleOption(values.rule);
  if (!rule.ok) return rule;
  const loaded = await loadBallots(path);
  if (!loaded.ok) return loaded;
  const files = render(format, loaded.value, rule.value);
  const [only] = files;
  if (values.out === undefined) {
    if (files.length === 1 && only !== undefined) return ok(only.text);
    return usageError(
      `This ballot has sections, so its Pabulib export is ${files.length} files (one per pot and ` +
        'section): give --out PATH and they are written as PATH-pot-P-section-S.pb.',
    );
  }
  const written = await writeAll(values.out, files);
  return written.ok ? ok(`Wrote ${englishList(written.value)}.\n`) : written;
}
