/**
 * What a test's server stored, read where that storage keeps it: the files under its data folder,
 * or (DD_TEST_STORAGE=postgres) the rows of its database, read with psql. Synchronous, like the
 * readFileSync the file-store tests began with, so a test reads "the central tally file" the same
 * way on both storages. The PostgreSQL tally store keeps each append to an event's log as one row
 * (migration 2, ledger_line: its lines with their line breaks): the file is those rows in order.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, relative } from 'node:path';
import { DEMO_EVENT } from '../../../src/core/demo-event.ts';
import { PICTURE_TYPES, type PictureType } from '../../../src/core/event-package.ts';
import { postgresBinDir } from '../../support/postgres.ts';
import { databaseOf, onPostgres } from './test-storage.ts';

function databaseUrl(server: { dataDir: string }): string {
  const url = databaseOf(server.dataDir);
  if (url === undefined) throw new Error(`no test database for ${server.dataDir}`);
  return url;
}

function program(name: string): string {
  const bin = postgresBinDir();
  return bin === undefined ? name : join(bin, name);
}

/** Runs SQL on the server's database (psql, stopping at the first error). */
export function execSql(server: { dataDir: string }, sql: string): void {
  execFileSync(
    program('psql'),
    ['-XAtq', '-v', 'ON_ERROR_STOP=1', '-d', databaseUrl(server), '-c', sql],
    {
      encoding: 'utf8',
    },
  );
}

/** The text a query's single value holds, exactly (base64 on the way, so no psql formatting). */
export function queryText(server: { dataDir: string }, sql: string): string {
  const url = databaseOf(server.dataDir);
  if (url === undefined) throw new Error(`no test database for ${server.dataDir}`);
  const bin = postgresBinDir();
  const psql = bin === undefined ? 'psql' : join(bin, 'psql');
  const out = execFileSync(
    psql,
    [
      '-XAtq',
      '-d',
      url,
      '-c',
      `SELECT encode(convert_to(coalesce((${sql}), ''), 'UTF8'), 'base64')`,
    ],
    { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 },
  );
  return Buffer.from(out.replace(/\s/g, ''), 'base64').toString('utf8');
}

/** A file's text, '' when there is none. */
const textOf = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8') : '');
/** The names in a folder, sorted; none when there is no folder. */
const namesIn = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : []);

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** An event's log (`tally`, `quarantine`, …) as the file store writes it. */
function storedLog(server: { dataDir: string }, eventId: string, log: string): string {
  return queryText(
    server,
    `SELECT string_agg(text, '' ORDER BY seq) FROM ledger_line ` +
      `WHERE event_id = ${literal(eventId)} AND log = ${literal(log)}`,
  );
}

/** The central tally file of `eventId` as the server keeps it. */
export function storedTally(server: { dataDir: string }, eventId: string = DEMO_EVENT.id): string {
  if (!onPostgres) {
    return readFileSync(join(server.dataDir, 'events', eventId, 'tally.jsonl'), 'utf8');
  }
  return storedLog(server, eventId, 'tally');
}

/** The ids of the events the server keeps. */
export function storedEventIds(server: { dataDir: string }): string[] {
  if (!onPostgres) return readdirSync(join(server.dataDir, 'events'));
  const ids = queryText(
    server,
    `SELECT string_agg(event_id, E'\\n' ORDER BY event_id) FROM ledger_event`,
  );
  return ids === '' ? [] : ids.split('\n');
}

/**
 * Everything kept of one event, by the name of its file in the file store: its logs and the
 * documents replaced whole (meta.json, stations.json, codes.json, …).
 */
export function storedEventFiles(
  server: { dataDir: string },
  eventId: string,
): Record<string, string> {
  if (!onPostgres) {
    const dir = join(server.dataDir, 'events', eventId);
    return Object.fromEntries(
      readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')] as const),
    );
  }
  const files: Record<string, string> = {};
  for (const log of ['tally', 'quarantine', 'rehearsal', 'activity']) {
    const text = storedLog(server, eventId, log);
    if (text !== '') files[log === 'activity' ? 'station-log.jsonl' : `${log}.jsonl`] = text;
  }
  const names = queryText(
    server,
    `SELECT string_agg(name, E'\\n' ORDER BY name) FROM ledger_doc WHERE event_id = ${literal(eventId)}`,
  );
  for (const name of names === '' ? [] : names.split('\n')) {
    files[name] = queryText(
      server,
      `SELECT text FROM ledger_doc WHERE event_id = ${literal(eventId)} AND name = ${literal(name)}`,
    );
  }
  return files;
}

