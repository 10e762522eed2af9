/**
 * Work run one at a time per key (an event id), in the order asked: a PostgreSQL store's cache
 * loads, so an older load of an event never lands after a newer one. Keys do not wait for each
 * other. A failed run fails its caller only; the next run of the key goes ahead.
 */
export class PerKeyQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const next = (this.tails.get(key) ?? Promise.resolve()).then(work);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    // Forget a key once nothing waits on it, so the map holds only keys in use.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }

  /** Resolves once every run asked so far has finished. */
  async idle(): Promise<void> {
    await Promise.all([...this.tails.values()]);
  }
}
