/**
 * Around a lazy screen: when its code cannot be fetched (an update replaced it on the server while
 * this page was open, and it is not in the offline cache), say so and offer a reload instead of a
 * blank page. A class component, because only those can catch a render error.
 */
import { Component, type ReactNode } from 'react';
import { useT } from '../i18n/react.tsx';

interface Props {
  children: ReactNode;
}

export class ChunkBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(cause: unknown): void {
    console.error('A screen could not be loaded', cause);
  }

  override render(): ReactNode {
    return this.state.failed ? <ChunkFailed /> : this.props.children;
  }
}

function ChunkFailed() {
  const t = useT();
  return (
    <main className="screen">
      <h1>{t('station.chunk.title')}</h1>
      <p role="alert">{t('station.chunk.body')}</p>
      <div className="actions">
        <button type="button" className="button primary" onClick={() => window.location.reload()}>
          {t('station.chunk.reload')}
        </button>
      </div>
    </main>
  );
}
