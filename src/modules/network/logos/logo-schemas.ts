import { z } from 'zod';

export const LogoInfo = z
  .object({
    organizationId: z.uuid(),
    /** Where the logo is served; public. */
    url: z.string(),
    mediaType: z.literal('image/webp'),
    width: z.number().int(),
    height: z.number().int(),
    byteSize: z.number().int(),
  })
  .meta({ id: 'LogoInfo' });
export type LogoInfo = z.infer<typeof LogoInfo>;

export const LogoQuery = z.strictObject({
  // organization.logoUrl carries the organization's version so that a changed record busts caches.
  v: z.string().max(20, 'v is at most 20 characters.').optional(),
});
