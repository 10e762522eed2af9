/**
 * Downloads: results and anonymised ballots as CSV (formula-injection safe, from core/export), a
 * Pabulib file for researchers, and the central tally file itself so anyone can re-count it.
 * The writers (with papaparse) are imported on the first click: most visits never export.
 */
import { useState } from 'react';
import type { Rule } from '../../core/schema.ts';
import type * as ExportWriters from '../../core/export/index.ts';
import type * as PabulibWriters from '../../core/pabulib/index.ts';
import { fileSlug, type SaveFile } from './download.ts';
import type { EventResults } from './results/compute-results.ts';

interface Props {
  results: EventResults;
  rule: Rule;
  saveFile: SaveFile;
}

/** Uniform in [0, 1) from the browser's CSPRNG: the ballot shuffle must not be predictable. */
export function secureRandom(): number {
  const [n = 0] = crypto.getRandomValues(new Uint32Array(1));
  return n / 2 ** 32;
}

interface Export {
  label: string;
  fileName: string;
  make: (writers: Writers) => string;
  type: string;
}

const CSV = 'text/csv;charset=utf-8';
type Writers = typeof ExportWriters & typeof PabulibWriters;

/** null when the code could not be fetched: the only expected failure of an export. */
async function loadWriters(): Promise<Writers | null> {
  try {
    const [csv, pabulib] = await Promise.all([
      import('../../core/export/index.ts'),
      import('../../core/pabulib/index.ts'),
    ]);
    return { ...csv, ...pabulib };
  } catch {
    return null;
  }
}

export function ExportsPanel({ results, rule, saveFile }: Props) {
  const [status, setStatus] = useState<{ text: string; failed: boolean } | null>(null);
  const { event, ballots, byRule, fileText } = results;
  const base = fileSlug(event.name);

  const exports: Export[] = [
    {
      label: 'Results (CSV)',
      fileName: `${base}-results-${rule}.csv`,
      make: (w) => w.resultsCsv(event, byRule[rule]),
      type: CSV,
    },
    {
      label: 'Anonymised ballots (CSV)',
      fileName: `${base}-ballots.csv`,
      make: (w) => w.ballotsCsv(event, ballots, secureRandom),
      type: CSV,
    },
    {
      label: 'Pabulib file (.pb)',
      fileName: `${base}.pb`,
      make: (w) => w.writePabulib(event, ballots, { selected: byRule[rule].selected }),
      type: 'text/plain;charset=utf-8',
    },
    {
      label: 'Central tally file',
      // The stations' extension: the same format, and the CLI's verify and merge read both.
      fileName: `${base}-central.ddtally`,
      make: () => fileText,
      type: 'application/x-ndjson',
    },
  ];

  async function save(x: Export) {
    const writers = await loadWriters();
    if (writers === null) {
      setStatus({
        text: `${x.label} could not be made: this page lost its connection to the tally server. Reload the page and try again.`,
        failed: true,
      });
      return;
    }
    saveFile(x.fileName, x.make(writers), x.type);
    setStatus({ text: `Saved ${x.fileName}.`, failed: false });
  }

  return (
    <section aria-labelledby="org-exports" className="org-section no-print">
      <h2 id="org-exports">Exports</h2>
      <p>
        Results follow the rule chosen above. The ballots file has no ballot ids, stations or times,
        and its rows are shuffled.
      </p>
      <ul className="org-export-list">
        {exports.map((x) => (
          <li key={x.label}>
            <button type="button" onClick={() => void save(x)}>
              Download {x.label}
            </button>
          </li>
        ))}
      </ul>
      <p role="status" className={status?.failed === true ? 'org-error' : undefined}>
        {status?.text ?? ''}
      </p>
    </section>
  );
}
