// The text of a file in an import (a CSV table, a JSON export), from its bytes as they come:
// checked to be UTF-8 without NUL as it goes, so that a refusal names the file and the line
// (a Latin-1 file would otherwise pass, its accented letters turned into U+FFFD).
import { AppError } from '../../../platform/errors.ts';
import { selectorOf } from '../../../platform/messages/catalogue.ts';
import {
  bytesProblem,
  firstInvalidUtf8,
  textProblemDetails,
} from '../../../platform/well-formed-text.ts';
import { networkMessage } from '../messages.ts';

/** How many bytes end `bytes` as the start of a character that the next chunk completes. */
function cutCharacter(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back += 1) {
    const byte = bytes[bytes.length - back] as number;
    if ((byte & 0xc0) === 0x80) continue;
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? back : 0;
  }
  return 0;
}

function countLineBreaks(bytes: Uint8Array, end = bytes.length): number {
  let count = 0;
  for (let at = bytes.indexOf(10); at !== -1 && at < end; at = bytes.indexOf(10, at + 1))
    count += 1;
  return count;
}

function refuseText(
  file: string,
  line: number,
  problem: 'control-characters' | 'invalid-encoding',
) {
  return new AppError(
    'validation-failed',
    networkMessage('exchange.file-text', { file, line, problem: selectorOf(problem) }),
    {
      errors: [
        {
          pointer: '/',
          detail: textProblemDetails[problem],
          code: problem,
          params: { file, line },
        },
      ],
    },
  );
}

/**
 * The file's text, a chunk for each chunk of bytes (cut between characters), refused with its
 * file and line at the first byte that is not UTF-8 or is a NUL.
 */
export async function* fileText(
  chunks: AsyncIterable<Uint8Array>,
  file: string,
): AsyncGenerator<string> {
  let carried: Uint8Array = new Uint8Array(0);
  let line = 1;
  const checked = (bytes: Uint8Array) => {
    const problem = bytesProblem(bytes);
    if (problem) {
      const invalid = firstInvalidUtf8(bytes);
      const nul = bytes.indexOf(0);
      const at = [invalid, nul].filter((offset) => offset !== -1).sort((a, b) => a - b)[0] ?? 0;
      throw refuseText(
        file,
        line + countLineBreaks(bytes, at),
        at === invalid ? 'invalid-encoding' : 'control-characters',
      );
    }
    line += countLineBreaks(bytes);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  };
  for await (const chunk of chunks) {
    const bytes = carried.length > 0 ? Buffer.concat([carried, chunk]) : chunk;
    const cut = bytes.length - cutCharacter(bytes);
    carried = Uint8Array.from(bytes.subarray(cut));
    yield checked(bytes.subarray(0, cut));
  }
  if (carried.length > 0) yield checked(carried);
}

/** The chunks of a buffer, so that long work on it can be cut into slices. */
export async function* chunksOf(bytes: Uint8Array, size = 16 * 1024): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}
