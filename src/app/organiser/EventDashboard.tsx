/**
 * One event's screens on one page, each a section with its own heading so a screen reader can jump
 * between them. The central tally file is fetched once here and shared by results, reveal and
 * exports, so they all show the same ballots.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { EventSummary, OrganiserApi } from './api.ts';
import type { SaveFile } from './download.ts';
import { EventOverview } from './EventOverview.tsx';
import { ExportsPanel } from './ExportsPanel.tsx';
import { ImportPanel } from './ImportPanel.tsx';
import { RejectedPanel } from './RejectedPanel.tsx';
import { computeResults } from './results/compute-results.ts';
import { ResultsPanel } from './results/ResultsPanel.tsx';
import { RevealView } from './reveal/RevealView.tsx';
import { StationsPanel } from './StationsPanel.tsx';
import { useLoad } from './use-api.ts';
import type { Rule } from '../../core/schema.ts';

interface Props {
  api: OrganiserApi;
  token: string;
  summary: EventSummary;
  saveFile: SaveFile;
  onSessionExpired: () => void;
  onBallotsChanged: () => void;
}

export function EventDashboard(props: Props) {
  const { api, token, summary, saveFile, onSessionExpired, onBallotsChanged } = props;
  const file = useLoad(() => api.tallyFile(token, summary.id), onSessionExpired);
  const rejected = useLoad(() => api.rejected(token, summary.id), onSessionExpired);
  const fileText = file.loaded.state === 'ok' ? file.loaded.value : null;
  // Tallying both rules is the expensive step: only redo it when the file's text changes.
  const results = useMemo(() => (fileText === null ? null : computeResults(fileText)), [fileText]);
  const [rule, setRule] = useState<Rule | null>(null);
  const [revealing, setRevealing] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // After sign-in the form is gone; put a screen reader at the top of the new page, not on <body>.
  useEffect(() => headingRef.current?.focus(), []);

  const ready = results?.ok === true ? results.value : null;
  const shownRule = rule ?? ready?.event.rule ?? 'greedy';

  const refreshResults = async () => {
    await Promise.all([file.reload(), rejected.reload()]);
    onBallotsChanged();
  };

  return (
    <main className="org-main" aria-busy={file.refreshing}>
      <h1 ref={headingRef} tabIndex={-1}>
        {summary.name}
      </h1>
      <nav className="org-toc no-print" aria-label="Sections">
        <ul>
          <li>
            <a href="#org-join">Join code</a>
          </li>
          <li>
            <a href="#org-stations">Stations</a>
          </li>
          <li>
            <a href="#org-results">Results</a>
          </li>
          <li>
            <a href="#org-exports">Exports</a>
          </li>
          <li>
            <a href="#org-import">Import a station file</a>
          </li>
          <li>
            <a href="#org-rejected">Rejected ballots</a>
          </li>
        </ul>
      </nav>
      <EventOverview summary={summary} rejected={rejected.loaded} />
      <StationsPanel
        api={api}
        token={token}
        eventId={summary.id}
        onSessionExpired={onSessionExpired}
        onRefreshed={onBallotsChanged}
      />
      <ResultsPanel
        centralBallots={summary.ballots}
        file={file.loaded}
        results={results}
        rule={shownRule}
        onRuleChange={setRule}
        onRefresh={() => void refreshResults()}
        onReveal={() => setRevealing(true)}
      />
      {ready !== null && <ExportsPanel results={ready} rule={shownRule} saveFile={saveFile} />}
      <ImportPanel
        api={api}
        token={token}
        eventId={summary.id}
        onSessionExpired={onSessionExpired}
        onImported={() => void refreshResults()}
      />
      <RejectedPanel rejected={rejected.loaded} />
      {revealing && ready !== null && (
        <RevealView
          event={ready.event}
          result={ready.byRule[shownRule]}
          onClose={() => setRevealing(false)}
        />
      )}
    </main>
  );
}
