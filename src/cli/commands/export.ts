/** `decision-day export FILE --format csv|ballots-csv|pb [--out PATH]`: files for other tools. */
import { randomInt } from 'node:crypto';
import { ballotsCsv, resultsCsv } from '../../core/export/index.ts';
import { writePabulib } from '../../core/pabulib/index.ts';
import { ok } from '../../core/result.ts';
import { tally } from '../../core/tally/index.ts';
import { englishExclusion } from '../english.ts';
import { parseCommand, usageError, writeAtomically, type CliOutcome } from '../io.ts';
import { loadBallots, type LoadedBallots } from '../load.ts';
import { ruleOption } from './tally.ts';

export const EXPORT_USAGE = `decision-day export FILE --format csv|ballots-csv|pb [--rule RULE] [--out PATH]
  csv          the results: one row per bid with pot, amount, support and whether it is funded
  ballots-csv  the ballots, anonymised: no ids, stations or times, rows shuffled
  pb           a Pabulib file of the ballots, with the funded bids marked
  --rule       greedy or equal-shares, for csv and pb; default: the event's own rule
  --out PATH   write there (replacing it safely) instead of printing`;

const FORMATS = ['csv', 'ballots-csv', 'pb'] as const;
type Format = (typeof FORMATS)[number];
const isFormat = (value: string): value is Format => (FORMATS as readonly string[]).includes(value);

/** A shuffle no one can predict or replay: the order must not be matched to voting order. */
const secureRandom = () => randomInt(2 ** 47) / 2 ** 47;

function render(
  format: Format,
  { event, ballots, seed }: LoadedBallots,
  rule: LoadedBallots['event']['rule'] | undefined,
) {
  const result = () => tally(event, ballots, rule === undefined ? { seed } : { rule, seed });
  switch (format) {
    case 'csv':
      return `${resultsCsv(event, result(), englishExclusion)}\r\n`;
    case 'ballots-csv':
      return `${ballotsCsv(event, ballots, secureRandom)}\r\n`;
    case 'pb':
      return writePabulib(event, ballots, { selected: result().selected });
  }
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
  const text = render(format, loaded.value, rule.value);
  if (values.out === undefined) return ok(text);
  const written = await writeAtomically(values.out, text);
  return written.ok ? ok(`Wrote ${values.out}.\n`) : written;
}
