// Logos: uploaded as the raw image, checked by content, shrunk and stored as WebP in the
// database; refused uploads answer problem+json and store nothing; only the organization's admins
// and network staff may change one. Test images are made here with sharp, not committed.
import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, countRows, startTestApi, type TestApi } from '../../../test/test-api.ts';

let api: TestApi;
let organizationId: string;
let organizationAdmin: Agent;
let otherOrganizationAdmin: Agent;
let member: Agent;
let staff: Agent;

const logoPath = (id: string) => `/api/network/organizations/${id}/logo`;

const picture = (width: number, height: number) =>
  sharp({
    create: { width, height, channels: 4, background: { r: 180, g: 30, b: 60, alpha: 1 } },
  });
const png = (width = 600, height = 300) => picture(width, height).png().toBuffer();

function upload(
  id: string,
  body: Buffer | string,
  contentType: string | undefined,
  /** Who sends it; null for nobody signed in. */
  agent: Agent | null,
) {
  const options = {
    method: 'PUT' as const,
    url: logoPath(id),
    payload: body,
    headers: contentType ? { 'content-type': contentType } : {},
  };
  return agent ? agent.request(options) : api.app.inject(options);
}

/** A PNG whose header claims other dimensions than its pixels: what a bomb looks like. */
function withClaimedSize(image: Buffer, width: number, height: number): Buffer {
  const copy = Buffer.from(image);
  // Signature (8) + IHDR length (4) + "IHDR" (4), then width and height; the CRC covers type+data.
  copy.writeUInt32BE(width, 16);
  copy.writeUInt32BE(height, 20);
  copy.writeUInt32BE(crc32(copy.subarray(12, 29)), 29);
  return copy;
}

async function storedLogo(id: string) {
  const result = await api.database.pool.query<{
    media_type: string;
    width: number;
    height: number;
    content: Buffer;
  }>('select media_type, width, height, content from network_logo where organization_id = $1', [
    id,
  ]);
  return result.rows[0];
}

async function auditEntries(id: string) {
  const response = await api.admin.request({
    method: 'GET',
    url: `/api/audit/entries?organizationId=${id}&entityType=organization-logo`,
  });
  return response.json().items as Array<{ action: string; before: unknown; after: unknown }>;
}

beforeAll(async () => {
  api = await startTestApi();
  organizationId = await api.createOrganization({ name: 'Logo Cooperative' });
  const otherOrganizationId = await api.createOrganization({ name: 'Other Cooperative' });
  organizationAdmin = await api.createAccount([
    { role: 'organization-admin', scopeType: 'organization', scopeId: organizationId },
  ]);
  otherOrganizationAdmin = await api.createAccount([
    { role: 'organization-admin', scopeType: 'organization', scopeId: otherOrganizationId },
  ]);
  member = await api.createAccount([
    { role: 'organization-member', scopeType: 'organization', scopeId: organizationId },
  ]);
  staff = await api.createAccount([{ role: 'network-staff', scopeType: 'network', scopeId: null }]);
});
afterAll(async () => {
  await api?.close();
});

