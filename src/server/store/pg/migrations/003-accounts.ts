import type { Migration } from './index.ts';

/**
 * Accounts, invites, sessions and the audit trail (docs/accounts.md, docs/storage.md).
 * `account.name_key` (nameKey(): NFC, trimmed, lower case) is unique, so two instances can never
 * both create one name. Times the book keeps as ISO 8601 text are timestamptz here (millisecond
 * precision, as written); `added` keeps the book's order. The audit trail keeps each line's exact text, numbered from 1: the hash
 * chain is over that text, as in audit.jsonl; a trigger refuses to change or remove a line.
 */
export const accounts: Migration = {
  version: 3,
  name: 'accounts, sessions and the audit trail',
  sql: `
  CREATE TABLE account (
    id text PRIMARY KEY,
    name text NOT NULL,
    name_key text NOT NULL UNIQUE,
    role text NOT NULL,
    password_hash text,
    created_at timestamptz NOT NULL,
    created_by text NOT NULL,
    disabled_at timestamptz,
    added bigint GENERATED ALWAYS AS IDENTITY
  );
  CREATE TABLE invite (
    id text PRIMARY KEY,
    token_hash text NOT NULL UNIQUE,
    account_id text NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    created_by text NOT NULL,
    expires_at timestamptz NOT NULL,
    added bigint GENERATED ALWAYS AS IDENTITY
  );
  CREATE TABLE session (
    hash text PRIMARY KEY,
    account_id text NOT NULL,
    csrf_token text NOT NULL,
    created_at timestamptz NOT NULL,
    last_used_at timestamptz NOT NULL
  );
  CREATE INDEX session_account ON session (account_id);
  CREATE TABLE audit (
    seq integer PRIMARY KEY CHECK (seq >= 1),
    line text NOT NULL
  );
  CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION 'The audit trail is append-only: its lines are never changed or removed';
  END $$;
  CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
  CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
  `,
};
