/**
 * One full screen of the kiosk. Its heading takes focus when it appears so a screen-reader user
 * hears where they are after every step, and a keyboard user starts from the top.
 */
import { useEffect, useRef, type ReactNode } from 'react';

interface ScreenProps {
  title: string;
  children: ReactNode;
  /** Extra class for the screen's own layout. */
  className?: string;
}

export function Screen({ title, children, className }: ScreenProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <main className={className ? `screen ${className}` : 'screen'}>
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </main>
  );
}
