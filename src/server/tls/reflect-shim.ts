/**
 * The three Reflect metadata functions tsyringe (a dependency of @peculiar/x509) calls, which it
 * expects a polyfill such as `reflect-metadata` to have put on the global Reflect before it is
 * loaded. Imported by local-ca.ts before @peculiar/x509; a real polyfill, if one is ever loaded
 * first, is left in place.
 */
type Target = object;
const store = new WeakMap<Target, Map<unknown, unknown>>();

function own(target: Target, key: unknown): unknown {
  return store.get(target)?.get(key);
}

const shim = {
  defineMetadata(key: unknown, value: unknown, target: Target): void {
    let entries = store.get(target);
    if (entries === undefined) store.set(target, (entries = new Map()));
    entries.set(key, value);
  },
  getOwnMetadata: (key: unknown, target: Target): unknown => own(target, key),
  getMetadata(key: unknown, target: Target): unknown {
    for (
      let at: Target | null = target;
      at !== null;
      at = Object.getPrototypeOf(at) as Target | null
    ) {
      const value = own(at, key);
      if (value !== undefined) return value;
    }
    return undefined;
  },
};

const reflect = Reflect as unknown as Record<string, unknown>;
for (const [name, fn] of Object.entries(shim)) {
  if (typeof reflect[name] !== 'function') reflect[name] = fn;
}
