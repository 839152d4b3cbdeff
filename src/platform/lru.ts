// A map that forgets its least recently used entries past a count and a total size.

export type LruLimits = { maxEntries: number; maxBytes: number };

type Slot<V> = { value: V; bytes: number };

export class Lru<K, V> {
  // A Map iterates in insertion order: deleting and setting again moves a key to the end, so the
  // first key is always the least recently used.
  private readonly slots = new Map<K, Slot<V>>();
  private bytes = 0;

  constructor(private readonly limits: LruLimits) {}

  get size(): number {
    return this.slots.size;
  }

  get totalBytes(): number {
    return this.bytes;
  }

  /** The value, now the most recently used; undefined when absent. */
  get(key: K): V | undefined {
    const slot = this.slots.get(key);
    if (slot === undefined) return undefined;
    this.slots.delete(key);
    this.slots.set(key, slot);
    return slot.value;
  }

  /** Keeps the value (as the most recently used) unless it alone is over the size limit. */
  set(key: K, value: V, bytes: number): void {
    this.delete(key);
    if (bytes > this.limits.maxBytes) return;
    this.slots.set(key, { value, bytes });
    this.bytes += bytes;
    for (const [oldest, slot] of this.slots) {
      if (this.slots.size <= this.limits.maxEntries && this.bytes <= this.limits.maxBytes) break;
      this.slots.delete(oldest);
      this.bytes -= slot.bytes;
    }
  }

  delete(key: K): void {
    const slot = this.slots.get(key);
    if (slot === undefined) return;
    this.slots.delete(key);
    this.bytes -= slot.bytes;
  }

  clear(): void {
    this.slots.clear();
    this.bytes = 0;
  }
}
