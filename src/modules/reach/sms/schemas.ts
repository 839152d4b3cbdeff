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

export const SmsCostEstimate = z.object({
  provider: z.enum(['test', 'africastalking', 'twilio']),
  currency: z.string(),
  /** The configured price of one segment, a decimal string. */
  perSegment: z.string(),
  /** The price of one message: the price of a segment times the segments, exact. */
  perMessage: z.string(),
});

export const SmsTemplateLanguage = z.object({
  language: z.string(),
  /** The text with its placeholders as `{name}`. */
  text: z.string(),
  /** Counted with each placeholder at its longest. */
  encoding: SmsEncoding,
  units: z.number().int(),
  segments: z.number().int(),
  estimates: z.array(SmsCostEstimate),
});

export const SmsTemplateView = z.object({
  name: z.string(),
  version: z.number().int(),
  /** What the outbox lists it as. */
  label: z.string(),
  placeholders: z.array(z.object({ name: z.string(), kind: z.string() })),
  carriesSecret: z.boolean(),
  reachesOptedOut: z.boolean(),
  languages: z.array(SmsTemplateLanguage),
});
export type SmsTemplateView = z.infer<typeof SmsTemplateView>;

export const SmsTemplateList = z.object({ items: z.array(SmsTemplateView) });
export type SmsTemplateList = z.infer<typeof SmsTemplateList>;
