// How the outbox tries again: from `retryFirstSeconds`, doubling, at most `retryMaxSeconds`
// apart, until `giveUpSeconds` after the message was written (or an admin's retry).
export type OutboxSettings = {
  retryFirstSeconds: number;
  retryMaxSeconds: number;
  giveUpSeconds: number;
};

/** An attempt in hand for longer is taken as lost (its process died) and may be made again. */
export const attemptTimeLimitSeconds = 120;

/** The wait after the `attempt`-th failed attempt (1 for the first). */
export function retryDelaySeconds(attempt: number, settings: OutboxSettings): number {
  return Math.min(settings.retryMaxSeconds, settings.retryFirstSeconds * 2 ** (attempt - 1));
}
