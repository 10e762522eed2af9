/**
 * Sending a file a tablet saved by hand (a desk's register, a station's equalities answers) to an
 * organiser import route: the file's text as the body, the answer checked against its schema, and
 * what to say afterwards — the answer, the server's refusal, or that no file was chosen.
 */
import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { serverCalls, type ApiProblem } from '../api.ts';
import { ApiError } from '../session/queries.ts';

const calls = serverCalls('', (...args) => fetch(...args));

export type ImportOutcome<T> =
  { ok: true; value: T } | { ok: false; problem: ApiProblem | 'no-file' };

export function useFileImport<T>(
  path: string,
  schema: z.ZodType<T>,
  token: string,
  onDone: () => Promise<void>,
) {
  const input = useRef<HTMLInputElement>(null);
  const [said, setSaid] = useState<ImportOutcome<T>>();
  const upload = useMutation({
    mutationFn: async (text: string) => {
      const answer = await calls.json(path, schema, token, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: text,
      });
      if (!answer.ok) throw new ApiError(answer.error);
      return answer.value;
    },
    onSuccess: onDone,
  });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (upload.isPending) return;
    const file = input.current?.files?.[0];
    if (file === undefined) {
      setSaid({ ok: false, problem: 'no-file' });
      return;
    }
    upload.mutate(await file.text(), {
      onSuccess: (value) => setSaid({ ok: true, value }),
      onError: (error) =>
        setSaid({
          ok: false,
          problem: error instanceof ApiError ? error.problem : { code: 'unreachable' },
        }),
    });
  };
  return { input, said, busy: upload.isPending, submit };
}
