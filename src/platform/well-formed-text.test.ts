import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bytesProblem,
  decodeMarkingInvalid,
  findTextProblem,
  firstInvalidUtf8,
  textProblem,
} from './well-formed-text.ts';

// Bytes near the edges of UTF-8's forms: leads, continuations, overlongs, surrogates, past U+10FFFF.
const edgyBytes = fc.array(
  fc.oneof(
    fc.integer({ min: 0, max: 255 }),
    fc.constantFrom(0x80, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff),
    fc.constantFrom(0x9f, 0xa0, 0x8f, 0x90),
  ),
  { maxLength: 12 },
);
const textAndBytes = fc.oneof(
  edgyBytes.map((bytes) => Buffer.from(bytes)),
  fc.string({ unit: 'binary' }).map((text) => Buffer.from(text, 'utf8')),
);

describe('firstInvalidUtf8', () => {
  it('finds nothing exactly when the bytes are well-formed UTF-8, and the bytes before it are', () => {
    fc.assert(
      fc.property(textAndBytes, (bytes) => {
        const at = firstInvalidUtf8(bytes);
        expect(at === -1).toBe(isUtf8(bytes));
        if (at !== -1) {
          expect(isUtf8(bytes.subarray(0, at))).toBe(true);
          // Whatever follows, the sequence starting there cannot be completed into UTF-8.
          expect(isUtf8(bytes.subarray(0, at + 4))).toBe(false);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses overlong forms, surrogates, code points past U+10FFFF and cut sequences', () => {
    for (const bytes of [
      [0xc0, 0x80],
      [0xe0, 0x80, 0x80],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0x61, 0xc3],
    ])
      expect(firstInvalidUtf8(Buffer.from(bytes)), JSON.stringify(bytes)).toBe(
        bytes[0] === 0x61 ? 1 : 0,
      );
    expect(firstInvalidUtf8(Buffer.from('Électricité सहकारी 🌾', 'utf8'))).toBe(-1);
  });
});

describe('decodeMarkingInvalid', () => {
  it('decodes UTF-8 as it is, and marks each stray byte so that textProblem finds it', () => {
    fc.assert(
      fc.property(textAndBytes, (bytes) => {
        const text = decodeMarkingInvalid(bytes);
        if (isUtf8(bytes)) expect(text).toBe(bytes.toString('utf8'));
        else expect(textProblem(text.replaceAll('\u0000', ''))).toBe('invalid-encoding');
      }),
    );
  });
});

describe('textProblem and bytesProblem', () => {
  it('name a NUL and a lone surrogate; surrogate pairs and other controls are text', () => {
    expect(textProblem('a\u0000b')).toBe('control-characters');
    expect(textProblem('a\ud800')).toBe('invalid-encoding');
    expect(textProblem('\udc00a')).toBe('invalid-encoding');
    expect(textProblem('🌾 line\nbreak\ttab')).toBeUndefined();
    expect(bytesProblem(Buffer.from([0x61, 0x00]))).toBe('control-characters');
    expect(bytesProblem(Buffer.from('caf\u00e9', 'latin1'))).toBe('invalid-encoding');
    expect(bytesProblem(Buffer.from('café', 'utf8'))).toBeUndefined();
  });
});

describe('findTextProblem', () => {
  it('points at the first string or key at fault, in document order', () => {
    expect(findTextProblem({ a: 'fine', b: ['ok', { 'c/d': 'x\u0000' }], e: '\ud800' })).toEqual({
      pointer: '/b/1/c~1d',
      problem: 'control-characters',
    });
    expect(findTextProblem({ ok: 1, 'k\ud800': 'v' })).toEqual({
      pointer: '/k\ud800',
      problem: 'invalid-encoding',
    });
    expect(findTextProblem('\u0000')).toEqual({ pointer: '/', problem: 'control-characters' });
    expect(findTextProblem({ a: [1, true, null, 'fine'] })).toBeUndefined();
  });

  it('walks deeply nested input without exhausting the stack', () => {
    let deep: unknown = 'bottom\u0000';
    for (let level = 0; level < 200_000; level += 1) deep = [deep];
    expect(findTextProblem(deep)?.problem).toBe('control-characters');
  });
});
