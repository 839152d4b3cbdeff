// The single place that decides who may do what. For now the rule is the one the README
// states: anyone may read the registry; only requests from this machine may change it.
import type { Actor } from './context.ts';
import { AppError } from './errors.ts';

export function assertMayWrite(actor: Actor): void {
  if (actor.type === 'local' || actor.type === 'system') return;
  throw new AppError(
    'forbidden',
    'Changes are accepted only from the machine Intercoop runs on until accounts are enabled.',
  );
}

const loopback = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;

/**
 * A request counts as local only when it comes from a loopback address and was not forwarded:
 * behind a reverse proxy on the same machine every request arrives from loopback, and the
 * Forwarded / X-Forwarded-For headers are the sign that it really came from elsewhere.
 */
export function actorForRequest(address: string | undefined, forwarded: boolean): Actor {
  if (address && loopback.test(address) && !forwarded) {
    return { type: 'local', description: `local (${address})` };
  }
  return { type: 'anonymous', description: `anonymous (${address ?? 'unknown address'})` };
}
