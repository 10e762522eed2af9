/**
 * One full screen of the kiosk. Its heading takes focus when it appears so a screen-reader user
 * hears where they are after every step, and a keyboard user starts from the top. The browser
 * tab's title follows the heading, so each screen is told apart (WCAG 2.4.2).
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useDocumentTitle } from '../i18n/react.tsx';

interface ScreenProps {
  title: string;
  /** The title's language, when it is an organiser's text not in the screen's language. */
  titleLang?: string | undefined;
  children: ReactNode;
  /** Extra class for the screen's own layout. */
  className?: string;
}

export function Screen({ title, titleLang, children, className }: ScreenProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useDocumentTitle(title);
  useEffect(() => heading.current?.focus(), []);
  return (
    <main className={className ? `screen ${className}` : 'screen'}>
      <h1 ref={heading} tabIndex={-1} lang={titleLang}>
        {title}
      </h1>
      {children}
    </main>
  );
}
