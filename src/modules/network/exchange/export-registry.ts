import { authorize } from '../../../platform/access.ts';
import type { Context } from '../../../platform/context.ts';
import { readProjectRows } from '../../projects/index.ts';
import { organizationView } from '../organizations/organization-view.ts';
import {
  selectAllAffiliations,
  selectAllIntents,
  selectAllLogos,
  selectAllOrganizations,
  selectAllPartnerships,
  selectAllTieClaims,
} from './exchange-queries.ts';
import { registryToCsvZip } from './registry-csv.ts';
import { type RegistryData, registryFormat, registryFormatVersion } from './registry-format.ts';

type TieRow = {
  id: string;
  kind: string;
  started_on: string | null;
  ended_on: string | null;
  note: string | null;
  is_demo: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
};

function tie(row: TieRow) {
  return {
    id: row.id,
    kind: row.kind,
    startedOn: row.started_on,
    endedOn: row.ended_on,
    note: row.note,
    isDemo: row.is_demo,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Everything the registry holds, in id order so that the same registry gives the same file. */
export async function readRegistry(ctx: Context): Promise<RegistryData> {
  authorize(ctx.actor, { anyOf: [], write: false, organizationId: null });
  const [organizations, affiliations, partnerships, logos, projectRows, intents, tieClaims] =
    await Promise.all([
      selectAllOrganizations(ctx.db),
      selectAllAffiliations(ctx.db),
      selectAllPartnerships(ctx.db),
      selectAllLogos(ctx.db),
      // The projects module's rows, read through its door.
      readProjectRows(ctx.db),
      selectAllIntents(ctx.db),
      selectAllTieClaims(ctx.db),
    ]);
  return {
    organizations: organizations.map((row) => {
      const { logoUrl: _logoUrl, ...organization } = organizationView(row);
      return organization;
    }),
    affiliations: affiliations.map((row) => ({
      ...tie(row),
      memberId: row.member_id,
      parentId: row.parent_id,
      kind: row.kind as RegistryData['affiliations'][number]['kind'],
    })),
    partnerships: partnerships.map((row) => ({
      ...tie(row),
      fromId: row.from_id,
      toId: row.to_id,
      kind: row.kind as RegistryData['partnerships'][number]['kind'],
    })),
    logos: logos.map((row) => ({
      organizationId: row.organization_id,
      mediaType: 'image/webp' as const,
      width: row.width,
      height: row.height,
      updatedAt: row.updated_at.toISOString(),
      content: Buffer.from(row.content).toString('base64'),
    })),
    ...projectRows,
    intents: intents.map((row) => ({
      id: row.id,
      organizationId: row.organization_id,
      direction: row.direction,
      title: row.title,
      description: row.description,
      sector: row.sector,
      countries: row.countries,
      kind: row.kind,
      validFrom: row.valid_from,
      validUntil: row.valid_until,
      status: row.status,
      closedAt: row.closed_at?.toISOString() ?? null,
      isDemo: row.is_demo,
      version: row.version,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
    })),
    tieClaims: tieClaims.map((row) => ({
      ...tie(row),
      tie: row.tie,
      fromId: row.from_id,
      toId: row.to_id,
      kind: row.kind as RegistryData['tieClaims'][number]['kind'],
      claimedBy: row.claimed_by,
      awaitedFrom: row.awaited_from,
      state: row.state,
      decidedAt: row.decided_at?.toISOString() ?? null,
      decidedByAccount: row.decided_by_account,
      decidedFor: row.decided_for,
      tieId: row.tie_id,
    })),
  };
}

export type RegistryExport = { fileName: string; mediaType: string; body: Buffer };

/** The registry for network admins, as one JSON document or a zip of CSV files. */
export async function exportRegistry(
  ctx: Context,
  format: 'json' | 'csv',
): Promise<RegistryExport> {
  const data = await readRegistry(ctx);
  const stamp = ctx.now().toISOString().slice(0, 10);
  if (format === 'csv') {
    return {
      fileName: `intercoop-registry-${stamp}.zip`,
      mediaType: 'application/zip',
      body: Buffer.from(registryToCsvZip(data)),
    };
  }
  const document = { format: registryFormat, version: registryFormatVersion, ...data };
  return {
    fileName: `intercoop-registry-${stamp}.json`,
    mediaType: 'application/json',
    body: Buffer.from(`${JSON.stringify(document, null, 1)}\n`),
  };
}
