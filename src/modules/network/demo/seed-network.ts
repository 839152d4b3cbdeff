// The real part of the demo network, read from public facts (data/organizations.json) and the few
// additions the seed needs (data/additions.json): organizations as the network module's inputs,
// and their ties by organization name. Pure: the loader turns names into ids.
import { z } from 'zod';
import type {
  CreateAffiliationInput,
  CreateOrganizationInput,
  CreatePartnershipInput,
} from '../schemas.ts';
import additionsFile from './data/additions.json' with { type: 'json' };
import factsFile from './data/organizations.json' with { type: 'json' };

export type DemoAffiliation = {
  tie: 'affiliation';
  kind: CreateAffiliationInput['kind'];
  member: string;
  parent: string;
  startedOn?: string;
  endedOn?: string;
  note?: string;
};
export type DemoPartnership = {
  tie: 'partnership';
  kind: CreatePartnershipInput['kind'];
  from: string;
  to: string;
  startedOn?: string;
  endedOn?: string;
  note?: string;
};
export type DemoTie = DemoAffiliation | DemoPartnership;
/** An organization of the demo and the name its ties use. Names are unique across the demo. */
export type DemoOrganization = { name: string; input: CreateOrganizationInput };
export type DemoNetwork = { organizations: DemoOrganization[]; ties: DemoTie[] };

const Relation = z.object({
  type: z.enum(['member-of', 'subsidiary-of', 'partner-of']),
  target: z.string(),
  note: z.string().optional(),
});
const FactRecord = z.object({
  name: z.string(),
  shortName: z.string().optional(),
  kind: z.string(),
  sector: z.string(),
  country: z.string(),
  city: z.string().optional(),
  coordinates: z.object({ lat: z.number(), lon: z.number() }).optional(),
  foundingYear: z.number().optional(),
  members: z
    .object({
      count: z.number().nullable(),
      year: z.number().nullable(),
      unit: z.string(),
      note: z.string().optional(),
    })
    .optional(),
  website: z.string().optional(),
  description: z.string().optional(),
  relations: z.array(Relation).default([]),
  sources: z.array(z.string()),
  unverified: z.array(z.string()).default([]),
  notes: z.string().optional(),
  nameNative: z.object({ text: z.string(), script: z.string() }).optional(),
});
type FactRecord = z.infer<typeof FactRecord>;

const AffiliationUse = z.object({
  tie: z.literal('affiliation'),
  kind: z.enum(['member-of', 'division-of', 'subsidiary-of']),
  parent: z.string().optional(),
  endedOn: z.string().optional(),
  note: z.string(),
});
const PartnershipTie = z.object({
  tie: z.literal('partnership'),
  kind: z.enum(['supply', 'technical-assistance', 'funding', 'joint-venture', 'training', 'other']),
  from: z.string(),
  to: z.string(),
  startedOn: z.string().optional(),
  note: z.string(),
});
const OtherName = z.object({ text: z.string(), script: z.string(), language: z.string() });
const Additions = z.object({
  organizations: z.array(
    z.object({
      name: z.string(),
      kind: z.string(),
      sector: z.string(),
      country: z.string(),
      description: z.string(),
      restsOn: z.string(),
    }),
  ),
  amendments: z.array(
    z.object({
      name: z.string(),
      otherNames: z.array(OtherName).optional(),
      addToDescription: z.string().optional(),
      restsOn: z.string(),
    }),
  ),
  relationChanges: z.array(
    z.object({
      organization: z.string(),
      target: z.string(),
      use: z.union([z.literal('drop'), AffiliationUse, PartnershipTie]),
      restsOn: z.string(),
    }),
  ),
  ties: z.array(PartnershipTie.extend({ restsOn: z.string() })),
});

// The scripts the file names, and the language each stands for where it says.
const languageOfScript: Record<string, string | undefined> = {
  Gujarati: 'gu',
  'Devanagari (Hindi)': 'hi',
  'Latin (Basque)': 'eu',
  'Latin (Basque/Spanish)': 'eu',
  'Latin (Spanish)': 'es',
  'Latin (French)': 'fr',
  'Latin (German)': 'de',
  'Latin (Portuguese)': 'pt',
  Bengali: 'bn',
  'Japanese (Kanji)': 'ja',
  'Japanese (Kanji/Katakana)': 'ja',
};

// Figures keep the unit the source used: only a count of members becomes the member total;
// workers become employees; customers and clients are not members, so they stay in the text only.
const memberUnits = new Set([
  'members',
  'member organisations',
  'member cooperatives',
  'farmer shareholders',
  'consumer members',
  'cooperative members',
  'farmer members',
  'farmer owners',
  'associates',
  'individual members',
  'active members',
  'cotton producer groups (GPC)',
]);
const employeeUnits = new Set(['workers', 'employees']);

