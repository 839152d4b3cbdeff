import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiRequest } from './http.ts';
import { ApiProblemError } from './problem.ts';
import { randomKey, requestDescription, submissionKeys } from './submission-keys.ts';

function counter() {
  let count = 0;
  return () => `key-${++count}`;
}

describe('a form’s submission keys', () => {
  const organization = (name: string) =>
    requestDescription('POST', '/api/network/organizations', { name, kind: 'cooperative' });

  it('keep one key while the same request is sent again', () => {
    const keys = submissionKeys(counter());
    const first = keys.keyFor(organization('Kiambu Dairy'));
    expect(keys.keyFor(organization('Kiambu Dairy'))).toBe(first);
    expect(keys.keyFor(organization('Kiambu Dairy'))).toBe(first);
  });

  it('take a new key when the values change, and do not go back to the old one', () => {
    const keys = submissionKeys(counter());
    const first = keys.keyFor(organization('Kiambu Dairy'));
    const changed = keys.keyFor(organization('Kiambu Dairy Cooperative'));
    expect(changed).not.toBe(first);
    expect(keys.keyFor(organization('Kiambu Dairy'))).not.toBe(first);
  });

  it('tell requests apart by method and path as well as body', () => {
    const keys = submissionKeys(counter());
    const body = { version: 3, organizationId: 'o-1', role: 'funder' };
    const one = keys.keyFor(requestDescription('POST', '/api/projects/a/participants', body));
    const other = keys.keyFor(requestDescription('POST', '/api/projects/b/participants', body));
    expect(other).not.toBe(one);
  });

  it('take a new key after a success, even for the same values', () => {
    const keys = submissionKeys(counter());
    const first = keys.keyFor(organization('Kiambu Dairy'));
    keys.settle(first);
    expect(keys.keyFor(organization('Kiambu Dairy'))).not.toBe(first);
  });

  it('keep the current key when an older one is settled', () => {
    const keys = submissionKeys(counter());
    const first = keys.keyFor(organization('Kiambu Dairy'));
    const second = keys.keyFor(organization('Nyeri Tea'));
    keys.settle(first);
    expect(keys.keyFor(organization('Nyeri Tea'))).toBe(second);
  });

  it('describe a file by its name, size, type and date', () => {
    const file = (text: string, lastModified = 1) =>
      new File([text], 'registry.json', { type: 'application/json', lastModified });
    const describe = (body: File) => requestDescription('POST', '/import', body);
    expect(describe(file('{}'))).toBe(describe(file('{}')));
    expect(describe(file('{"a":1}'))).not.toBe(describe(file('{}')));
    expect(describe(file('{}', 2))).not.toBe(describe(file('{}')));
  });

  it('are random UUIDs, with or without crypto.randomUUID', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(randomKey()).toMatch(uuid);
    expect(randomKey()).not.toBe(randomKey());
    const randomUUID = crypto.randomUUID;
    try {
      // As over plain HTTP, outside a secure context.
      Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
      const key = randomKey();
      expect(key).toMatch(uuid);
      expect(randomKey()).not.toBe(key);
    } finally {
      Object.defineProperty(crypto, 'randomUUID', { value: randomUUID, configurable: true });
    }
  });
});

describe('a keyed request', () => {
  const fetchStub =
    vi.fn<(input: string | URL | Request, init?: RequestInit) => Promise<Response>>();
  const created = () =>
    new Response(JSON.stringify({ id: 'o-1' }), {
      status: 201,
      headers: { 'content-type': 'application/json' },
    });
  const problem = (status: number, type: string) =>
    new Response(JSON.stringify({ type, title: 'Refused', status, detail: 'Refused.' }), {
      status,
      headers: { 'content-type': 'application/problem+json' },
    });
  const keysSent = () =>
    fetchStub.mock.calls.map(
      ([, init]) => (init?.headers as Record<string, string> | undefined)?.['idempotency-key'],
    );
  const create = (keys: ReturnType<typeof submissionKeys>, name = 'Kiambu Dairy') =>
    apiRequest('POST', '/api/network/organizations', { body: { name }, keys });

  beforeEach(() => {
    fetchStub.mockReset();
    vi.stubGlobal('fetch', fetchStub);
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('is sent once more with its key after a network error, then takes a new key', async () => {
    fetchStub.mockRejectedValueOnce(new TypeError('Failed to fetch')).mockResolvedValue(created());
    const keys = submissionKeys(counter());
    const answer = create(keys);
    await vi.runAllTimersAsync();
    expect(await answer).toEqual({ id: 'o-1' });
    expect(keysSent()).toEqual(['key-1', 'key-1']);
    fetchStub.mockResolvedValue(created());
    await create(keys);
    expect(keysSent()[2]).toBe('key-2');
  });

  it('keeps its key when it got no answer, for the person to send it again', async () => {
    fetchStub.mockRejectedValue(new TypeError('Failed to fetch'));
    const keys = submissionKeys(counter());
    const answer = create(keys).catch((error: unknown) => error);
    await vi.runAllTimersAsync();
    expect(await answer).toBeInstanceOf(TypeError);
    fetchStub.mockResolvedValue(created());
    await create(keys);
    expect(keysSent()).toEqual(['key-1', 'key-1', 'key-1']);
  });

  it('keeps its key while the first is still being carried out (409)', async () => {
    fetchStub.mockResolvedValueOnce(problem(409, 'urn:intercoop:problem:idempotency-key-in-use'));
    const keys = submissionKeys(counter());
    await expect(create(keys)).rejects.toBeInstanceOf(ApiProblemError);
    fetchStub.mockResolvedValue(created());
    await create(keys);
    expect(keysSent()).toEqual(['key-1', 'key-1']);
  });

  it('drops a key the server took for another request (422)', async () => {
    fetchStub.mockResolvedValueOnce(problem(422, 'urn:intercoop:problem:idempotency-key-reused'));
    const keys = submissionKeys(counter());
    await expect(create(keys)).rejects.toBeInstanceOf(ApiProblemError);
    fetchStub.mockResolvedValue(created());
    await create(keys);
    expect(keysSent()).toEqual(['key-1', 'key-2']);
  });

  it('is not sent again after an error answer, nor when unkeyed', async () => {
    fetchStub.mockResolvedValueOnce(problem(400, 'urn:intercoop:problem:validation-failed'));
    await expect(create(submissionKeys(counter()))).rejects.toBeInstanceOf(ApiProblemError);
    fetchStub.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await expect(
      apiRequest('POST', '/api/network/organizations', { body: { name: 'Nyeri Tea' } }),
    ).rejects.toBeInstanceOf(TypeError);
    expect(fetchStub).toHaveBeenCalledTimes(2);
    expect(keysSent()[1]).toBeUndefined();
  });
});
