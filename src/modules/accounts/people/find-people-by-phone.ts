import type { Db } from '../../../platform/db.ts';
import type { Person } from '../schemas.ts';
import { selectPeopleByPhone } from './person-queries.ts';

const e164 = /^\+[1-9][0-9]{6,14}$/;

/**
 * The people whose phone is this number (E.164), in id order: several when a household shares
 * one basic phone. A system-side read for the phone channel, which knows only the number a
 * message came from: it takes a database handle, not an actor, and checks no access, so a
 * caller must not show its answer to anyone beyond what that one may see (a member texting in
 * is told only about themself). Parse a number from outside with `toE164` first; a text that is
 * not E.164 is a programming error.
 */
export async function findPeopleByPhone(db: Db, phone: string): Promise<Person[]> {
  if (!e164.test(phone))
    throw new Error(`findPeopleByPhone takes a number in E.164, not "${phone}"`);
  return selectPeopleByPhone(db, phone);
}
