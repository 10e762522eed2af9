/**
 * The organiser's area, loaded lazily at /organiser so stations never download it (charts, CSV,
 * QR and Pabulib code live only in this chunk). The session token lives in memory only: a reload
 * or a closed tab asks for the password again, and nothing secret is left in the browser.
 */
import { useMemo, useState } from 'react';
import { createHttpOrganiserApi, type OrganiserApi } from './api.ts';
import { Dashboard } from './Dashboard.tsx';
import { downloadFile, type SaveFile } from './download.ts';
import { LoginScreen } from './LoginScreen.tsx';
import { CatalogueProvider } from '../i18n/react.tsx';
import './organiser.css';

export interface OrganiserAppProps {
  /** Defaults to the tally server this page came from. */
  api?: OrganiserApi;
  /** Defaults to a browser download; tests read the file instead. */
  saveFile?: SaveFile;
}

export default function OrganiserApp(props: OrganiserAppProps) {
  return (
    <CatalogueProvider>
      <Organiser {...props} />
    </CatalogueProvider>
  );
}

function Organiser({ api, saveFile = downloadFile }: OrganiserAppProps) {
  const client = useMemo(() => api ?? createHttpOrganiserApi(), [api]);
  const [token, setToken] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | undefined>(undefined);

  if (token === null) {
    return (
      <LoginScreen
        api={client}
        notice={notice}
        onSignedIn={(t) => {
          setNotice(undefined);
          setToken(t);
        }}
      />
    );
  }
  return (
    <Dashboard
      api={client}
      token={token}
      saveFile={saveFile}
      onSignOut={() => setToken(null)}
      onSessionExpired={() => {
        setNotice('Your organiser session has ended. Sign in again to carry on.');
        setToken(null);
      }}
    />
  );
}
