// The reach module's part of the demo: members with phone numbers in India (two of them sharing
// one household phone), Kenya, Spain and Liberia, made through the accounts' door in demo
// cooperatives. One of them gets a random PIN, printed once at the first start; the others set
// theirs on first use (the one sharing the Indian phone through "Set a new PIN").
import { randomInt } from 'node:crypto';
import { authorize } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { type Context, inTransaction } from '../../../platform/context.ts';
import type { DemoContext, DemoPhoneCredentials, ModuleDemo } from '../../../platform/demo.ts';
import { newId } from '../../../platform/ids.ts';
import { addMember, getPerson, removeDemoMembers } from '../../accounts/index.ts';
import { getOrganization } from '../../network/index.ts';
import { hashPin, isEasyPin } from '../pins/pin-hash.ts';
import { reach, storePin } from '../queries.ts';

type DemoMember = {
  /** The organization's name in the demo, or how to find it. */
  organization: string | ((ctx: Context, ids: ReadonlyMap<string, string>) => Promise<string>);
  displayName: string;
  phone: string;
  preferredLanguage: string;
  kind: 'worker-member' | 'farmer-member' | 'member';
  /** This member's PIN is made and printed. */
  printed?: string;
};

const householdPhone = '+919825012345';

/** The first generated Kenyan dairy cooperative of the demo. */
async function kenyanDairy(ctx: Context, ids: ReadonlyMap<string, string>): Promise<string> {
  for (const [name, id] of ids) {
    if (!name.endsWith("Dairy Farmers' Co-operative Society")) continue;
    if ((await getOrganization(ctx, id)).country === 'KE') return name;
  }
  return 'Co-operative Bank of Kenya';
}

export const demoMembers: DemoMember[] = [
  {
    organization: "Kaira District Co-operative Milk Producers' Union Ltd",
    displayName: 'Demo: Meena Parmar',
    phone: householdPhone,
    preferredLanguage: 'hi',
    kind: 'farmer-member',
    printed:
      "farmer-member of the Kaira milk union, India; her household's phone, shared with Kamla",
  },
  {
    organization: "Kaira District Co-operative Milk Producers' Union Ltd",
    displayName: 'Demo: Kamla Solanki',
    phone: householdPhone,
    preferredLanguage: 'gu',
    kind: 'farmer-member',
  },
  {
    organization: kenyanDairy,
    displayName: 'Demo: Wanjiru Kamau',
    phone: '+254712345678',
    preferredLanguage: 'sw',
    kind: 'farmer-member',
  },
  {
    organization: 'Mondragon Unibertsitatea',
    displayName: 'Demo: Ane Etxeberria',
    phone: '+34612345678',
    preferredLanguage: 'es',
    kind: 'worker-member',
  },
  {
    organization: 'Totota Electric Cooperative',
    displayName: 'Demo: Joseph Flomo',
    phone: '+231770123456',
    preferredLanguage: 'en',
    kind: 'member',
  },
];

function randomPin(): string {
  for (;;) {
    const pin = String(randomInt(100_000, 1_000_000));
    if (!isEasyPin(pin)) return pin;
  }
}

async function selectDemoMemberIds(ctx: Context): Promise<string[]> {
  const rows = await reach(ctx.db).selectFrom('reach_demo_member').select('person_id').execute();
  return rows.map((row) => row.person_id);
}

async function loadDemoMembers(ctx: Context, demo: Partial<DemoContext>) {
  const ids = demo.organizationIds;
  if (!ids) throw new Error("the reach demo loads after the network's");
  const phones: DemoPhoneCredentials[] = [];
  const startedOn = '2024-02-01';
  for (const member of demoMembers) {
    const name =
      typeof member.organization === 'string'
        ? member.organization
        : await member.organization(ctx, ids);
    const organizationId = ids.get(name);
    if (!organizationId) throw new Error(`the demo has no organization named ${name}`);
    const added = await addMember(ctx, organizationId, {
      person: {
        displayName: member.displayName,
        phone: member.phone,
        preferredLanguage: member.preferredLanguage,
      },
      membership: { kind: member.kind, startedOn },
    });
    await reach(ctx.db)
      .insertInto('reach_demo_member')
      .values({ person_id: added.personId })
      .execute();
    if (member.printed) {
      const pin = randomPin();
      await storePin(ctx.db, added.personId, await hashPin(pin), ctx.now());
      phones.push({ phone: member.phone, pin, description: member.printed });
    }
  }
  return phones;
}

export const reachDemo: ModuleDemo = {
  async find(ctx) {
    const demoMemberIds = await selectDemoMemberIds(ctx);
    return demoMemberIds.length > 0 ? { demoMemberIds } : undefined;
  },
  async load(ctx, demo) {
    const phones = await inTransaction(ctx, (tx) => loadDemoMembers(tx, demo));
    return { counts: { phoneMembers: demoMembers.length }, phones };
  },
  // Interests that people outside the demo showed in the demo's offers and needs, or that were
  // recorded for a demo organization by someone else.
  async findReferences(ctx, demo) {
    const organizationIds = [...(demo.organizationIds?.values() ?? [])];
    if (organizationIds.length === 0) return [];
    const members = await selectDemoMemberIds(ctx);
    const rows = await reach(ctx.db)
      .selectFrom('reach_intent_interest')
      .select(['id', 'intent_id'])
      .where((eb) =>
        eb.or([
          eb('intent_organization_id', 'in', organizationIds),
          eb('organization_id', 'in', organizationIds),
        ]),
      )
      .$if(members.length > 0, (query) => query.where('person_id', 'not in', members))
      .orderBy('id')
      .execute();
    return rows.map((row) => `interest ${row.id} in the offer or need ${row.intent_id}`);
  },
  async remove(ctx) {
    authorize(ctx.actor, { anyOf: [], write: true, organizationId: null });
    const personIds = await selectDemoMemberIds(ctx);
    if (personIds.length === 0) return { phoneMembers: 0 };
    const phones = new Set<string>();
    for (const personId of personIds) {
      const phone = (await getPerson(ctx, personId)).phone;
      if (phone) phones.add(phone);
    }
    const db = reach(ctx.db);
    await db.deleteFrom('reach_intent_interest').where('person_id', 'in', personIds).execute();
    await db.deleteFrom('reach_pin').where('person_id', 'in', personIds).execute();
    await db.deleteFrom('reach_demo_member').where('person_id', 'in', personIds).execute();
    if (phones.size > 0) {
      await db
        .deleteFrom('reach_ussd_session')
        .where('phone', 'in', [...phones])
        .execute();
      await db
        .deleteFrom('reach_phone')
        .where('phone', 'in', [...phones])
        .execute();
    }
    await recordAudit(ctx, {
      action: 'remove-demo-phones',
      entityType: 'demo',
      entityId: newId(),
      organizationId: null,
      before: { personIds },
      after: { phones: phones.size },
    });
    const { people } = await removeDemoMembers(ctx, personIds);
    return { phoneMembers: people };
  },
};
