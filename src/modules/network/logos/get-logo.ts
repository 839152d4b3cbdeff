import { createHash } from 'node:crypto';
import type { Context } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { networkMessage } from '../messages.ts';
import { selectLogo } from './logo-queries.ts';

export type Logo = {
  content: Buffer;
  mediaType: string;
  width: number;
  height: number;
  updatedAt: Date;
  /** A strong validator of the bytes, for If-None-Match. */
  etag: string;
};

/** An organization's logo, public like the organization itself; 404 when it has none. */
export async function getLogo(ctx: Context, organizationId: string): Promise<Logo> {
  const logo = await selectLogo(ctx.db, organizationId);
  if (!logo) {
    throw new AppError('not-found', networkMessage('logo.none', { id: organizationId }));
  }
  const digest = createHash('sha256').update(logo.content).digest('base64url').slice(0, 27);
  return { ...logo, etag: `"${digest}"` };
}
