// The projects' part of the registry's export and import (the network module's file format, the
// projects module's rows): every project, country, participant and figure as the file carries
// it, read in id order, and stored again as they were, in the caller's transaction. The network's
// import checks the rows (against this module's schemas) before it stores them.
import type { Db } from '../../platform/db.ts';
import { moneyOf } from '../../platform/money.ts';
import { mapInSlices } from '../../platform/yield-often.ts';
import { amountText } from './amounts.ts';
import {
  insertProjectCountries,
  insertProjectFigures,
  insertProjectParticipants,
  insertProjects,
  selectAllProjectCountries,
  selectAllProjectFigures,
  selectAllProjectParticipants,
  selectAllProjects,
} from './queries.ts';
import type { IcaSector, Indicator, ParticipantRole, ProjectStatus } from './schemas.ts';

export type ProjectRows = {
  projects: Array<{
    id: string;
    title: string;
    summary: string | null;
    sector: IcaSector;
    status: ProjectStatus;
    startedOn: string | null;
    endedOn: string | null;
    sources: string[];
    isDemo: boolean;
    version: number;
    createdAt: string;
    updatedAt: string;
  }>;
  projectCountries: Array<{ projectId: string; country: string }>;
  projectParticipants: Array<{
    projectId: string;
    organizationId: string;
    role: ParticipantRole;
    note: string | null;
    createdAt: string;
  }>;
  projectFigures: Array<{
    id: string;
    projectId: string;
    kind: 'target' | 'result';
    indicator: Indicator;
    /** A decimal string: money in its currency, other figures in the indicator's unit. */
    amount: string;
    currency: string | null;
    country: string | null;
    period: number;
    note: string | null;
    source: string | null;
    createdAt: string;
  }>;
};

/** Every project row, in the order of an export: the same tables give the same file. */
export async function readProjectRows(db: Db): Promise<ProjectRows> {
  const [projects, projectCountries, projectParticipants, projectFigures] = await Promise.all([
    selectAllProjects(db),
    selectAllProjectCountries(db),
    selectAllProjectParticipants(db),
    selectAllProjectFigures(db),
  ]);
  return {
    projects: projects.map((row) => ({
      id: row.id,
      title: row.title,
      summary: row.summary,
      sector: row.sector,
      status: row.status,
      startedOn: row.started_on,
      endedOn: row.ended_on,
      sources: row.sources,
      isDemo: row.is_demo,
      version: row.version,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
    })),
    projectCountries: projectCountries.map((row) => ({
      projectId: row.project_id,
      country: row.country,
    })),
    projectParticipants: projectParticipants.map((row) => ({
      projectId: row.project_id,
      organizationId: row.organization_id,
      role: row.role,
      note: row.note,
      createdAt: row.created_at.toISOString(),
    })),
    projectFigures: projectFigures.map((row) => ({
      id: row.id,
      projectId: row.project_id,
      kind: row.kind,
      indicator: row.indicator,
      // Money back to a decimal string in its currency; quantities without trailing zeros.
      amount: amountText(row.amount_minor ?? row.quantity ?? '0', row.currency),
      currency: row.currency,
      country: row.country,
      period: row.period_year,
      note: row.note,
      source: row.source,
      createdAt: row.created_at.toISOString(),
    })),
  };
}

/**
 * Stores checked rows as they were (ids, versions and times included), in the caller's
 * transaction: the organizations they name are stored first. Long lists leave the event loop
 * room as they are mapped.
 */
export async function insertProjectRows(db: Db, rows: ProjectRows): Promise<void> {
  await insertProjects(
    db,
    await mapInSlices(rows.projects, (row) => ({
      id: row.id,
      is_demo: row.isDemo,
      version: row.version,
      created_at: new Date(row.createdAt),
      updated_at: new Date(row.updatedAt),
      title: row.title,
      summary: row.summary,
      sector: row.sector,
      status: row.status,
      started_on: row.startedOn,
      ended_on: row.endedOn,
      sources: row.sources,
    })),
  );
  await insertProjectCountries(
    db,
    await mapInSlices(rows.projectCountries, (row) => ({
      project_id: row.projectId,
      country: row.country,
    })),
  );
  await insertProjectParticipants(
    db,
    await mapInSlices(rows.projectParticipants, (row) => ({
      project_id: row.projectId,
      organization_id: row.organizationId,
      role: row.role,
      note: row.note,
      created_at: new Date(row.createdAt),
    })),
  );
  await insertProjectFigures(
    db,
    await mapInSlices(rows.projectFigures, (row) => ({
      id: row.id,
      project_id: row.projectId,
      kind: row.kind,
      indicator: row.indicator,
      // Money in minor units of its currency, other figures as quantities: as the API stores them.
      quantity: row.currency === null ? row.amount : null,
      amount_minor:
        row.currency === null ? null : moneyOf(row.amount, row.currency).minor.toString(),
      currency: row.currency,
      country: row.country,
      period_year: row.period,
      note: row.note,
      source: row.source,
      created_at: new Date(row.createdAt),
    })),
  );
}
