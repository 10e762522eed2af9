/**
 * The app shell. /organiser loads the organiser's area as a separate lazy chunk, so its charts,
 * CSV and QR code are never downloaded by a voting station; /results/<eventId> loads the public
 * results page the same way; every other path is the station.
 */
import { lazy, Suspense } from 'react';
import { StationApp } from './station/StationApp.tsx';
import type { StationServices } from './shared/services.tsx';
import { CatalogueProvider, useDocumentLanguage, useT } from './i18n/react.tsx';

const OrganiserApp = lazy(() => import('./organiser/OrganiserApp.tsx'));
// The public results page (/results/<eventId>, no login): a chunk of its own as well.
const PublicApp = lazy(() => import('./public/PublicApp.tsx'));
// The trust page of a hall laptop (/hall, docs/deploying.md): also its own chunk.
const HallTrustPage = lazy(() => import('./public/HallTrustPage.tsx'));

export function isOrganiserPath(pathname: string, base: string): boolean {
  return pathname === `${base}organiser` || pathname.startsWith(`${base}organiser/`);
}

export function isPublicResultsPath(pathname: string, base: string): boolean {
  return pathname.startsWith(`${base}results/`);
}

export function isHallTrustPath(pathname: string, base: string): boolean {
  return pathname === `${base}hall` || pathname === `${base}hall/`;
}

export function App({ services }: { services: StationServices }) {
  return (
    <CatalogueProvider>
      <Area services={services} />
    </CatalogueProvider>
  );
}

function Area({ services }: { services: StationServices }) {
  const t = useT();
  useDocumentLanguage();
  if (isOrganiserPath(window.location.pathname, import.meta.env.BASE_URL)) {
    return (
      <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>
        <OrganiserApp />
      </Suspense>
    );
  }
  if (isPublicResultsPath(window.location.pathname, import.meta.env.BASE_URL)) {
    return (
      <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>
        <PublicApp />
      </Suspense>
    );
  }
  if (isHallTrustPath(window.location.pathname, import.meta.env.BASE_URL)) {
    return (
      <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>
        <HallTrustPage />
      </Suspense>
    );
  }
  return <StationApp services={services} />;
}
