import { describe, expect, it } from 'vitest';
import { Lru } from './lru.ts';

describe('a least-recently-used map', () => {
  it('forgets the least recently used entry past the count', () => {
    const lru = new Lru<string, number>({ maxEntries: 2, maxBytes: 1000 });
    lru.set('a', 1, 10);
    lru.set('b', 2, 10);
    expect(lru.get('a')).toBe(1); // now b is the least recently used
    lru.set('c', 3, 10);
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe(1);
    expect(lru.get('c')).toBe(3);
    expect(lru.size).toBe(2);
    expect(lru.totalBytes).toBe(20);
  });

  it('forgets as many as it takes to stay under the size, and refuses an entry over it', () => {
    const lru = new Lru<string, string>({ maxEntries: 100, maxBytes: 100 });
    lru.set('a', 'a', 40);
    lru.set('b', 'b', 40);
    lru.set('c', 'c', 70);
    expect([lru.get('a'), lru.get('b'), lru.get('c')]).toEqual([undefined, undefined, 'c']);
    expect(lru.totalBytes).toBe(70);
    lru.set('huge', 'huge', 101);
    expect(lru.get('huge')).toBeUndefined();
    expect(lru.get('c')).toBe('c');
  });

  it('replaces an entry under the same key, counting its new size only', () => {
    const lru = new Lru<string, number>({ maxEntries: 10, maxBytes: 100 });
    lru.set('a', 1, 60);
    lru.set('a', 2, 30);
    expect(lru.get('a')).toBe(2);
    expect(lru.totalBytes).toBe(30);
    lru.delete('a');
    expect(lru.size).toBe(0);
    expect(lru.totalBytes).toBe(0);
  });
});
