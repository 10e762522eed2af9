/** After sign-in: the server's events (usually one), and the chosen event's screens. */
import { useState } from 'react';
import type { OrganiserApi } from './api.ts';
import type { SaveFile } from './download.ts';
import { EventDashboard } from './EventDashboard.tsx';
import { useLoad } from './use-api.ts';

interface Props {
  api: OrganiserApi;
  token: string;
  saveFile: SaveFile;
  onSignOut: () => void;
  onSessionExpired: () => void;
}

export function Dashboard({ api, token, saveFile, onSignOut, onSessionExpired }: Props) {
  const events = useLoad(() => api.events(token), onSessionExpired);
  const [chosen, setChosen] = useState<string | null>(null);

  const header = (
    <header className="org-header no-print">
      <p className="org-brand">Decision Day — organiser</p>
      <button type="button" onClick={onSignOut}>
        Sign out
      </button>
    </header>
  );

  if (events.loaded.state !== 'ok') {
    return (
      <>
        {header}
        <main className="org-main">
          <h1>Events</h1>
          {events.loaded.state === 'loading' ? (
            <p role="status">Loading the events…</p>
          ) : (
            <>
              <p className="org-error" role="alert">
                {events.loaded.error.message}
              </p>
              <button type="button" onClick={() => void events.reload()}>
                Try again
              </button>
            </>
          )}
        </main>
      </>
    );
  }

  const list = events.loaded.value;
  const event = list.find((e) => e.id === chosen) ?? list[0];
  return (
    <>
      {header}
      {list.length > 1 && (
        <nav className="org-events no-print" aria-label="Events">
          <label htmlFor="org-event">Event</label>
          <select id="org-event" value={event?.id} onChange={(e) => setChosen(e.target.value)}>
            {list.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
          </select>
        </nav>
      )}
      {event === undefined ? (
        <main className="org-main">
          <h1>No events yet</h1>
          <p>
            This tally server has no events. Restart it with an empty data folder to create the demo
            event.
          </p>
        </main>
      ) : (
        <EventDashboard
          key={event.id}
          api={api}
          token={token}
          summary={event}
          saveFile={saveFile}
          onSessionExpired={onSessionExpired}
          onBallotsChanged={() => void events.reload()}
        />
      )}
    </>
  );
}
