// `intercoop worker`: the jobs alone, beside a server started with WORKERS=off. The server writes
// an invitation to the outbox and sends nothing; the worker, joining the same embedded
// database, delivers it; SIGTERM stops the worker cleanly.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startMailSink } from '../test/mail-sink.ts';
import { run, signInOverHttp, startServe, stopLeftoverDatabase } from '../test/processes.ts';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('intercoop worker', () => {
  it('delivers the mail a server without workers wrote, and stops cleanly on SIGTERM', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'intercoop-worker-'));
    cleanups.push(async () => {
      await stopLeftoverDatabase(dataDir);
      fs.rmSync(dataDir, { recursive: true, force: true });
    });
    const sink = await startMailSink();
    cleanups.push(() => sink.close());
    const env = { INTERCOOP_DATA_DIR: dataDir, SMTP_URL: sink.url, WORKERS: 'off' };
    const server = await startServe(env);
    cleanups.push(() => server.stop());
    if (!server.admin) throw new Error('no admin printed');
    const headers = await signInOverHttp(server.url, server.admin.email, server.admin.password);
    const email = `worker-${Date.now()}@coop.test`;
    const invited = await fetch(`${server.url}/api/accounts/invitations`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        email,
        roles: [{ role: 'network-staff', scopeType: 'network', scopeId: null }],
      }),
    });
    expect(invited.status).toBe(201);
    const pending = await fetch(`${server.url}/api/platform/outbox?status=pending`, { headers });
    expect((await pending.json()).items.map((item: { to: string }) => item.to)).toContain(email);
    expect(sink.messages).toEqual([]);

    const worker = run(['worker'], env);
    cleanups.push(async () => {
      if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
      await worker.exited;
    });
    const mail = await sink.waitFor(email, /invited/, 45_000);
    expect(mail.text).toContain('/invitations/accept#token=');
    expect(worker.output()).toContain('Intercoop worker is running (embedded database in');
    worker.child.kill('SIGTERM');
    expect(await worker.exited, worker.output()).toBe(0);
    // The server and its database are untouched by the worker's stop.
    expect((await fetch(`${server.url}/ready`)).status).toBe(200);
    expect(await server.stop()).toBe(0);
  });
});
