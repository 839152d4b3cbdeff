// Long work in the server's one thread (an import of a whole registry: inflating, parsing and
// checking hundreds of thousands of rows) must leave room for what else comes in, a health check
// or a search. Such work calls the function `yieldOften` returns often; every few milliseconds of
// work, it lets the event loop run whatever waits before going on.
import { setImmediate } from 'node:timers/promises';

export function yieldOften(sliceMilliseconds = 10): () => Promise<void> {
  let sliceStart = performance.now();
  return async () => {
    if (performance.now() - sliceStart < sliceMilliseconds) return;
    await setImmediate();
    sliceStart = performance.now();
  };
}

/** `items.map(work)`, letting the event loop run every few milliseconds. */
export async function mapInSlices<T, U>(items: readonly T[], work: (item: T) => U): Promise<U[]> {
  const pause = yieldOften();
  const mapped: U[] = [];
  for (const item of items) {
    mapped.push(work(item));
    await pause();
  }
  return mapped;
}
