// Pure zod: what the SMS part of the reach module takes and answers (the web app may import it).
import { z } from 'zod';

/** The longest text counted or sent: ten segments of GSM-7, as long as providers take. */
export const maxSmsTextLength = 1600;

const markup = /<\s*[a-zA-Z/!?]/;

/**
 * The text of an SMS, as it is sent: not trimmed (spaces are septets too), plain text only. An
 * SMS shows markup as it is, so a text holding some was written for another medium.
 */
export const SmsText = z
  .string()
  .min(1, 'Write the text to count: it is empty.')
  .max(maxSmsTextLength, `Must be at most ${maxSmsTextLength} characters.`)
  .refine((value) => !markup.test(value), {
    message: 'Must not contain markup such as <tags>: an SMS shows it as it is.',
    params: { code: 'markup' },
  });

export const SegmentsInput = z.strictObject({ text: SmsText });
export type SegmentsInput = z.infer<typeof SegmentsInput>;

export const SmsEncoding = z.enum(['GSM-7', 'UCS-2']);

export const SegmentCount = z.object({
  encoding: SmsEncoding,
  /** Septets for GSM-7 (a character of the extension table counts two), UTF-16 units for UCS-2. */
  units: z.number().int(),
  segments: z.number().int(),
});
export type SegmentCount = z.infer<typeof SegmentCount>;
