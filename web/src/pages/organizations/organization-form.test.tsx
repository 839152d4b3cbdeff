// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactElement } from 'react';
import { IntlProvider } from 'react-intl';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import type { Me } from '../../api/auth.ts';
import type { Organization } from '../../api/organizations.ts';
import type { Problem } from '../../api/problem.ts';
import { TestDataProvider } from '../../data/test-data-provider.tsx';
import { english as en } from '../../i18n/locales.ts';
import { SessionProvider } from '../../session/session-provider.tsx';
import { OrganizationEditForm } from '../organization-edit-form.tsx';
import { logoFileProblem } from './logo-field.tsx';
import { NewOrganizationPage } from './new-organization-page.tsx';
import { membersMessage } from './organization-draft.ts';

// The forms load the server's schemas as they open; loaded once here, as a browser keeps them.
beforeAll(() => import('../../../../src/modules/network/schemas.ts'), 30_000);

const organization: Organization = {
  id: '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7e',
  name: 'Amul Dairy',
  shortName: null,
  otherNames: [{ text: 'अमूल', language: 'hi' }],
  kind: 'cooperative',
  legalForm: null,
  sector: 'agriculture',
  country: 'IN',
  region: null,
  locality: null,
  coordinates: null,
  languages: [],
  foundingYear: null,
  members: { total: null, women: null, men: null },
  employees: null,
  website: null,
  contacts: {},
  description: null,
  descriptions: {},
  principles: [],
  logoUrl: null,
  isDemo: false,
  version: 2,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-02T00:00:00Z',
};

const networkAdmin: Me = {
  accountId: '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d70',
  personId: '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d71',
  email: 'admin@network.example',
  displayName: 'Network admin',
  grants: [{ role: 'network-admin', scopeType: 'network', scopeId: null }],
  csrfToken: 'csrf-token',
  sessionExpiresAt: null,
  signedIn: true,
} as Me;

type Answer = (url: URL, init: RequestInit | undefined) => Response;
const fetchStub = vi.fn<(input: string | URL | Request, init?: RequestInit) => Promise<Response>>();

function serve(answer: Answer) {
  fetchStub.mockImplementation(async (input, init) =>
    answer(new URL(String(input), 'http://intercoop.test'), init),
  );
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status < 400 ? 'application/json' : 'application/problem+json' },
  });
}

function problem(status: number, extra: Partial<Problem> = {}): Problem {
  return { type: 'about:blank', title: 'Problem', status, ...extra };
}

const signedOut = () => json(problem(401), 401);

function renderWith(element: ReactElement, path = '/') {
  const location = memoryLocation({ path, record: true });
  render(
    <IntlProvider locale="en" messages={en}>
      <Router hook={location.hook}>
        <TestDataProvider>
          <SessionProvider>{element}</SessionProvider>
        </TestDataProvider>
      </Router>
    </IntlProvider>,
  );
  return location;
}

const requestsTo = (path: string, method: string) =>
  fetchStub.mock.calls.filter(
    ([input, init]) => String(input) === path && (init?.method ?? 'GET') === method,
  );

