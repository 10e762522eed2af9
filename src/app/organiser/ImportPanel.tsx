/**
 * For a station that could never reach the server: its exported tally file is uploaded here. The
 * server merges by ballot id, so importing the same file twice, or after the ballots arrived over
 * the network, adds nothing twice; it refuses another event's file or a tampered one.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import { MAX_IMPORT_BYTES } from '../../core/protocol.ts';
import { isSessionExpired, type ImportResponse, type OrganiserApi } from './api.ts';

interface Props {
  api: OrganiserApi;
  token: string;
  eventId: string;
  onSessionExpired: () => void;
  onImported: () => void;
}

type Outcome =
  | { kind: 'ok'; fileName: string; value: ImportResponse }
  | { kind: 'refused'; fileName: string; message: string };

/**
 * Stations save ".ddtally" (src/sync/export.ts; not imported here, it would pull the station's
 * database code into this chunk). Renamed copies from e-mail or a USB stick are accepted too.
 */
const TALLY_FILE_TYPES = '.ddtally,.jsonl,.ndjson,.txt,application/x-ndjson,text/plain';

export function importSummary({ added, duplicates, rejected }: ImportResponse): string {
  const n = (count: number, one: string, many: string) =>
    `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;
  return [
    `${n(added, 'ballot', 'ballots')} added`,
    `${n(duplicates, 'ballot was', 'ballots were')} already there`,
    `${n(rejected.length, 'ballot', 'ballots')} refused`,
  ].join(', ');
}

export function ImportPanel({ api, token, eventId, onSessionExpired, onImported }: Props) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const hintId = useId();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const file = inputRef.current?.files?.[0];
    if (file === undefined) {
      setOutcome({
        kind: 'refused',
        fileName: '',
        message: 'Choose a station’s tally file first.',
      });
      return;
    }
    if (file.size > MAX_IMPORT_BYTES) {
      setOutcome({
        kind: 'refused',
        fileName: file.name,
        // Checked here too so a wrong file is not uploaded just to be refused by the server.
        message:
          'This file is far too big to be a station’s tally file. Check you chose the right one.',
      });
      return;
    }
    setBusy(true);
    const result = await api.importFile(token, eventId, await file.text());
    setBusy(false);
    if (result.ok) {
      setOutcome({ kind: 'ok', fileName: file.name, value: result.value });
      onImported();
    } else if (isSessionExpired(result.error)) {
      onSessionExpired();
    } else {
      setOutcome({ kind: 'refused', fileName: file.name, message: result.error.message });
    }
  }

  return (
    <section aria-labelledby="org-import" className="org-section no-print">
      <h2 id="org-import">Import a station’s tally file</h2>
      <form onSubmit={(e) => void submit(e)}>
        <label htmlFor="org-import-file">Station tally file</label>
        <p id={hintId} className="org-hint">
          The file a volunteer saved from a station’s volunteer area (its name ends in .ddtally).
        </p>
        <input
          id="org-import-file"
          ref={inputRef}
          type="file"
          accept={TALLY_FILE_TYPES}
          aria-describedby={hintId}
        />
        <button type="submit" disabled={busy}>
          {busy ? 'Importing…' : 'Import'}
        </button>
      </form>
      <div role="status">
        {outcome?.kind === 'ok' && (
          <>
            <p className="org-success">
              Imported {outcome.fileName}: {importSummary(outcome.value)}.
            </p>
            {outcome.value.rejected.length > 0 && (
              <ul>
                {outcome.value.rejected.map((r) => (
                  <li key={r.id}>
                    Ballot {r.id}: {r.message}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
      {outcome?.kind === 'refused' && (
        <p className="org-error" role="alert">
          {outcome.fileName === '' ? '' : `${outcome.fileName} was not imported. `}
          {outcome.message}
        </p>
      )}
    </section>
  );
}
