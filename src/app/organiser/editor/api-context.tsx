/**
 * Which events API the editor's screens talk to (the tally server this page came from, unless a
 * test or the organiser app provides another), and how a picture is prepared before upload (in
 * the browser's canvas; component tests, which have no canvas, give a stand-in).
 */
import { createContext, useContext, type ReactNode } from 'react';
import { createHttpEditorApi, type EditorApi } from '../editor-api.ts';
import { preparePicture as canvasPreparePicture, type PreparedPicture } from './picture.ts';

export interface EditorServices {
  api: EditorApi;
  preparePicture: (file: File) => Promise<PreparedPicture>;
}

let sameOrigin: EditorServices | null = null;

const EditorContext = createContext<EditorServices | null>(null);

export function EditorApiProvider({
  api,
  preparePicture = canvasPreparePicture,
  children,
}: {
  api: EditorApi;
  preparePicture?: EditorServices['preparePicture'];
  children: ReactNode;
}) {
  return (
    <EditorContext.Provider value={{ api, preparePicture }}>{children}</EditorContext.Provider>
  );
}

export function useEditorServices(): EditorServices {
  const given = useContext(EditorContext);
  if (given !== null) return given;
  sameOrigin ??= { api: createHttpEditorApi(), preparePicture: canvasPreparePicture };
  return sameOrigin;
}

export const useEditorApi = (): EditorApi => useEditorServices().api;