beforeEach(() => {
  fetchStub.mockReset();
  vi.stubGlobal('fetch', fetchStub);
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the repeatable rows of other names', () => {
  function renderForm() {
    serve(signedOut);
    const onSaved = vi.fn();
    renderWith(
      <OrganizationEditForm organization={organization} onSaved={onSaved} onCancel={vi.fn()} />,
    );
    return { onSaved };
  }

  it('adds a row and moves focus into it', async () => {
    renderForm();
    fireEvent.click(screen.getByRole('button', { name: 'Add another name' }));
    const second = screen.getByRole('group', { name: 'Other name 2' });
    const input = within(second).getByLabelText('Name');
    await waitFor(() => expect(document.activeElement).toBe(input));
  });

  it('after a removal, focuses the row that took its place, then the one before, then "add"', async () => {
    renderForm();
    fireEvent.click(screen.getByRole('button', { name: 'Add another name' }));
    fireEvent.change(
      within(screen.getByRole('group', { name: 'Other name 2' })).getByLabelText('Name'),
      {
        target: { value: 'Amul' },
      },
    );
    fireEvent.click(screen.getByRole('button', { name: 'Add another name' }));
    fireEvent.change(
      within(screen.getByRole('group', { name: 'Other name 3' })).getByLabelText('Name'),
      {
        target: { value: 'AMUL' },
      },
    );

    // The middle row goes: the third takes its place (and its number), and takes focus.
    fireEvent.click(screen.getByRole('button', { name: 'Remove other name 2' }));
    await waitFor(() => expect((document.activeElement as HTMLInputElement).value).toBe('AMUL'));
    expect(screen.queryByRole('group', { name: 'Other name 3' })).toBeNull();

    // The last row goes: focus goes back to the one before it.
    fireEvent.click(screen.getByRole('button', { name: 'Remove other name 2' }));
    await waitFor(() => expect((document.activeElement as HTMLInputElement).value).toBe('अमूल'));

    // The only row goes: focus goes to the "add" button.
    fireEvent.click(screen.getByRole('button', { name: 'Remove other name 1' }));
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Add another name' })),
    );
  });

  it('sends the whole list when it changed, and refuses an empty row without asking the server', async () => {
    const patches: unknown[] = [];
    serve((url, init) => {
      if (url.pathname === '/api/auth/me') return signedOut();
      patches.push(JSON.parse(String(init?.body)));
      return json({ ...organization, version: 3 });
    });
    const onSaved = vi.fn();
    renderWith(
      <OrganizationEditForm organization={organization} onSaved={onSaved} onCancel={vi.fn()} />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Add another name' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('link').textContent).toBe(
      'Other name 2, Name: Enter the name, or remove this row.',
    );
    expect(patches).toEqual([]);

    const row = screen.getByRole('group', { name: 'Other name 2' });
    fireEvent.change(within(row).getByLabelText('Name'), { target: { value: 'Amul' } });
    fireEvent.change(within(row).getByLabelText('Language'), { target: { value: 'en' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(patches).toEqual([
      {
        version: 2,
        otherNames: [
          { text: 'अमूल', language: 'hi' },
          { text: 'Amul', language: 'en' },
        ],
      },
    ]);
  });

  it("puts the server's error for a row under that row's field", async () => {
    serve((url) =>
      url.pathname === '/api/auth/me'
        ? signedOut()
        : json(
            problem(400, {
              errors: [
                { pointer: '/otherNames/1/script', detail: 'Must be at most 40 characters.' },
              ],
            }),
            400,
          ),
    );
    renderWith(
      <OrganizationEditForm organization={organization} onSaved={vi.fn()} onCancel={vi.fn()} />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Add another name' }));
    const row = screen.getByRole('group', { name: 'Other name 2' });
    fireEvent.change(within(row).getByLabelText('Name'), { target: { value: 'Amul' } });
    // A script the schema takes, which the server refuses all the same.
    fireEvent.change(within(row).getByLabelText(/^Script/), { target: { value: 'Latin' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('link').textContent).toBe(
      'Other name 2, Script: Must be at most 40 characters.',
    );
    const script = within(row).getByLabelText(/^Script/);
    expect(script.getAttribute('aria-invalid')).toBe('true');
    expect((script as HTMLInputElement).value).toBe('Latin');
  });
});

describe('a conflict while editing the rows', () => {
  it('keeps my other names, takes their descriptions, and says what they changed (409)', async () => {
    const theirs = { ...organization, version: 3, descriptions: { fr: 'Laiterie coopérative.' } };
    const patches: { version: number }[] = [];
    serve((url, init) => {
      if (url.pathname === '/api/auth/me') return signedOut();
      const body = JSON.parse(String(init?.body)) as { version: number };
      patches.push(body);
      return body.version === 2
        ? json(problem(409, { current: theirs }), 409)
        : json({ ...theirs, version: 4 });
    });
    const onSaved = vi.fn();
    renderWith(
      <OrganizationEditForm organization={organization} onSaved={onSaved} onCancel={vi.fn()} />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Add another name' }));
    const row = screen.getByRole('group', { name: 'Other name 2' });
    fireEvent.change(within(row).getByLabelText('Name'), { target: { value: 'Amul' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('They changed: Descriptions in other languages.');
    expect(
      (
        within(screen.getByRole('group', { name: 'Other name 2' })).getByLabelText(
          'Name',
        ) as HTMLInputElement
      ).value,
    ).toBe('Amul');
    const description = screen.getByRole('group', { name: 'Description 1' });
    expect((within(description).getByLabelText('Description') as HTMLTextAreaElement).value).toBe(
      'Laiterie coopérative.',
    );

    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(patches.at(-1)).toEqual({
      version: 3,
      otherNames: [{ text: 'अमूल', language: 'hi' }, { text: 'Amul' }],
    });
  });
});

describe('the members check', () => {
  it('agrees with the server: women and men together at most the total', () => {
    expect(membersMessage({ total: 10, women: 8, men: 5 })).toBe(
      'organizations.form.membersExceedTotal',
    );
    expect(membersMessage({ total: 10, women: 11, men: null })).toBe(
      'organizations.form.membersExceedTotal',
    );
    expect(membersMessage({ total: 13, women: 8, men: 5 })).toBeNull();
    expect(membersMessage({ total: null, women: 8, men: 5 })).toBeNull();
    expect(membersMessage({ total: -5, women: null, men: null })).toBeNull();
  });

  it('stops the new organization before sending, with the summary taking focus', async () => {
    serve((url) => (url.pathname === '/api/auth/me' ? json(networkAdmin) : json({}, 500)));
    renderWith(<NewOrganizationPage />, '/organizations/new');
    const name = await screen.findByLabelText('Name');
    fireEvent.change(name, { target: { value: 'Amul Dairy' } });
    fireEvent.change(screen.getByLabelText('Kind'), { target: { value: 'cooperative' } });
    fireEvent.change(screen.getByLabelText('Sector'), { target: { value: 'agriculture' } });
    fireEvent.change(screen.getByLabelText('Country'), { target: { value: 'IN' } });
    fireEvent.change(screen.getByLabelText(/^Members/), { target: { value: '10' } });
    fireEvent.change(screen.getByLabelText('Women members'), { target: { value: '8' } });
    fireEvent.change(screen.getByLabelText('Men members'), { target: { value: '5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add the organization' }));

    const alert = await screen.findByRole('alert');
    await waitFor(() => expect(document.activeElement).toBe(alert));
    expect(within(alert).getByRole('link').getAttribute('href')).toBe(
      '#new-organization-members-total',
    );
    expect(document.getElementById('new-organization-members-total-error')?.textContent).toBe(
      'Women and men members together cannot be more than the total.',
    );
    expect(requestsTo('/api/network/organizations', 'POST')).toHaveLength(0);
  });

  it("shows the server's members error inline, and goes to the new profile once added", async () => {
    let attempt = 0;
    serve((url) => {
      if (url.pathname === '/api/auth/me') return json(networkAdmin);
      attempt += 1;
      return attempt === 1
        ? json(
            problem(400, {
              errors: [
                {
                  pointer: '/members/total',
                  detail: 'Women and men members together cannot be more than the total.',
                },
              ],
            }),
            400,
          )
        : json({ ...organization, id: '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7f' }, 201);
    });
    const location = renderWith(<NewOrganizationPage />, '/organizations/new');
    fireEvent.change(await screen.findByLabelText('Name'), { target: { value: 'Amul Dairy' } });
    fireEvent.change(screen.getByLabelText('Kind'), { target: { value: 'cooperative' } });
    fireEvent.change(screen.getByLabelText('Sector'), { target: { value: 'agriculture' } });
    fireEvent.change(screen.getByLabelText('Country'), { target: { value: 'IN' } });
    fireEvent.change(screen.getByLabelText(/^Members/), { target: { value: '10' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add the organization' }));
    await screen.findByRole('alert');
    expect(document.getElementById('new-organization-members-total-error')?.textContent).toBe(
      'Women and men members together cannot be more than the total.',
    );
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('Amul Dairy');
    const [, init] = requestsTo('/api/network/organizations', 'POST')[0] ?? [];
    expect(JSON.parse(String(init?.body))).toEqual({
      name: 'Amul Dairy',
      kind: 'cooperative',
      sector: 'agriculture',
      country: 'IN',
      members: { total: 10, women: null, men: null },
    });
    expect((init?.headers as Record<string, string> | undefined)?.['x-csrf-token']).toBe(
      'csrf-token',
    );

    fireEvent.click(screen.getByRole('button', { name: 'Add the organization' }));
    await waitFor(() =>
      expect(location.history?.at(-1)).toBe('/organizations/0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7f'),
    );
  });

  it('asks to wait while the first attempt is still being saved, then gets its answer with the same key', async () => {
    let attempt = 0;
    serve((url) => {
      if (url.pathname === '/api/auth/me') return json(networkAdmin);
      attempt += 1;
      return attempt === 1
        ? json(
            problem(409, {
              type: 'urn:intercoop:problem:idempotency-key-in-use',
              detail: 'A request with this Idempotency-Key is still being carried out.',
            }),
            409,
          )
        : json({ ...organization, id: '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7f' }, 201);
    });
    const location = renderWith(<NewOrganizationPage />, '/organizations/new');
    fireEvent.change(await screen.findByLabelText('Name'), { target: { value: 'Amul Dairy' } });
    fireEvent.change(screen.getByLabelText('Kind'), { target: { value: 'cooperative' } });
    fireEvent.change(screen.getByLabelText('Sector'), { target: { value: 'agriculture' } });
    fireEvent.change(screen.getByLabelText('Country'), { target: { value: 'IN' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add the organization' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Your earlier attempt is still being saved.');
    expect(alert.textContent).toContain('is still being carried out');

    fireEvent.click(screen.getByRole('button', { name: 'Add the organization' }));
    await waitFor(() =>
      expect(location.history?.at(-1)).toBe('/organizations/0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7f'),
    );
    const keys = requestsTo('/api/network/organizations', 'POST').map(
      ([, init]) => (init?.headers as Record<string, string> | undefined)?.['idempotency-key'],
    );
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
  });

  it('tells someone signed out to sign in, and someone without the right that they may not', async () => {
    serve(signedOut);
    renderWith(<NewOrganizationPage />, '/organizations/new');
    expect(
      await screen.findByText(
        'Sign in to add an organization. Only network staff can add organizations.',
      ),
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Add the organization' })).toBeNull();
    cleanup();

    serve(() =>
      json({
        ...networkAdmin,
        grants: [
          { role: 'organization-admin', scopeType: 'organization', scopeId: organization.id },
        ],
      }),
    );
    renderWith(<NewOrganizationPage />, '/organizations/new');
    expect(await screen.findByText(/You may not add organizations/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Add the organization' })).toBeNull();
  });
});

describe('the logo', () => {
  const png = (size: number) => new File([new Uint8Array(size)], 'logo.png', { type: 'image/png' });

  it('takes PNG, JPEG and WebP files up to 1 MiB, checked before sending', () => {
    expect(logoFileProblem({ type: 'image/png', size: 2048 })).toBeNull();
    expect(logoFileProblem({ type: 'image/jpeg', size: 1024 * 1024 })).toBeNull();
    expect(logoFileProblem({ type: 'image/webp', size: 10 })).toBeNull();
    expect(logoFileProblem({ type: 'image/gif', size: 10 })).toBe('organizations.logo.wrongType');
    expect(logoFileProblem({ type: 'image/svg+xml', size: 10 })).toBe(
      'organizations.logo.wrongType',
    );
    expect(logoFileProblem({ type: 'image/png', size: 1024 * 1024 + 1 })).toBe(
      'organizations.logo.tooLarge',
    );
    expect(logoFileProblem({ type: 'image/png', size: 0 })).toBe('organizations.logo.empty');
  });

  function renderForm() {
    const onSaved = vi.fn();
    const onCancel = vi.fn();
    renderWith(
      <OrganizationEditForm organization={organization} onSaved={onSaved} onCancel={onCancel} />,
    );
    return { onCancel };
  }

  it('refuses a file too large without sending it', async () => {
    serve(signedOut);
    renderForm();
    const input = screen.getByLabelText('New logo');
    fireEvent.change(input, { target: { files: [png(1024 * 1024 + 1)] } });
    expect(document.getElementById('edit-organization-logo-error')?.textContent).toBe(
      'This image is larger than 1 MB. Choose a smaller one.',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Upload this logo' }));
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(requestsTo(`/api/network/organizations/${organization.id}/logo`, 'PUT')).toHaveLength(0);
  });

  it('sends the image itself with its type, shows it, and tells the page when the form closes', async () => {
    serve((url, init) => {
      if (url.pathname === '/api/auth/me') return signedOut();
      if (init?.method === 'PUT') {
        return json({
          organizationId: organization.id,
          url: `/api/network/organizations/${organization.id}/logo`,
          mediaType: 'image/webp',
          width: 64,
          height: 64,
          byteSize: 300,
        });
      }
      return json(problem(500), 500);
    });
    const { onCancel } = renderForm();
    const file = png(2048);
    fireEvent.change(screen.getByLabelText('New logo'), { target: { files: [file] } });
    fireEvent.click(screen.getByRole('button', { name: 'Upload this logo' }));
    expect(await screen.findByText('The new logo is saved.')).toBeTruthy();
    const [, init] =
      requestsTo(`/api/network/organizations/${organization.id}/logo`, 'PUT')[0] ?? [];
    expect(init?.body).toBe(file);
    expect((init?.headers as Record<string, string> | undefined)?.['content-type']).toBe(
      'image/png',
    );
    const image = screen.getByRole('img', { name: 'Logo of Amul Dairy' });
    expect(image.getAttribute('src')).toMatch(
      new RegExp(`^/api/network/organizations/${organization.id}/logo\\?v=\\w+$`),
    );
    expect(screen.getByRole('button', { name: 'Remove the logo' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledWith(
      expect.objectContaining({ id: organization.id, logoUrl: image.getAttribute('src') }),
    );
  });

  it("shows the server's reason when it refuses the image", async () => {
    serve((url) =>
      url.pathname === '/api/auth/me'
        ? signedOut()
        : json(
            problem(400, {
              detail:
                'The image is damaged or incomplete (it could not be decoded); send it again.',
              errors: [
                {
                  pointer: '/',
                  detail:
                    'The image is damaged or incomplete (it could not be decoded); send it again.',
                },
              ],
            }),
            400,
          ),
    );
    renderForm();
    const input = screen.getByLabelText('New logo');
    fireEvent.change(input, { target: { files: [png(100)] } });
    fireEvent.click(screen.getByRole('button', { name: 'Upload this logo' }));
    await waitFor(() =>
      expect(document.getElementById('edit-organization-logo-error')?.textContent).toBe(
        'The image is damaged or incomplete (it could not be decoded); send it again.',
      ),
    );
    expect(document.activeElement).toBe(input);
  });
});

describe('the name field', () => {
  it('says its limit, counts the characters, and keeps a pasted text over it whole', async () => {
    serve(signedOut);
    renderWith(
      <OrganizationEditForm organization={organization} onSaved={vi.fn()} onCancel={vi.fn()} />,
    );
    const name = screen.getByDisplayValue('Amul Dairy') as HTMLInputElement;
    const count = document.getElementById(`${name.id}-count`) as HTMLElement;
    expect(count.textContent).toBe('10 characters of 200');
    expect(name.getAttribute('aria-describedby')?.split(' ')).toContain(count.id);
    const announcement = name
      .closest('.field')
      ?.querySelector('[aria-live="polite"]') as HTMLElement;
    // Far from the limit, nothing is announced; near it, what is left is.
    expect(announcement.textContent).toBe('');
    fireEvent.change(name, { target: { value: 'a'.repeat(185) } });
    expect(count.textContent).toBe('185 characters of 200');
    expect(announcement.textContent).toBe('15 characters left');
    expect(name.getAttribute('aria-invalid')).toBeNull();

    // A pasted name longer than the limit is not cut mid-word: it is kept, and said too long.
    const long = `${'Sahakari '.repeat(22)}Bank`;
    fireEvent.change(name, { target: { value: long } });
    expect(name.value).toBe(long);
    expect(name.maxLength).toBe(-1);
    expect(count.textContent).toBe('2 characters too many: shorten it to 200.');
    expect(announcement.textContent).toBe(count.textContent);
    expect(name.getAttribute('aria-invalid')).toBe('true');
  });

  it('counts in every language', async () => {
    for (const [locale, expected] of [
      ['fr', '10 caractères sur 200'],
      ['es', '10 caracteres de 200'],
      ['hi', '200 में से 10 अक्षर'],
    ] as const) {
      const { loadMessages } = await import('../../i18n/locales.ts');
      const messages = await loadMessages(locale);
      serve(signedOut);
      render(
        <IntlProvider locale={locale} messages={messages}>
          <Router hook={memoryLocation({ path: '/' }).hook}>
            <TestDataProvider>
              <SessionProvider>
                <OrganizationEditForm
                  organization={organization}
                  onSaved={vi.fn()}
                  onCancel={vi.fn()}
                />
              </SessionProvider>
            </TestDataProvider>
          </Router>
        </IntlProvider>,
      );
      const name = screen.getByDisplayValue('Amul Dairy');
      expect(document.getElementById(`${name.id}-count`)?.textContent).toBe(expected);
      cleanup();
    }
  });
});
