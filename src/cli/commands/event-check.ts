/**
 * `decision-day event check FILE`: is this event definition (JSON) one a server would accept?
 * Reads a definition, or the output of `decision-day event import --json` (its `draft`), and
 * prints every problem with where it is. Exit 0 when there is none, 1 otherwise.
 */
import { ok } from '../../core/result.ts';
import { eventSchema } from '../../core/schema.ts';
import { dataError, parseCommand, readText, type CliOutcome, printOut } from '../io.ts';
// The usage text lives in ../usage.ts, so that `decision-day --help` loads no command.
import { EVENT_CHECK_USAGE } from '../usage.ts';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export async function eventCheck(args: readonly string[]): Promise<CliOutcome> {
  const parsed = parseCommand(
    'event check',
    EVENT_CHECK_USAGE,
    args,
    {},
    {
      min: 1,
      max: 1,
      what: 'one FILE',
    },
  );
  if (parsed.done) return parsed.done;
  const path = parsed.positionals[0] ?? '';
  const text = await readText(path);
  if (!text.ok) return text;
  let json: unknown;
  try {
    json = JSON.parse(text.value.replace(/^\uFEFF/, ''));
  } catch {
    return dataError(`${path}: this is not JSON, so it is not an event definition.`);
  }
  // The output of `event import --json` carries the definition as its draft.
  const definition = isObject(json) && 'draft' in json && !('bids' in json) ? json['draft'] : json;
  if (definition === null) {
    return dataError(`${path}: the import made no draft event, so there is nothing to check.`);
  }
  const checked = eventSchema.safeParse(definition);
  if (checked.success) {
    const e = checked.data;
    const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
    return ok(
      `OK: ${path} is a valid event definition: "${e.name}" (${e.id}), ` +
        `${count(e.bids.length, 'bid', 'bids')}, ${count(e.pots.length, 'pot', 'pots')}, ` +
        `${count(e.categories.length, 'category', 'categories')}.\n`,
    );
  }
  const issues = checked.error.issues;
  const lines = issues.map((issue) => {
    const where = issue.path.length === 0 ? '(the definition)' : issue.path.join('.');
    return `  ${where}: ${issue.message}`;
  });
  printOut(`${path}:\n${lines.join('\n')}\n`);
  return dataError(
    `${path}: ${issues.length === 1 ? '1 problem' : `${issues.length} problems`} (listed above); this is not a valid event definition.`,
  );
}