/**
 * Replaces line `index` (from 0) of the central tally file where the server keeps it, as someone
 * editing the file, or the table, behind its back would.
 */
export function editStoredTallyLine(
  server: { dataDir: string },
  index: number,
  text: string,
  eventId: string = DEMO_EVENT.id,
): void {
  if (!onPostgres) {
    const path = join(server.dataDir, 'events', eventId, 'tally.jsonl');
    const lines = readFileSync(path, 'utf8').split('\n');
    lines[index] = text;
    writeFileSync(path, lines.join('\n'));
    return;
  }
  // One row an append: `seq` its first line's number, `lines` how many, `text` those lines.
  const where = `event_id = ${literal(eventId)} AND log = 'tally'`;
  const seq = Number(
    queryText(
      server,
      `SELECT seq::text FROM ledger_line WHERE ${where} AND seq <= ${index + 1} ` +
        `AND seq + lines > ${index + 1}`,
    ),
  );
  const lines = queryText(
    server,
    `SELECT text FROM ledger_line WHERE ${where} AND seq = ${seq}`,
  ).split('\n');
  lines[index + 1 - seq] = text;
  execSql(
    server,
    `UPDATE ledger_line SET text = ${literal(lines.join('\n'))} WHERE ${where} AND seq = ${seq}`,
  );
}

/** Every file under the data folder (path → bytes as text), `skip` a folder's name to leave out. */
function filesUnder(dataDir: string, skip?: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (dir === dataDir && name === skip) continue;
      if (statSync(path).isDirectory()) walk(path);
      else out.set(relative(dataDir, path), readFileSync(path, 'latin1'));
    }
  };
  if (existsSync(dataDir)) walk(dataDir);
  return out;
}

/** The database's rows (pg_dump, data only), leaving out `exclude` tables. */
function databaseDump(server: { dataDir: string }, exclude: readonly string[]): string {
  return execFileSync(
    program('pg_dump'),
    ['--data-only', ...exclude.map((t) => `--exclude-table=${t}`), '-d', databaseUrl(server)],
    { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 },
  );
}

/**
 * Fingerprints of everything the server keeps: each file under its data folder by path and, on
 * PostgreSQL, its rows. What a request's own bookkeeping changes is left out: sessions (their last
 * use) and rate-limit counters.
 */
export function storedSnapshot(server: { dataDir: string }): Record<string, string> {
  const hash = (text: string) => createHash('sha256').update(text, 'latin1').digest('hex');
  const out: Record<string, string> = {};
  for (const [path, bytes] of filesUnder(server.dataDir)) out[path] = hash(bytes);
  if (onPostgres) {
    // By table (and sequence), so a difference names what changed.
    let table = '(database)';
    const parts = new Map<string, string[]>();
    // pg_dump's \restrict and \unrestrict lines carry a key made afresh for each dump.
    const dump = databaseDump(server, ['session', 'rate_limit'])
      .split('\n')
      .filter((line) => !/^\\(un)?restrict /.test(line));
    for (const line of dump) {
      const copy = /^COPY (\S+) /.exec(line)?.[1];
      const sequence = /^SELECT pg_catalog\.setval\('([^']+)'/.exec(line)?.[1];
      if (copy !== undefined) table = copy;
      const key = sequence ?? table;
      parts.set(key, [...(parts.get(key) ?? []), line]);
      if (line === '\\.') table = '(database)';
    }
    for (const [key, lines] of parts) out[`(database) ${key}`] = hash(lines.join('\n'));
  }
  return out;
}

/**
 * Everything the server keeps as text, but what `except` names: a data folder of that name, and on
 * PostgreSQL the tables listed — so a test can say nothing else holds a secret or an answer.
 */
export function storedElsewhere(
  server: { dataDir: string },
  except: { folder?: string; tables?: readonly string[] } = {},
): string[] {
  const texts = [...filesUnder(server.dataDir, except.folder).values()];
  if (onPostgres) texts.push(databaseDump(server, except.tables ?? []));
  return texts;
}

