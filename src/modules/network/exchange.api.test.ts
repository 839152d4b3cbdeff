import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import pino from 'pino';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, publicUrl, startTestApi, type TestApi } from '../../../test/test-api.ts';
import { loadConfig } from '../../config.ts';
import { generateNetwork } from '../../demo/generate-network.ts';
import { loadDemo } from '../../demo/load-demo.ts';
import { mailerFor, systemContext } from '../../main.ts';
import type { Context } from '../../platform/context.ts';
import { addToRegistry, exportRegistry, importRegistry } from './index.ts';

let source: TestApi;
let sourceContext: Context;

function contextFor(api: TestApi): Context {
  const config = loadConfig({ PUBLIC_URL: publicUrl, LOG_LEVEL: 'silent' });
  const log = pino({ level: 'silent' });
  return systemContext(config, api.database, log, mailerFor(config, log, publicUrl), publicUrl);
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
      });
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
      'logos.csv',
      'manifest.json',
      'organizations.csv',
      'partnerships.csv',
    ]);
    const header = strFromU8(files['organizations.csv'] as Uint8Array).split('\n')[0];
    expect(header).toBe(
      'id,name,shortName,otherNames,kind,legalForm,sector,country,region,locality,latitude,longitude,languages,foundingYear,membersTotal,membersWomen,membersMen,employees,website,contacts,description,descriptions,principles,isDemo,version,createdAt,updatedAt',
    );
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
      });
      expect(await countRows(api.database, 'network_organization')).toBe(0);
      expect(await countRows(api.database, 'network_affiliation')).toBe(0);
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
    await emptyInstance(async (ctx, api) => {
      const counts = await addToRegistry(ctx, data);
      expect(counts.organizations).toBe(1_000);
      expect(await countRows(api.database, 'network_partnership')).toBe(data.partnerships.length);
    });
  }, 120_000);
});
