/**
 * The camera's frames, read into transfers (src/sync/transfer's Receiver) for a screen: progress
 * per transfer in view (two stations held up at once are two entries, numbered in the order they
 * were first seen), the last refusal (another event's code, a damaged transfer), and each finished
 * transfer handed to `onDone` exactly once. A new Receiver per mounting: a screen opened again
 * reads the same station again, and the import's own idempotence says it added nothing.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  Receiver,
  type ReceiveUpdate,
  type TransferContent,
  type TransferKind,
  type TransferProblem,
} from '../../../sync/transfer/index.ts';

export interface TransferInView {
  transferId: string;
  /** 1, 2…: the order it was first seen in (what the screen calls it: "Station 2"). */
  number: number;
  /** 0..1, an estimate. */
  fraction: number;
  ballots?: number;
  receivedBallots?: number;
  /** Every part is in: it is checked, then handed to onDone. */
  received: boolean;
}

export interface ReceiverHookOptions {
  kind: TransferKind;
  /** Transfers of any other event are refused. */
  eventId?: string;
  /** A transfer read in full and checked (hash, tally file's chain): called once per transfer. */
  onDone: (done: { transferId: string; number: number; content: TransferContent }) => void;
}

export interface ReceiverHook {
  /** Every decoded QR text (FrameScanner's onFrame). */
  receive: (frameText: string) => void;
  /** Transfers seen, in the order first seen. */
  transfers: TransferInView[];
  /** The latest refusal, if any (shown until a transfer is received). */
  refusal: TransferProblem | null;
}

export function useReceiver({ kind, eventId, onDone }: ReceiverHookOptions): ReceiverHook {
  const [transfers, setTransfers] = useState<TransferInView[]>([]);
  const [refusal, setRefusal] = useState<TransferProblem | null>(null);
  const done = useRef(onDone);
  useEffect(() => {
    done.current = onDone;
  });
  // Numbers are given here, not in state, so two frames in one render get distinct numbers.
  const numbers = useRef(new Map<string, number>());
  const finished = useRef(new Set<string>());

  const numberOf = useCallback((transferId: string) => {
    let n = numbers.current.get(transferId);
    if (n === undefined) {
      n = numbers.current.size + 1;
      numbers.current.set(transferId, n);
    }
    return n;
  }, []);

  const apply = useCallback(
    (update: ReceiveUpdate) => {
      if (update.type === 'ignored') return;
      if (update.type === 'refused') {
        setRefusal((last) => (sameProblem(last, update.problem) ? last : update.problem));
        return;
      }
      const number = numberOf(update.transferId);
      if (update.type === 'progress') {
        const { transferId, fraction, ballots, receivedBallots } = update;
        setTransfers((all) =>
          upsert(all, {
            transferId,
            number,
            fraction,
            received: false,
            ...(ballots === undefined ? {} : { ballots }),
            ...(receivedBallots === undefined ? {} : { receivedBallots }),
          }),
        );
        return;
      }
      // 'done': once per transfer, whatever the Receiver says twice.
      if (finished.current.has(update.transferId)) return;
      finished.current.add(update.transferId);
      const { ballots } = update.content;
      setTransfers((all) =>
        upsert(all, {
          transferId: update.transferId,
          number,
          fraction: 1,
          received: true,
          ...(ballots === undefined ? {} : { ballots, receivedBallots: ballots }),
        }),
      );
      setRefusal(null);
      done.current({ transferId: update.transferId, number, content: update.content });
    },
    [numberOf],
  );

  const [receiver] = useState(
    () =>
      new Receiver({
        kind,
        ...(eventId === undefined ? {} : { eventId }),
        onSettled: (update) => apply(update),
      }),
  );
  const receive = useCallback((text: string) => apply(receiver.receive(text)), [receiver, apply]);
  return { receive, transfers, refusal };
}

function upsert(all: TransferInView[], next: TransferInView): TransferInView[] {
  const at = all.findIndex((t) => t.transferId === next.transferId);
  if (at === -1) return [...all, next];
  const old = all[at];
  // A late progress frame never takes a received transfer back to "receiving".
  if (old?.received === true && !next.received) return all;
  return all.map((t, i) => (i === at ? next : t));
}

function sameProblem(a: TransferProblem | null, b: TransferProblem): boolean {
  return a !== null && a.code === b.code && JSON.stringify(a.params) === JSON.stringify(b.params);
}
