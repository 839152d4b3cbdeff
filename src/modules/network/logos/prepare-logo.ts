// Turning an uploaded image into the logo we store: checked by its content (not by what the
// client says it is), bounded in pixels before anything is decoded, shrunk to fit 256×256,
// re-encoded as WebP without metadata (no EXIF location, no colour profile bloat).
import sharp, { type Metadata } from 'sharp';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { fieldErrorMessage } from '../../../platform/messages/field-error-text.ts';

export const logoMediaTypes = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type LogoMediaType = (typeof logoMediaTypes)[number];

export const maxLogoBytes = 1024 * 1024;
/** The box a stored logo fits in. */
export const logoSize = 256;
// A logo needs nothing near this; a larger picture is a photo sent by mistake or a decompression
// bomb (a small file that claims a huge canvas and would take gigabytes to decode).
export const maxLogoPixels = 4096 * 4096;

const formatNames: Record<string, string> = {
  png: 'PNG',
  jpeg: 'JPEG',
  webp: 'WebP',
  gif: 'GIF',
  svg: 'SVG',
  tiff: 'TIFF',
  heif: 'HEIF/AVIF',
};

export type PreparedLogo = {
  content: Buffer;
  mediaType: 'image/webp';
  width: number;
  height: number;
  /** What was sent, for the audit log. */
  upload: { mediaType: LogoMediaType; byteSize: number; width: number; height: number };
};

type Refusal =
  | 'empty'
  | 'too-large'
  | 'not-an-image'
  | 'type-mismatch'
  | 'no-size'
  | 'too-many-pixels'
  | 'damaged';

// The English detail names what was found (a format, a size); other languages word the reason.
function refuse(reason: Refusal, detail: string): never {
  const error: FieldError = { pointer: '/', detail, code: 'invalid-image', params: { reason } };
  throw new AppError('validation-failed', fieldErrorMessage(error), { errors: [error] });
}

export function isLogoMediaType(value: string): value is LogoMediaType {
  return (logoMediaTypes as readonly string[]).includes(value);
}

export async function prepareLogo(bytes: Buffer, declared: LogoMediaType): Promise<PreparedLogo> {
  if (bytes.length === 0) refuse('empty', 'The body is empty; send the image file itself.');
  if (bytes.length > maxLogoBytes)
    refuse('too-large', 'The image is larger than 1 MiB; send a smaller file.');
  // Reading the header alone decodes no pixels, so it is safe before the size check.
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    refuse(
      'not-an-image',
      'The body is not a PNG, JPEG or WebP image; send the image file itself.',
    );
  }
  const actual = metadata.format ? `image/${metadata.format}` : undefined;
  if (actual !== declared) {
    const name = formatNames[metadata.format ?? ''] ?? metadata.format ?? 'unknown';
    refuse(
      isLogoMediaType(actual ?? '') ? 'type-mismatch' : 'not-an-image',
      isLogoMediaType(actual ?? '')
        ? `The body is a ${name} image, but Content-Type says ${declared}; send the matching Content-Type.`
        : `The body is a ${name} image; send a PNG, JPEG or WebP image.`,
    );
  }
  const width = metadata.width ?? 0;
  const height = metadata.height ?? 0;
  if (width < 1 || height < 1) refuse('no-size', 'The image has no size; send a real picture.');
  if (width * height > maxLogoPixels) {
    refuse(
      'too-many-pixels',
      `The image is ${width}×${height} pixels; send one of at most ${maxLogoPixels.toLocaleString('en')} pixels (4096×4096), such as a ${logoSize}×${logoSize} logo.`,
    );
  }
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: maxLogoPixels, failOn: 'error' })
      // Photos from phones say how they were held; apply it before the metadata goes.
      .autoOrient()
      .resize(logoSize, logoSize, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 85, effort: 4 })
      .toBuffer({ resolveWithObject: true });
    return {
      content: data,
      mediaType: 'image/webp',
      width: info.width,
      height: info.height,
      upload: { mediaType: declared, byteSize: bytes.length, width, height },
    };
  } catch {
    // A header that reads well over a body that does not: truncated or corrupt.
    return refuse(
      'damaged',
      'The image is damaged or incomplete (it could not be decoded); send it again.',
    );
  }
}