function organizationFrom(record: FactRecord): CreateOrganizationInput {
  const unverified = (field: string) => record.unverified.some((entry) => entry === field);
  const members = unverified('members') ? undefined : record.members;
  const count = members?.count ?? undefined;
  const otherNames = record.nameNative
    ? [
        {
          text: record.nameNative.text,
          script: record.nameNative.script,
          language: languageOfScript[record.nameNative.script],
        },
      ]
    : [];
  const figures = members?.note
    ? ` Figures as recorded: ${members.note}${members.note.endsWith('.') ? '' : '.'}`
    : '';
  const description = [record.description ?? record.name, record.notes ?? '', figures.trim()]
    .filter((part) => part.length > 0)
    .join(' ');
  const languages = [
    ...new Set(otherNames.flatMap((name) => (name.language ? [name.language] : []))),
  ];
  return {
    name: record.name,
    ...(record.shortName ? { shortName: record.shortName } : {}),
    otherNames: otherNames.map(({ text, script, language }) => ({
      text,
      script,
      ...(language ? { language } : {}),
    })),
    kind: record.kind as CreateOrganizationInput['kind'],
    sector: record.sector as CreateOrganizationInput['sector'],
    country: record.country,
    ...(record.city ? { locality: record.city } : {}),
    ...(record.coordinates ? { coordinates: record.coordinates } : {}),
    languages,
    ...(record.foundingYear !== undefined && !unverified('foundingYear')
      ? { foundingYear: record.foundingYear }
      : {}),
    ...(count !== undefined && memberUnits.has(members?.unit ?? '')
      ? { members: { total: count } }
      : {}),
    ...(count !== undefined && employeeUnits.has(members?.unit ?? '') ? { employees: count } : {}),
    ...(record.website && !unverified('website') ? { website: `https://${record.website}` } : {}),
    description,
  };
}

/** The tie a relation of the file stands for, read by the kinds of the two organizations. */
function tieFrom(
  record: FactRecord,
  relation: z.infer<typeof Relation>,
  index: number,
  kindOf: (name: string) => string | undefined,
): DemoTie {
  const confirmed = !record.unverified.some((entry) => entry.startsWith(`relations[${index}]`));
  const note = relation.note === 'unverified' ? undefined : relation.note;
  const text = [note, confirmed ? undefined : 'Not confirmed by the sources read.']
    .filter(Boolean)
    .join('. ');
  const withNote = text ? { note: text } : {};
  if (relation.type === 'partner-of') {
    // "X partner-of Y" in the file mostly means Y promoted or supports X.
    return {
      tie: 'partnership',
      kind: 'other',
      from: relation.target,
      to: record.name,
      ...withNote,
    };
  }
  const kind =
    kindOf(record.name) === 'division'
      ? 'division-of'
      : relation.type === 'subsidiary-of' && kindOf(relation.target) !== 'division'
        ? 'subsidiary-of'
        : 'member-of';
  return { tie: 'affiliation', kind, member: record.name, parent: relation.target, ...withNote };
}

function tieKey(tie: DemoTie): string {
  // A partnership between two organizations is one tie, whichever side the file listed it on.
  return tie.tie === 'affiliation'
    ? `a|${tie.member}|${tie.parent}`
    : `p|${[tie.from, tie.to].sort().join('|')}`;
}

/** The real organizations of the demo, with the seed's additions, and their ties. */
export function buildSeedNetwork(): DemoNetwork {
  const records = z.array(FactRecord).parse(factsFile.organizations);
  const additions = Additions.parse(additionsFile);
  const kinds = new Map<string, string>(records.map((record) => [record.name, record.kind]));
  for (const extra of additions.organizations) kinds.set(extra.name, extra.kind);

  const organizations: DemoOrganization[] = records.map((record) => ({
    name: record.name,
    input: organizationFrom(record),
  }));
  for (const extra of additions.organizations) {
    organizations.push({
      name: extra.name,
      input: {
        name: extra.name,
        kind: extra.kind as CreateOrganizationInput['kind'],
        sector: extra.sector as CreateOrganizationInput['sector'],
        country: extra.country,
        description: extra.description,
      },
    });
  }
  for (const amendment of additions.amendments) {
    const organization = organizations.find((entry) => entry.name === amendment.name);
    if (!organization) throw new Error(`additions.json amends an unknown: ${amendment.name}`);
    const input = organization.input;
    if (amendment.otherNames) {
      input.otherNames = [...(input.otherNames ?? []), ...amendment.otherNames];
      input.languages = [
        ...new Set([...(input.languages ?? []), ...amendment.otherNames.map((n) => n.language)]),
      ];
    }
    if (amendment.addToDescription) {
      input.description = `${input.description ?? ''} ${amendment.addToDescription}`.trim();
    }
  }

  const changed: DemoTie[] = [];
  const plain: DemoTie[] = [];
  for (const record of records) {
    record.relations.forEach((relation, index) => {
      const change = additions.relationChanges.find(
        (entry) => entry.organization === record.name && entry.target === relation.target,
      );
      if (!change) {
        plain.push(tieFrom(record, relation, index, (name) => kinds.get(name)));
      } else if (change.use === 'drop') {
        // Left out on purpose; additions.json says why.
      } else if (change.use.tie === 'affiliation') {
        changed.push({
          tie: 'affiliation',
          kind: change.use.kind,
          member: record.name,
          parent: change.use.parent ?? relation.target,
          ...(change.use.endedOn ? { endedOn: change.use.endedOn } : {}),
          note: change.use.note,
        });
      } else {
        const { tie, kind, from, to, startedOn, note } = change.use;
        changed.push({ tie, kind, from, to, note, ...(startedOn ? { startedOn } : {}) });
      }
    });
  }
  for (const extra of additions.ties) {
    const { tie, kind, from, to, startedOn, note } = extra;
    changed.push({ tie, kind, from, to, note, ...(startedOn ? { startedOn } : {}) });
  }
  // The explicit ties of additions.json win over the file's generic reading of the same pair.
  const seen = new Set<string>();
  const ties = [...changed, ...plain].filter((tie) => {
    const key = tieKey(tie);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { organizations, ties };
}
