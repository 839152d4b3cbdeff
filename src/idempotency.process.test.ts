// A server killed while writes sent with Idempotency-Keys are in flight: after a plain restart,
// each key's write is there with its answer (the same request again is a replay of it), or
// neither is (the same request again makes it, once).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type Started,
  signInOverHttp,
  startServe,
  stopLeftoverDatabase,
} from '../test/processes.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'intercoop-idempotency-'));
const servers: Started[] = [];
afterAll(async () => {
  for (const server of servers) await server.kill();
  await stopLeftoverDatabase(dataDir);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('idempotent writes across a crash', () => {
  it('leaves each write with its stored answer, or neither', async () => {
    const server = await startServe({ INTERCOOP_DATA_DIR: dataDir });
    servers.push(server);
    if (!server.admin) throw new Error('no admin printed');
    const { email, password } = server.admin;
    const headers = await signInOverHttp(server.url, email, password);
    const writes = Array.from({ length: 40 }, (_, index) => ({
      key: `crash-${index}`,
      body: JSON.stringify({
        name: `Crash Key ${index} Cooperative`,
        kind: 'cooperative',
        country: 'GH',
        sector: 'agriculture',
      }),
    }));
    const send = (url: string, auth: Record<string, string>, write: (typeof writes)[number]) =>
      fetch(`${url}/api/network/organizations`, {
        method: 'POST',
        headers: { ...auth, 'idempotency-key': `"${write.key}"` },
        body: write.body,
      });
    // Sent in a stream, the kill lands among them: some done, some running, some not begun.
    const inFlight = writes.map(
      (write, index) =>
        new Promise<void>((resolve) => {
          setTimeout(() => {
            send(server.url, headers, write).then(
              () => resolve(),
              () => resolve(),
            );
          }, index * 15);
        }),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    await server.kill();
    await Promise.all(inFlight);

    const again = await startServe({ INTERCOOP_DATA_DIR: dataDir });
    servers.push(again);
    const auth = await signInOverHttp(again.url, email, password);
    let replayed = 0;
    let made = 0;
    for (const write of writes) {
      const { name } = JSON.parse(write.body) as { name: string };
      const search = async () =>
        (
          (await (
            await fetch(`${again.url}/api/network/organizations?q=${encodeURIComponent(name)}`)
          ).json()) as { items: { id: string; name: string }[] }
        ).items.filter((item) => item.name === name);
      const before = await search();
      expect(before.length, name).toBeLessThanOrEqual(1);
      const answer = await send(again.url, auth, write);
      expect(answer.status, name).toBe(201);
      const body = (await answer.json()) as { id: string };
      if (before.length === 1) {
        // The effect survived: its answer did too.
        expect(answer.headers.get('idempotent-replayed'), name).toBe('true');
        expect(body.id).toBe(before[0]?.id);
        replayed++;
      } else {
        expect(answer.headers.get('idempotent-replayed'), name).toBeNull();
        made++;
      }
      expect(await search()).toHaveLength(1);
    }
    // The kill fell among the writes, not after them all or before any.
    expect(replayed).toBeGreaterThan(0);
    expect(made).toBeGreaterThan(0);
  });
});
