/**
 * `decision-day tally FILE [--rule greedy|equal-shares] [--json] [--explain]`: count the ballots in
 * a file, and with --explain say why each bid was or was not funded.
 */
import { stat } from 'node:fs/promises';
import { ok, type Result } from '../../core/result.ts';
import { ruleSchema, type Rule } from '../../core/schema.ts';
import { tallyProfile } from '../../core/tally/index.ts';
import { parseCommand, usageError, type CliFailure, type CliOutcome } from '../io.ts';
import { loadBallots } from '../load.ts';
import { startMesWorker } from '../mes-parallel.ts';
import { resultJson, resultTable } from '../result-report.ts';
// The usage text lives in ../usage.ts, so that `decision-day --help` loads no command.
import { TALLY_USAGE } from '../usage.ts';

/** The --rule option, checked; `undefined` means the event's own rule. */
export function ruleOption(value: string | undefined): Result<Rule | undefined, CliFailure> {
  if (value === undefined) return ok(undefined);
  const rule = ruleSchema.safeParse(value);
  return rule.success
    ? ok(rule.data)
    : usageError(`Unknown rule "${value}": use greedy or equal-shares.`);
}

export async function tally(args: readonly string[]): Promise<CliOutcome> {
  const parsed = parseCommand(
    'tally',
    TALLY_USAGE,
    args,
    { rule: { type: 'string' }, json: { type: 'boolean' }, explain: { type: 'boolean' } },
    { min: 1, max: 1, what: 'one FILE' },
  );
  if (parsed.done) return parsed.done;
  const { values, positionals } = parsed;
  const path = positionals[0] ?? '';
  const rule = ruleOption(values.rule);
  if (!rule.ok) return rule;
  // Equal shares on a big event runs its steps on two cores (mes-parallel.ts). The worker is
  // started before the file is read, so it is ready when the count starts (it takes longer to
  // start than a small file takes to count: small files stay on one core). The same results
  // either way; DECISION_DAY_ONE_CORE=1 keeps it on one (tests/bench/cli.bench.ts compares).
  const big = await stat(path).then(
    (info) => info.size >= 1_000_000,
    () => false,
  );
  const worker =
    big && rule.value !== 'greedy' && process.env['DECISION_DAY_ONE_CORE'] !== '1'
      ? startMesWorker()
      : undefined;
  const loaded = await loadBallots(path);
  if (!loaded.ok) {
    worker?.close();
    return loaded;
  }
  const { event, profile, seed, voided, withdrawn, withdrawals } = loaded.value;
  const explain = values.explain === true;
  let result;
  try {
    result = tallyProfile(event, profile(), {
      seed,
      withdrawn,
      ...(rule.value !== undefined && { rule: rule.value }),
      ...(explain && { explain }),
      ...(worker !== undefined && { fastSteps: worker.fastSteps }),
    });
  } finally {
    worker?.close();
  }
  return ok(
    values.json === true
      ? `${JSON.stringify(resultJson(event, result, voided, withdrawals))}\n`
      : resultTable(event, result, voided, withdrawals),
  );
}