/** The audit trail as its file holds it (one line each, with its line break). */
export function storedAudit(server: { dataDir: string }): string {
  if (!onPostgres) return readFileSync(join(server.dataDir, 'audit.jsonl'), 'utf8');
  return queryText(server, `SELECT string_agg(line || E'\\n', '' ORDER BY seq) FROM audit`);
}

/** Replaces line `index` (from 0) of the audit trail behind the server's back. */
export function editStoredAuditLine(server: { dataDir: string }, index: number, text: string) {
  if (!onPostgres) {
    const path = join(server.dataDir, 'audit.jsonl');
    const lines = readFileSync(path, 'utf8').split('\n');
    lines[index] = text;
    writeFileSync(path, lines.join('\n'));
    return;
  }
  // The table refuses changes by trigger: someone with the database's owner's rights lifts it.
  execSql(
    server,
    'ALTER TABLE audit DISABLE TRIGGER audit_no_change; ' +
      `UPDATE audit SET line = ${literal(text)} WHERE seq = ${index + 1}; ` +
      'ALTER TABLE audit ENABLE TRIGGER audit_no_change',
  );
}

/** The account book: accounts.json, or the accounts' rows as pretty JSON of the same fields. */
export function storedAccounts(server: { dataDir: string }): string {
  if (!onPostgres) return readFileSync(join(server.dataDir, 'accounts.json'), 'utf8');
  return queryText(
    server,
    "SELECT jsonb_pretty(jsonb_agg(jsonb_build_object('name', name, 'role', role, " +
      "'passwordHash', password_hash) ORDER BY added)) FROM account",
  );
}

/** An event's equalities answers, one batch a line ({batch, answers}). */
export function storedEqualities(server: { dataDir: string }, eventId: string): string {
  if (!onPostgres) {
    return textOf(join(server.dataDir, 'equalities', `${eventId}.ndjson`));
  }
  return queryText(
    server,
    "SELECT string_agg(json_build_object('batch', batch, 'answers', answers)::text || E'\\n', '' " +
      `ORDER BY seq) FROM equalities_batch WHERE event_id = ${literal(eventId)}`,
  );
}

/** The events with published results, as the file store names their files (`<id>.json`). */
export function storedPublications(server: { dataDir: string }): string[] {
  if (!onPostgres) {
    return namesIn(join(server.dataDir, 'published'));
  }
  const ids = queryText(
    server,
    `SELECT string_agg(event_id || '.json', E'\\n' ORDER BY event_id) FROM publication`,
  );
  return ids === '' ? [] : ids.split('\n');
}

/** An event's check-in register rows, one a line, in the order they arrived ('' when none). */
export function storedRegister(server: { dataDir: string }, eventId: string): string {
  if (!onPostgres) {
    return textOf(join(server.dataDir, 'registers', `${eventId}.ndjson`));
  }
  return queryText(
    server,
    "SELECT string_agg(json_build_object('station', station, 'registration', registration)::text " +
      `|| E'\\n', '' ORDER BY seq) FROM register_row WHERE event_id = ${literal(eventId)}`,
  );
}

/**
 * What the registers hold, named as the file store names its files: `<event>.ndjson` for an event
 * with rows, `<event>.deletion.json` for a register deleted.
 */
export function storedRegisterFiles(server: { dataDir: string }): string[] {
  if (!onPostgres) {
    return namesIn(join(server.dataDir, 'registers'));
  }
  const names = queryText(
    server,
    "SELECT string_agg(name, E'\\n' ORDER BY name) FROM (" +
      "SELECT DISTINCT event_id || '.ndjson' AS name FROM register_row UNION " +
      "SELECT event_id || '.deletion.json' FROM register_deletion) AS n",
  );
  return names === '' ? [] : names.split('\n');
}

/** The pictures kept, named as the file store names them (`<sha256>.<jpg|png|webp>`), sorted. */
export function storedPictures(server: { dataDir: string }): string[] {
  if (!onPostgres) {
    return namesIn(join(server.dataDir, 'pictures'));
  }
  const rows = queryText(server, "SELECT string_agg(sha256 || ' ' || type, E'\\n') FROM picture");
  return (rows === '' ? [] : rows.split('\n'))
    .map((row) => {
      const [sha256, type] = row.split(' ');
      return `${sha256}.${PICTURE_TYPES[type as PictureType]}`;
    })
    .sort();
}
