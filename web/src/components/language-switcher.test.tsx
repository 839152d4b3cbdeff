// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../api/auth.ts';
import { TestDataProvider } from '../data/test-data-provider.tsx';
import { I18nProvider } from '../i18n/i18n-provider.tsx';
import { english, type Messages } from '../i18n/locales.ts';
import { SessionProvider } from '../session/session-provider.tsx';
import { LanguageSwitcher } from './language-switcher.tsx';

const fetchStub = vi.fn<(input: string | URL | Request, init?: RequestInit) => Promise<Response>>();
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status < 400 ? 'application/json' : 'application/problem+json' },
  });

const me = (preferredLanguage: string | null): Me => ({
  accountId: '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d01',
  personId: '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d02',
  email: 'meera@coop.example',
  displayName: 'Meera',
  preferredLanguage,
  grants: [],
  csrfToken: 'csrf',
  sessionExpiresAt: null,
  signedIn: true,
});

function serve(signedIn: boolean) {
  fetchStub.mockImplementation(async (input, init) => {
    const path = new URL(String(input), 'http://intercoop.test').pathname;
    if (path === '/api/auth/me' && (init?.method ?? 'GET') === 'GET')
      return signedIn
        ? json(me(null))
        : json({ type: 'about:blank', title: 'Sign-in needed', status: 401 }, 401);
    if (path === '/api/auth/me' && init?.method === 'PATCH')
      return json(me(JSON.parse(String(init.body)).preferredLanguage));
    throw new Error(`unexpected ${init?.method ?? 'GET'} ${path}`);
  });
}

const requests = (method: string) =>
  fetchStub.mock.calls.filter(([, init]) => (init?.method ?? 'GET') === method);
const headersOf = (init: RequestInit | undefined) =>
  (init?.headers ?? {}) as Record<string, string>;

function renderSwitcher() {
  return render(
    <I18nProvider initialLocale="en" initialMessages={english as Messages}>
      <TestDataProvider>
        <SessionProvider>
          <LanguageSwitcher />
        </SessionProvider>
      </TestDataProvider>
    </I18nProvider>,
  );
}

beforeEach(() => {
  vi.stubGlobal('fetch', fetchStub);
});
afterEach(() => {
  cleanup();
  fetchStub.mockReset();
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe('the language switcher', () => {
  it('asks the server for answers in the language shown, and keeps a signed-in choice on the account', async () => {
    serve(true);
    renderSwitcher();
    await waitFor(() => expect(requests('GET')).toHaveLength(1));
    const [, first] = requests('GET')[0] ?? [];
    expect(headersOf(first)['accept-language']).toBe('en');

    fireEvent.change(screen.getByRole('combobox'), { target: { value: 'fr' } });
    await waitFor(() => expect(requests('PATCH')).toHaveLength(1));
    const [, patch] = requests('PATCH')[0] ?? [];
    expect(JSON.parse(String(patch?.body))).toEqual({ preferredLanguage: 'fr' });
    // Once French is shown, requests ask for French.
    expect(headersOf(patch)['accept-language']).toBe('fr');
    expect(headersOf(patch)['x-csrf-token']).toBe('csrf');
  });

  it('changes nothing on the server for someone signed out', async () => {
    serve(false);
    renderSwitcher();
    await waitFor(() => expect(requests('GET')).toHaveLength(1));
    fireEvent.change(screen.getByRole('combobox'), { target: { value: 'es' } });
    await waitFor(() => expect(document.documentElement.lang).toBe('es'));
    expect(requests('PATCH')).toHaveLength(0);
  });
});