describe('uploading a logo', () => {
  it('takes a PNG, stores it as WebP within 256 px, and serves it publicly', async () => {
    const id = await api.createOrganization();
    expect(
      (await api.app.inject({ method: 'GET', url: `/api/network/organizations/${id}` })).json()
        .logoUrl,
    ).toBeNull();

    const response = await upload(id, await png(600, 300), 'image/png', api.admin);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      organizationId: id,
      url: logoPath(id),
      mediaType: 'image/webp',
      width: 256,
      height: 128,
    });

    const served = await api.app.inject({ method: 'GET', url: logoPath(id) });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/webp');
    expect(served.headers['cache-control']).toMatch(/public/);
    expect(served.headers.etag).toMatch(/^"[\w-]+"$/);
    const metadata = await sharp(served.rawPayload).metadata();
    expect(metadata).toMatchObject({ format: 'webp', width: 256, height: 128 });
    expect(served.rawPayload.length).toBe(response.json().byteSize);

    // The organization now names its logo, and that address answers (its ?v= included).
    const organization = (
      await api.app.inject({ method: 'GET', url: `/api/network/organizations/${id}` })
    ).json();
    expect(organization.logoUrl).toMatch(new RegExp(`^${logoPath(id)}\\?v=\\d+$`));
    const viaLogoUrl = await api.app.inject({ method: 'GET', url: organization.logoUrl });
    expect(viaLogoUrl.statusCode).toBe(200);
    expect(viaLogoUrl.rawPayload.equals(served.rawPayload)).toBe(true);

    // A cache that has it already gets a 304 without the bytes.
    const again = await api.app.inject({
      method: 'GET',
      url: logoPath(id),
      headers: { 'if-none-match': String(served.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);

    // The Murmurations profile shows it with an absolute address.
    const profile = (
      await api.app.inject({ method: 'GET', url: `/api/network/organizations/${id}/murmurations` })
    ).json();
    expect(profile.image).toBe(`http://intercoop.test${organization.logoUrl}`);
  });

  it('takes a JPEG, turned as the camera said, without its EXIF metadata', async () => {
    const jpeg = await picture(300, 600)
      .jpeg()
      .withExif({ IFD0: { Copyright: 'Someone', Make: 'PhoneMaker' } })
      .toBuffer();
    const response = await upload(organizationId, jpeg, 'image/jpeg', organizationAdmin);
    expect(response.statusCode, response.body).toBe(200);
    const stored = await storedLogo(organizationId);
    expect(stored).toMatchObject({ media_type: 'image/webp', width: 128, height: 256 });
    const metadata = await sharp(stored?.content).metadata();
    expect(metadata.format).toBe('webp');
    expect(metadata.exif).toBeUndefined();
    expect(metadata.width).toBe(128);
  });

  it('takes a WebP and does not enlarge a small one', async () => {
    const webp = await picture(100, 80).webp().toBuffer();
    const response = await upload(
      organizationId,
      webp,
      'image/webp; charset=binary',
      organizationAdmin,
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ width: 100, height: 80 });
  });

  it('records each change in the audit log with sizes, never the bytes', async () => {
    const id = await api.createOrganization();
    await upload(id, await png(512, 512), 'image/png', api.admin);
    await upload(id, await png(64, 32), 'image/png', api.admin);
    const entries = await auditEntries(id);
    const sets = entries.filter((entry) => entry.action === 'set-organization-logo');
    expect(sets).toHaveLength(2);
    const latest = sets.find((entry) => entry.before !== null);
    expect(latest?.before).toMatchObject({ mediaType: 'image/webp', width: 256, height: 256 });
    expect(latest?.after).toMatchObject({
      mediaType: 'image/webp',
      width: 64,
      height: 32,
      upload: { mediaType: 'image/png', width: 64, height: 32 },
    });
    for (const entry of entries) expect(JSON.stringify(entry).length).toBeLessThan(1000);
  });
});

