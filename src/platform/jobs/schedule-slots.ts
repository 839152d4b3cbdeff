// The slots of a schedule: the instants its cron expression names. Every process computes the
// same slots from the same expression, and a slot's job has an id made from the schedule's name
// and the slot, so however many processes send it, the queue keeps one job per slot.
import { createHash } from 'node:crypto';
import cronParser from 'cron-parser';

/** Throws a readable error when the expression is not cron (5 fields, or 6 with seconds first). */
export function checkCron(name: string, cron: string): void {
  try {
    cronParser.parseExpression(cron, { tz: 'UTC' });
  } catch (error) {
    throw new Error(`schedule ${name}: "${cron}" is not a cron expression (${String(error)})`);
  }
}

/** The slots in (after, upTo], oldest first, in UTC. */
export function slotsBetween(cron: string, after: Date, upTo: Date): Date[] {
  const slots: Date[] = [];
  const expression = cronParser.parseExpression(cron, {
    tz: 'UTC',
    currentDate: after,
    endDate: upTo,
  });
  while (expression.hasNext()) {
    const slot = expression.next().toDate();
    // cron-parser works in whole seconds; a slot at `after` itself belongs to the earlier span.
    if (slot.getTime() > after.getTime()) slots.push(slot);
  }
  return slots;
}

/** The same UUID for the same schedule and slot, in every process (an RFC 9562 version 8 UUID). */
export function slotJobId(scheduleName: string, slot: Date): string {
  const hex = createHash('sha256').update(`${scheduleName}\n${slot.toISOString()}`).digest('hex');
  const variant = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
