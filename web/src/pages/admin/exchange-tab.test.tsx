// @vitest-environment happy-dom
// The import's refusal: one message in the reader's language naming the file, the line or record,
// and the field, worded from the error's code rather than the server's sentence.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { IntlProvider } from 'react-intl';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Router } from 'wouter';
import adminFr from '../../i18n/areas/admin/fr.json';
import shellFr from '../../i18n/fr.json';
import type { Messages } from '../../i18n/locales.ts';
import { ExchangeTab } from './exchange-tab.tsx';

const messages = { ...shellFr, ...adminFr } as Messages;
const fetchStub = vi.fn<(input: string | URL | Request, init?: RequestInit) => Promise<Response>>();

beforeEach(() => {
  fetchStub.mockReset();
  vi.stubGlobal('fetch', fetchStub);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function refusal(body: Record<string, unknown>) {
  fetchStub.mockResolvedValue(
    new Response(
      JSON.stringify({
        type: 'urn:intercoop:problem:validation-failed',
        title: 'Entrée refusée',
        status: 400,
        ...body,
      }),
      {
        status: 400,
        headers: { 'content-type': 'application/problem+json', 'content-language': 'fr' },
      },
    ),
  );
}

async function importFile(name: string) {
  render(
    <IntlProvider locale="fr" messages={messages} timeZone="UTC">
      <Router>
        <ExchangeTab />
      </Router>
    </IntlProvider>,
  );
  const input = screen.getByLabelText('Fichier d’export (.json ou .zip)');
  fireEvent.change(input, { target: { files: [new File(['x'], name)] } });
  fireEvent.click(screen.getByRole('button', { name: 'Importer' }));
  return screen.findByRole('alert');
}

describe('a refused import', () => {
  it('names the CSV file, its line and the field once, in the reader’s language', async () => {
    refusal({
      detail:
        'organizations.csv, ligne 3, champ country : Invalid input (at /organizations/1/country) Rien n’a été importé.',
      errors: [
        {
          pointer: '/organizations/1/country',
          code: 'unknown-code',
          params: { kind: 'country' },
          detail: 'Ce n’est pas un code pays connu.',
        },
      ],
      source: { file: 'organizations.csv', line: 3 },
    });
    const alert = await importFile('registry.zip');
    const text = alert.textContent ?? '';
    expect(text).toContain('registry.zip n’a pas été importé ; rien n’a été enregistré.');
    expect(text).toContain(
      'Dans le fichier organizations.csv, ligne 3, le champ « country ». Ce n’est pas un code pays connu.',
    );
    // Neither the server's own sentence nor validator internals beside it.
    expect(text).not.toContain('Invalid input');
    expect(text).not.toContain('/organizations/1');
  });

  it('names the JSON table, its record (counted from one) and the field', async () => {
    refusal({
      detail: 'organizations[1], champ name : trop long. Rien n’a été importé.',
      errors: [
        {
          pointer: '/organizations/1/name',
          code: 'too-long',
          params: { maximum: 200 },
          detail: 'Au plus 200 caractères.',
        },
      ],
    });
    const alert = await importFile('registry.json');
    const text = alert.textContent ?? '';
    expect(text).toMatch(/Dans la table organizations, enregistrement 2, le champ « name »\. /);
    expect(text).not.toContain('organizations[1]');
  });

  it('shows the server’s message when the file is not an export at all', async () => {
    refusal({ detail: 'Ce fichier n’est pas un export d’Intercoop.' });
    const alert = await importFile('notes.json');
    expect(alert.textContent).toContain('Ce fichier n’est pas un export d’Intercoop.');
  });
});
