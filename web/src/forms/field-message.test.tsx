// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { ReactElement } from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { Router } from 'wouter';
import type { Organization } from '../api/organizations.ts';
import { ApiProblemError, type FieldErrorEntry, type Problem } from '../api/problem.ts';
import { TestDataProvider } from '../data/test-data-provider.tsx';
import { english as en, type Locale, loadMessages, type Messages } from '../i18n/locales.ts';
import { tieOutcomeOf } from '../pages/graph/tie-problem.tsx';
import { OrganizationEditForm } from '../pages/organization-edit-form.tsx';
import { SessionProvider } from '../session/session-provider.tsx';
import { ErrorSummary } from './error-summary.tsx';
import { splitFieldErrors } from './field-errors.ts';
import { fieldErrorMessage } from './field-message.ts';
import { TextField } from './fields.tsx';

// The forms load the server's schemas as they open; loaded once here, as a browser keeps them.
beforeAll(() => import('../../../src/modules/network/schemas.ts'), 30_000);

let hi: Messages;
let fr: Messages;
beforeEach(async () => {
  hi = await loadMessages('hi');
  fr = await loadMessages('fr');
});

const fetchStub = vi.fn<(input: string | URL | Request, init?: RequestInit) => Promise<Response>>();
beforeEach(() => {
  fetchStub.mockReset();
  vi.stubGlobal('fetch', fetchStub);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function inLocale(locale: Locale, messages: Messages, element: ReactElement) {
  return render(
    <IntlProvider locale={locale} messages={messages}>
      <Router>
        <TestDataProvider>
          <SessionProvider>{element}</SessionProvider>
        </TestDataProvider>
      </Router>
    </IntlProvider>,
  );
}

/** The words a field error gets in a language, from the app's own function. */
function Worded({ error }: { error: FieldErrorEntry }) {
  const intl = useIntl();
  const message = fieldErrorMessage(intl, error);
  return <output lang={message.lang}>{message.message}</output>;
}

function worded(locale: Locale, messages: Messages, error: FieldErrorEntry) {
  inLocale(locale, messages, <Worded error={error} />);
  const output = document.querySelector('output') as HTMLOutputElement;
  const result = { text: output.textContent, lang: output.getAttribute('lang') };
  cleanup();
  return result;
}

const organization: Organization = {
  id: '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7e',
  name: 'Shri Mahila Sewa Sahakari Bank',
  shortName: 'SEWA Bank',
  otherNames: [],
  kind: 'cooperative',
  legalForm: null,
  sector: 'finance',
  country: 'IN',
  region: 'Gujarat',
  locality: 'Ahmedabad',
  coordinates: null,
  languages: ['gu', 'hi'],
  foundingYear: 1974,
  members: { total: 100, women: 100, men: 0 },
  employees: 12,
  website: null,
  contacts: {},
  description: null,
  descriptions: {},
  principles: [],
  logoUrl: null,
  isDemo: false,
  version: 3,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-02T00:00:00Z',
};

function answer(status: number, body: Partial<Problem>) {
  fetchStub.mockImplementation(async (input) => {
    const path = new URL(String(input), 'http://intercoop.test').pathname;
    const problem = path === '/api/auth/me' ? { status: 401 } : { status, ...body };
    return new Response(JSON.stringify({ type: 'about:blank', title: 'Problem', ...problem }), {
      status: problem.status,
      headers: { 'content-type': 'application/problem+json' },
    });
  });
}

describe("a server's field error in the reader's language", () => {
  it('shows a Hindi reader a name too long in Hindi, under the field and in the summary', async () => {
    answer(400, {
      errors: [
        {
          pointer: '/name',
          detail: 'Must be at most 200 characters.',
          code: 'too-long',
          params: { maximum: 200 },
        },
      ],
    });
    inLocale(
      'hi',
      hi,
      <OrganizationEditForm organization={organization} onSaved={vi.fn()} onCancel={vi.fn()} />,
    );
    const name = document.getElementById('edit-organization-name') as HTMLInputElement;
    fireEvent.change(name, { target: { value: 'A much longer name' } });
    fireEvent.click(screen.getByRole('button', { name: hi['edit.save'] }));

    const alert = await screen.findByRole('alert');
    const error = document.getElementById('edit-organization-name-error') as HTMLElement;
    expect(error.textContent).toBe('अधिकतम 200 अक्षर लिखें।');
    expect(error.getAttribute('lang')).toBeNull();
    expect(name.getAttribute('aria-describedby')).toContain('edit-organization-name-error');
    const link = within(alert).getByRole('link');
    expect(link.textContent).toContain('अधिकतम 200 अक्षर लिखें।');
    expect(alert.querySelector('[lang="en"]')).toBeNull();
  });

  it('formats the limits as the reader writes numbers: Indian grouping in Hindi, years ungrouped', () => {
    expect(
      worded('hi', hi, {
        pointer: '/description',
        detail: '',
        code: 'too-long',
        params: { maximum: 4000 },
      }).text,
    ).toBe('अधिकतम 4,000 अक्षर लिखें।');
    expect(
      worded('hi', hi, {
        pointer: '/employees',
        detail: '',
        code: 'too-big',
        params: { maximum: 1_000_000_000, inclusive: true },
      }).text,
    ).toBe('अधिकतम 1,00,00,00,000 का मान लिखें।');
    expect(
      worded('fr', fr, {
        pointer: '/foundingYear',
        detail: '',
        code: 'too-small',
        params: { minimum: 1800, inclusive: true },
      }).text,
    ).toBe('Utilisez une valeur d’au moins 1800.');
    expect(
      worded('fr', fr, { pointer: '/name', detail: '', code: 'too-short', params: { minimum: 1 } })
        .text,
    ).toBe('Ne doit pas être vide.');
  });

  it('words the domain codes, with their params, and a date in the reader’s calendar words', () => {
    expect(
      worded('fr', fr, {
        pointer: '/endedOn',
        detail: 'Use a date on or after 2024-05-01.',
        code: 'end-before-start',
        params: { start: '2024-05-01' },
      }),
    ).toEqual({ text: 'La fin ne peut pas précéder le début, le 1 mai 2024.', lang: null });
    expect(
      worded('hi', hi, {
        pointer: '/members/total',
        detail: 'Women and men members together cannot be more than the total.',
        code: 'members-exceed-total',
      }).text,
    ).toBe('महिला और पुरुष सदस्य मिलाकर कुल संख्या से अधिक नहीं हो सकते।');
  });

  it('words the money codes, the largest amount exact and grouped as the reader writes numbers', () => {
    expect(
      worded('fr', fr, {
        pointer: '/amount',
        detail: '',
        code: 'amount-too-large',
        params: { currency: 'CLF', largest: '922337203685477.5807' },
      }).text?.replace(/[\u00a0\u202f]/g, ' '),
    ).toBe(
      'Ce montant est trop grand pour être enregistré : au plus 922 337 203 685 477,5807 CLF.',
    );
    expect(
      worded('hi', hi, {
        pointer: '/currency',
        detail: '',
        code: 'currency-without-minor-unit',
        params: { currency: 'XAU' },
      }),
    ).toEqual({
      text: 'XAU ऐसी मुद्रा नहीं है जिसमें राशियाँ दर्ज की जाती हैं (ISO 4217 में इसकी कोई छोटी इकाई नहीं है): USD या EUR जैसी मुद्रा चुनें।',
      lang: null,
    });
  });

  it('falls back to the English detail, marked lang="en", for a code it does not know or without its params', () => {
    const detail = 'Quantum flux must be aligned.';
    expect(worded('hi', hi, { pointer: '/flux', detail, code: 'flux-misaligned' })).toEqual({
      text: detail,
      lang: 'en',
    });
    expect(worded('hi', hi, { pointer: '/flux', detail })).toEqual({ text: detail, lang: 'en' });
    expect(worded('hi', hi, { pointer: '/name', detail, code: 'too-long' })).toEqual({
      text: detail,
      lang: 'en',
    });
  });
});

/** A small form as the pages build them: the server's errors split, a client check of its own. */
function Form({ problem, local }: { problem: Problem | null; local?: string }) {
  const intl = useIntl();
  const { byField, other } = splitFieldErrors(problem, ['/name'], intl);
  const nameError = local ?? byField['/name'];
  return (
    <>
      <ErrorSummary
        title="!"
        fieldErrors={nameError ? [{ id: 'f-name', label: 'Name', message: nameError }] : []}
        messages={other}
      />
      <TextField id="f-name" label="Name" value="" onValueChange={() => {}} error={nameError} />
    </>
  );
}

describe('the fields and the summary mark English only where it is', () => {
  it('marks an unknown code’s English detail lang="en", beside the field and in the summary', () => {
    inLocale(
      'hi',
      hi,
      <Form
        problem={{
          type: 'about:blank',
          title: 'Problem',
          status: 400,
          errors: [
            { pointer: '/name', detail: 'Name is haunted.', code: 'haunted' },
            { pointer: '/elsewhere', detail: 'Elsewhere is wrong.', code: 'elsewhere-wrong' },
          ],
        }}
      />,
    );
    const error = document.getElementById('f-name-error') as HTMLElement;
    expect(error.textContent).toBe('Name is haunted.');
    expect(error.getAttribute('lang')).toBe('en');
    const alert = screen.getByRole('alert');
    expect(within(alert).getByText('Name is haunted.').getAttribute('lang')).toBe('en');
    expect(within(alert).getByText('Elsewhere is wrong.').getAttribute('lang')).toBe('en');
  });

  it('does not mark a message the page words itself in the reader’s language', () => {
    inLocale('hi', hi, <Form problem={null} local="नाम भरें।" />);
    const error = document.getElementById('f-name-error') as HTMLElement;
    expect(error.textContent).toBe('नाम भरें।');
    expect(error.getAttribute('lang')).toBeNull();
    expect(screen.getByRole('alert').querySelector('[lang]')).toBeNull();
  });

  it('keeps the English catalogue’s words for an English reader', () => {
    inLocale(
      'en',
      en,
      <Form
        problem={{
          type: 'about:blank',
          title: 'Problem',
          status: 400,
          errors: [{ pointer: '/name', detail: 'x', code: 'markup' }],
        }}
      />,
    );
    expect(document.getElementById('f-name-error')?.textContent).toBe(
      'Remove the markup, such as tags in angle brackets.',
    );
  });
});

describe('each choice a code offers has its own words in every language', () => {
  const choices: [string, string, string[]][] = [
    [
      'invalid-format',
      'format',
      [
        'email',
        'url',
        'uuid',
        'date',
        'datetime',
        'phone',
        'country-code',
        'language-code',
        'currency-code',
        'coordinates',
        'decimal',
      ],
    ],
    ['invalid-type', 'expected', ['number', 'int', 'string', 'boolean', 'array']],
    ['unknown-code', 'kind', ['country', 'language', 'currency']],
    ['weak-password', 'reason', ['too-short', 'repetitive', 'common', 'contains-email']],
    ['hidden-characters', 'reason', ['direction-control', 'tag-character', 'nothing-visible']],
    [
      'guessable-password',
      'cause',
      [
        'keyboard-pattern',
        'repetition',
        'sequence',
        'date',
        'common-password',
        'common-words',
        'personal-information',
      ],
    ],
    [
      'invalid-image',
      'reason',
      [
        'empty',
        'too-large',
        'not-an-image',
        'type-mismatch',
        'no-size',
        'too-many-pixels',
        'damaged',
      ],
    ],
  ];
  it.each(['en', 'fr', 'es', 'hi'] as const)('in %s', async (locale) => {
    const messages = await loadMessages(locale);
    for (const [code, param, values] of choices) {
      const otherwise = worded(locale, messages, {
        pointer: '/',
        detail: 'x',
        code,
        params: { [param]: 'something-else' },
      }).text;
      const texts = values.map(
        (value) =>
          worded(locale, messages, { pointer: '/', detail: 'x', code, params: { [param]: value } })
            .text,
      );
      for (const [index, text] of texts.entries()) {
        expect(text, `${locale} ${code} ${values[index]}`).not.toBe(otherwise);
      }
      expect(new Set(texts).size, `${locale} ${code}`).toBe(values.length);
    }
  });
});

/** A tie form's reading of a failed request, shown as JSON. */
function Probe() {
  const intl = useIntl();
  const outcome = tieOutcomeOf(
    new ApiProblemError({
      type: 'urn:intercoop:problem:validation-failed',
      title: 'Bad',
      status: 400,
      errors: [
        {
          pointer: '/parentId',
          detail: 'There is no organization with this id.',
          code: 'organization-not-found',
        },
        { pointer: '/note', detail: 'Odd note.', code: 'odd-note' },
      ],
    }),
    { '/parentId': 'other' },
    intl,
  );
  return <output>{JSON.stringify(outcome)}</output>;
}

describe('the pages that read problems themselves', () => {
  it('a tie form reads a missing organization in French, and an unknown code in English', () => {
    inLocale('fr', fr, <Probe />);
    expect(JSON.parse(document.querySelector('output')?.textContent ?? '')).toEqual({
      kind: 'invalid',
      fields: {
        other: {
          message: 'Cette organisation n’existe pas ; choisissez-en une autre.',
          lang: 'fr',
        },
      },
      other: [{ message: 'Odd note.', lang: 'en' }],
    });
  });
});
