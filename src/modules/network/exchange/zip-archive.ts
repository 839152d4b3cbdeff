// Reading an uploaded zip without trusting it: its central directory is read first and the
// inflated sizes it declares are held to the limits before anything is inflated; each file is
// then inflated as a stream (zlib, off the main thread), counted against the same limits as it
// comes (the declared sizes may lie) and never held whole unless asked for. A zip bomb is refused
// having cost a few reads, not a gigabyte of memory.
import yauzl from 'yauzl';
import { AppError } from '../../../platform/errors.ts';
import { yieldOften } from '../../../platform/yield-often.ts';
import { networkMessage } from '../messages.ts';

export type InflateLimits = { maxInflatedBytes: number; maxInflatedFileBytes: number };

export type ZipArchive = {
  has(name: string): boolean;
  /** A file's inflated bytes as they come, refused past the limits. */
  read(name: string): AsyncGenerator<Uint8Array>;
  /** A whole (small) file. */
  readAll(name: string): Promise<Buffer>;
  close(): void;
};

const mib = (bytes: number) => Math.floor(bytes / (1024 * 1024));

/** `file` is a file of the archive, or the empty string for the whole archive. */
function tooLarge(file: string, limit: number, setting: string): AppError {
  return new AppError(
    'too-large',
    networkMessage('exchange.inflates-too-much', {
      what: file ? 'file' : 'archive',
      file,
      mib: mib(limit),
      setting,
    }),
  );
}

export async function openZipArchive(bytes: Buffer, limits: InflateLimits): Promise<ZipArchive> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(bytes, {
      lazyEntries: true,
      autoClose: false,
      validateEntrySizes: true,
    });
  } catch {
    throw new AppError('validation-failed', networkMessage('exchange.not-zip'));
  }
  const entries = new Map<string, yauzl.Entry>();
  let declared = 0;
  const pause = yieldOften();
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.uncompressedSize > limits.maxInflatedFileBytes)
        throw tooLarge(entry.fileName, limits.maxInflatedFileBytes, 'IMPORT_MAX_INFLATED_FILE_MIB');
      declared += entry.uncompressedSize;
      if (declared > limits.maxInflatedBytes)
        throw tooLarge('', limits.maxInflatedBytes, 'IMPORT_MAX_INFLATED_MIB');
      entries.set(entry.fileName, entry);
      await pause();
    }
  } catch (error) {
    zip.close();
    if (error instanceof AppError) throw error;
    throw new AppError(
      'validation-failed',
      networkMessage('exchange.zip-damaged', {
        what: 'archive',
        file: '',
        reason: (error as Error).message,
      }),
    );
  }

  let inflated = 0;
  async function* read(name: string): AsyncGenerator<Uint8Array> {
    const entry = entries.get(name);
    if (!entry)
      throw new AppError(
        'validation-failed',
        networkMessage('exchange.file-missing', { file: name }),
      );
    let stream: Awaited<ReturnType<yauzl.ZipFile['openReadStreamPromise']>> | undefined;
    let size = 0;
    try {
      stream = await zip.openReadStreamPromise(entry);
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        size += chunk.length;
        inflated += chunk.length;
        if (size > limits.maxInflatedFileBytes)
          throw tooLarge(name, limits.maxInflatedFileBytes, 'IMPORT_MAX_INFLATED_FILE_MIB');
        if (inflated > limits.maxInflatedBytes)
          throw tooLarge('', limits.maxInflatedBytes, 'IMPORT_MAX_INFLATED_MIB');
        yield chunk;
      }
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError(
        'validation-failed',
        networkMessage('exchange.zip-damaged', {
          what: 'file',
          file: name,
          reason: (error as Error).message,
        }),
      );
    } finally {
      stream?.destroy();
    }
  }

  return {
    has: (name) => entries.has(name),
    read,
    async readAll(name) {
      const chunks: Uint8Array[] = [];
      for await (const chunk of read(name)) chunks.push(chunk);
      return Buffer.concat(chunks);
    },
    close: () => zip.close(),
  };
}