describe('refused uploads store nothing', () => {
  const cases: Array<{
    name: string;
    body: () => Promise<Buffer | string>;
    contentType: string | undefined;
    status: number;
    detail: RegExp;
  }> = [
    {
      name: 'a GIF sent as image/gif',
      body: () => picture(20, 20).gif().toBuffer(),
      contentType: 'image/gif',
      status: 415,
      detail: /PNG, JPEG or WebP/,
    },
    {
      name: 'a GIF sent as image/png',
      body: () => picture(20, 20).gif().toBuffer(),
      contentType: 'image/png',
      status: 400,
      detail: /GIF/,
    },
    {
      name: 'a JPEG sent as image/png',
      body: () => picture(20, 20).jpeg().toBuffer(),
      contentType: 'image/png',
      status: 400,
      detail: /JPEG image, but Content-Type says image\/png/,
    },
    {
      name: 'a text file renamed image/png',
      body: async () => 'This is not an image, only words.\n'.repeat(20),
      contentType: 'image/png',
      status: 400,
      detail: /not a PNG, JPEG or WebP image/,
    },
    {
      name: 'a truncated PNG',
      body: async () => {
        const whole = await png(400, 400);
        return whole.subarray(0, Math.floor(whole.length / 2));
      },
      contentType: 'image/png',
      status: 400,
      detail: /damaged or incomplete/,
    },
    {
      name: 'an empty body',
      body: async () => Buffer.alloc(0),
      contentType: 'image/png',
      status: 400,
      detail: /empty/,
    },
    {
      name: 'an upload over 1 MiB',
      // Noise does not compress: a real PNG of about 1.4 MiB.
      body: () =>
        sharp(randomBytes(700 * 700 * 3), { raw: { width: 700, height: 700, channels: 3 } })
          .png()
          .toBuffer(),
      contentType: 'image/png',
      status: 413,
      detail: /larger than this operation accepts/,
    },
    {
      name: 'a decompression bomb (6000×6000 pixels in about 100 KB)',
      body: () =>
        sharp({ create: { width: 6000, height: 6000, channels: 3, background: 'white' } })
          .png({ compressionLevel: 9 })
          .toBuffer(),
      contentType: 'image/png',
      status: 400,
      detail: /6000×6000 pixels/,
    },
    {
      name: 'a PNG whose header claims 100000×100000 pixels',
      body: async () => withClaimedSize(await png(10, 10), 100_000, 100_000),
      contentType: 'image/png',
      status: 400,
      detail: /100000×100000 pixels/,
    },
    {
      name: 'JSON instead of an image',
      body: async () => JSON.stringify({ logo: 'https://example.org/logo.png' }),
      contentType: 'application/json',
      status: 415,
      detail: /Content-Type image\/png/,
    },
    {
      name: 'no Content-Type',
      body: async () => png(10, 10),
      contentType: undefined,
      status: 415,
      detail: /said nothing/,
    },
  ];

  for (const testCase of cases) {
    it(testCase.name, async () => {
      const id = await api.createOrganization();
      const body = await testCase.body();
      const logosBefore = await countRows(api.database, 'network_logo');
      const auditBefore = await countRows(api.database, 'platform_audit_entry');
      const response = await upload(id, body, testCase.contentType, api.admin);
      expect(response.statusCode, response.body).toBe(testCase.status);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json().detail).toMatch(testCase.detail);
      expect(await countRows(api.database, 'network_logo')).toBe(logosBefore);
      expect(await countRows(api.database, 'platform_audit_entry')).toBe(auditBefore);
      expect(await storedLogo(id)).toBeUndefined();
    });
  }

  it('keeps the previous logo when a replacement is refused', async () => {
    const id = await api.createOrganization();
    await upload(id, await png(300, 300), 'image/png', api.admin);
    const before = await storedLogo(id);
    const refused = await upload(id, 'not an image at all', 'image/webp', api.admin);
    expect(refused.statusCode).toBe(400);
    expect((await storedLogo(id))?.content.equals(before?.content as Buffer)).toBe(true);
  });
});

describe('who may change a logo', () => {
  it('lets the organization’s admins and network staff, and no one else', async () => {
    const image = await png(50, 50);
    const refusals: Array<[Agent | null, number]> = [
      [null, 401],
      [member, 403],
      [otherOrganizationAdmin, 403],
    ];
    for (const [agent, status] of refusals) {
      const response = await upload(organizationId, image, 'image/png', agent);
      expect(response.statusCode, response.body).toBe(status);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      const removal = agent
        ? await agent.request({ method: 'DELETE', url: logoPath(organizationId) })
        : await api.app.inject({ method: 'DELETE', url: logoPath(organizationId) });
      expect(removal.statusCode).toBe(status);
    }
    expect((await upload(organizationId, image, 'image/png', organizationAdmin)).statusCode).toBe(
      200,
    );
    expect((await upload(organizationId, image, 'image/png', staff)).statusCode).toBe(200);
  });

  it('answers 404 for an organization that does not exist', async () => {
    const missing = '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7e';
    const put = await upload(missing, await png(10, 10), 'image/png', api.admin);
    expect(put.statusCode).toBe(404);
    const get = await api.app.inject({ method: 'GET', url: logoPath(missing) });
    expect(get.statusCode).toBe(404);
    expect(get.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

describe('removing a logo', () => {
  it('removes it, audited; then the logo is 404 and logoUrl is null', async () => {
    const id = await api.createOrganization();
    await upload(id, await png(40, 40), 'image/png', api.admin);
    const removed = await api.admin.request({ method: 'DELETE', url: logoPath(id) });
    expect(removed.statusCode).toBe(204);
    const served = await api.app.inject({ method: 'GET', url: logoPath(id) });
    expect(served.statusCode).toBe(404);
    expect(served.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(
      (await api.app.inject({ method: 'GET', url: `/api/network/organizations/${id}` })).json()
        .logoUrl,
    ).toBeNull();
    const removal = (await auditEntries(id)).find(
      (entry) => entry.action === 'remove-organization-logo',
    );
    expect(removal?.before).toMatchObject({ mediaType: 'image/webp', width: 40, height: 40 });
    expect(removal?.after).toBeNull();
    // Nothing left to remove.
    const again = await api.admin.request({ method: 'DELETE', url: logoPath(id) });
    expect(again.statusCode).toBe(404);
  });
});
