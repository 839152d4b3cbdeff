import type { Context } from '../../../platform/context.ts';
import { organizationUrl } from '../profiles/profile-links.ts';
import { getIntent } from './get-intent.ts';
import type { IntentKind } from './intent-schemas.ts';
import { valueFlowsContextUrl } from './valueflows-context.ts';

export type ValueFlowsAction = 'transfer' | 'deliver-service';

/**
 * Kinds of exchange as ValueFlows actions. Goods and money change hands (transfer of rights and
 * custody); services, know-how and training are delivered, not handed over (deliver-service).
 * `work` is not used: in ValueFlows it is labour put into a process, not something exchanged.
 */
export const valueFlowsActions: Record<IntentKind, ValueFlowsAction> = {
  product: 'transfer',
  service: 'deliver-service',
  'know-how': 'deliver-service',
  finance: 'transfer',
  training: 'deliver-service',
};

export type ValueFlowsIntent = {
  '@context': string;
  '@id': string;
  '@type': 'vf:Intent';
  action: ValueFlowsAction;
  provider?: string;
  receiver?: string;
  name: string;
  note?: string;
  hasBeginning?: string;
  hasEnd?: string;
  resourceClassifiedAs: string[];
  finished: boolean;
};

/** A classification of this instance: a fragment of its served ValueFlows context. */
export function classification(publicUrl: string, term: string): string {
  return `${valueFlowsContextUrl(publicUrl)}#${term}`;
}

/**
 * An offer or need as a ValueFlows Intent, for other ValueFlows systems: the offering organization
 * is its provider, the needing one its receiver (the other side is left open, as an intent's
 * is); its sector and kind classify the resource, and money is named as such for finance.
 */
export async function getValueFlowsIntent(ctx: Context, id: string): Promise<ValueFlowsIntent> {
  const intent = await getIntent(ctx, id);
  const agent = organizationUrl(ctx.publicUrl, intent.organizationId);
  return {
    '@context': valueFlowsContextUrl(ctx.publicUrl),
    '@id': `${ctx.publicUrl}/api/network/intents/${intent.id}`,
    '@type': 'vf:Intent',
    action: valueFlowsActions[intent.kind],
    ...(intent.direction === 'offer' ? { provider: agent } : { receiver: agent }),
    name: intent.title,
    ...(intent.description ? { note: intent.description } : {}),
    // ValueFlows' times are date-times: the whole of the first and the last day.
    ...(intent.validFrom ? { hasBeginning: `${intent.validFrom}T00:00:00Z` } : {}),
    ...(intent.validUntil ? { hasEnd: `${intent.validUntil}T23:59:59Z` } : {}),
    resourceClassifiedAs: [
      classification(ctx.publicUrl, `sector-${intent.sector}`),
      classification(ctx.publicUrl, `kind-${intent.kind}`),
      ...(intent.kind === 'finance' ? [classification(ctx.publicUrl, 'money')] : []),
    ],
    finished: intent.status === 'closed',
  };
}
