// Pure zod: what the phone channel's providers send, and the PIN reset's answer.
import { z } from 'zod';

// Provider fields are plain text: no control characters (a NUL would fail in the database).
const plain = (maximum: number) =>
  z
    .string()
    .max(maximum, `Use at most ${maximum} characters.`)
    .refine((value) => !/\p{Cc}/u.test(value), {
      message: 'Must not contain control characters.',
      params: { code: 'control-characters' },
    });

/** A hop of an Africa's Talking USSD session (form-encoded); other fields it adds are ignored. */
export const AfricasTalkingHop = z.object({
  sessionId: plain(100).min(1, 'Give the session id.'),
  serviceCode: plain(40).min(1, 'Give the service code dialled, such as *384*123#.'),
  phoneNumber: plain(32).min(1, 'Give the phone number, in the international format.'),
  networkCode: plain(20).optional(),
  // The inputs so far joined by `*`: 500 characters is dozens of screens.
  text: plain(500).default(''),
});
export type AfricasTalkingHop = z.infer<typeof AfricasTalkingHop>;

/** Africa's Talking's notice that a session ended; kept as sent, its `input` redacted. */
export const AfricasTalkingEvent = z
  .object({ sessionId: plain(100).min(1, 'Give the session id.') })
  .catchall(plain(2000));

export const WebhookQuery = z.object({ secret: z.string().max(200).optional() });

export const PinResetParams = z.strictObject({
  personId: z.uuid('Use a person id (a UUID).'),
});

export const PinReset = z.object({
  personId: z.uuid(),
  /** Until then the member may set a new PIN on first use, even on a phone shared with others. */
  setupOpenUntil: z.string(),
});
