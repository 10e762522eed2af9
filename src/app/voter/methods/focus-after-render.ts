/**
 * Puts keyboard focus on a named control once React has drawn the next render. An editor that
 * reorders or removes rows needs this: React moves or drops the focused button's DOM node, the
 * browser then drops focus to the page, and a keyboard or screen-reader user is thrown back to
 * the top of the screen after every tap.
 */
import { useCallback, useLayoutEffect, useRef, useState } from 'react';

export function useFocusAfterRender() {
  const elements = useRef(new Map<string, HTMLElement>());
  // A fresh object each time, so asking for the same key twice still triggers the effect.
  const [wanted, setWanted] = useState<{ key: string }>();

  useLayoutEffect(() => {
    if (wanted) elements.current.get(wanted.key)?.focus();
  }, [wanted]);

  /** A ref callback that records the element under `key` while it is mounted. */
  const focusable = useCallback(
    (key: string) => (element: HTMLElement | null) => {
      if (element) elements.current.set(key, element);
      else elements.current.delete(key);
    },
    [],
  );

  const focusAfterRender = useCallback((key: string) => setWanted({ key }), []);

  return { focusable, focusAfterRender };
}
