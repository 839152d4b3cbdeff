// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { IntlProvider } from 'react-intl';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OutboxMessageView, QueueSummary } from '../../api/admin.ts';
import { TestDataProvider } from '../../data/test-data-provider.tsx';
import adminEn from '../../i18n/areas/admin/en.json';
import adminHi from '../../i18n/areas/admin/hi.json';
import shellEn from '../../i18n/en.json';
import shellHi from '../../i18n/hi.json';
import type { Messages } from '../../i18n/locales.ts';
import { OutboxTab } from './outbox-tab.tsx';

const fetchStub = vi.fn<(input: string | URL | Request, init?: RequestInit) => Promise<Response>>();
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status < 400 ? 'application/json' : 'application/problem+json' },
  });

beforeEach(() => {
  fetchStub.mockReset();
  vi.stubGlobal('fetch', fetchStub);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function message(to: string, fields: Partial<OutboxMessageView> = {}): OutboxMessageView {
  return {
    id: crypto.randomUUID(),
    kind: 'mail',
    to,
    subject: 'You are invited to Intercoop',
    status: 'delivered',
    attempts: 1,
    lastError: null,
    createdAt: '2026-03-01T08:00:00.000Z',
    nextAttemptAt: null,
    deliveredAt: '2026-03-01T08:00:02.000Z',
    failedAt: null,
    canRetry: false,
    deliveryState: null,
    deliveryDetail: null,
    ...fields,
  };
}

const queue: QueueSummary = {
  name: 'platform.outbox.deliver',
  counts: { created: 1, retry: 2, active: 0, completed: 40, cancelled: 0, failed: 3 },
};

const failed = message('amina@coop.example', {
  status: 'failed',
  attempts: 1440,
  lastError: 'connect ECONNREFUSED 127.0.0.1:587',
  deliveredAt: null,
  failedAt: '2026-03-02T08:00:00.000Z',
  canRetry: true,
});
const expired = message('ravi@coop.example', {
  status: 'failed',
  subject: 'Choose a new Intercoop password',
  lastError: 'its link expired before it could be delivered',
  deliveredAt: null,
  failedAt: '2026-03-01T09:00:00.000Z',
});
const delivered = message('meera@coop.example');

type Call = { method: string; url: URL };
function serve(pages: Record<string, { items: OutboxMessageView[]; nextCursor: string | null }>) {
  const calls: Call[] = [];
  fetchStub.mockImplementation(async (input, init) => {
    const url = new URL(String(input), 'http://intercoop.test');
    const method = init?.method ?? 'GET';
    calls.push({ method, url });
    if (url.pathname === '/api/platform/queues') return json({ items: [queue] });
    if (method === 'POST' && url.pathname === `/api/platform/outbox/${failed.id}/retry`) {
      return json({ ...failed, status: 'pending', attempts: 0, failedAt: null, canRetry: false });
    }
    if (url.pathname === '/api/platform/outbox') {
      const key = `${url.searchParams.get('status') ?? ''}|${url.searchParams.get('cursor') ?? ''}`;
      return json(pages[key] ?? { items: [], nextCursor: null });
    }
    return json({ title: 'Not found', status: 404, detail: 'Nothing here.' }, 404);
  });
  return calls;
}

function renderTab(locale: 'en' | 'hi' = 'en') {
  const messages = (
    locale === 'en' ? { ...shellEn, ...adminEn } : { ...shellHi, ...adminHi }
  ) as Messages;
  return render(
    <IntlProvider locale={locale} messages={messages} timeZone="UTC">
      <TestDataProvider>
        <OutboxTab />
      </TestDataProvider>
    </IntlProvider>,
  );
}

describe('the outbox tab', () => {
  it('shows the queues and the messages with their errors, and no text of any message', async () => {
    serve({ '|': { items: [failed, expired, delivered], nextCursor: null } });
    renderTab();
    const queues = await screen.findByText('platform.outbox.deliver');
    const card = queues.closest('li') as HTMLElement;
    expect(within(card).getByText('To try again').nextElementSibling?.textContent).toBe('2');
    expect(within(card).getByText('Done').nextElementSibling?.textContent).toBe('40');

    const failedCard = (await screen.findByText('amina@coop.example', { selector: 'dd' })).closest(
      'li',
    ) as HTMLElement;
    expect(within(failedCard).getByText('connect ECONNREFUSED 127.0.0.1:587')).toBeTruthy();
    expect(within(failedCard).getByText('Failed')).toBeTruthy();
    expect(within(failedCard).getByRole('button', { name: /Send again/ })).toBeTruthy();
    // A message whose link expired cannot be sent again, and says what to do instead.
    const expiredCard = screen
      .getByText('ravi@coop.example', { selector: 'dd' })
      .closest('li') as HTMLElement;
    expect(within(expiredCard).queryByRole('button')).toBeNull();
    expect(within(expiredCard).getByText(/send a new invitation or password reset/)).toBeTruthy();
    expect(screen.queryByText(/#token=/)).toBeNull();
  });

  it('sends a failed message again with its button, and says so', async () => {
    const calls = serve({ '|': { items: [failed, delivered], nextCursor: null } });
    renderTab();
    const button = await screen.findByRole('button', { name: 'Send again amina@coop.example' });
    // A real button: reached with Tab, pressed with Enter or Space.
    expect(button.tagName).toBe('BUTTON');
    button.focus();
    expect(document.activeElement).toBe(button);
    fireEvent.click(button);
    expect(
      await screen.findByText('The message to amina@coop.example is waiting to go again.'),
    ).toBeTruthy();
    expect(calls.filter((call) => call.method === 'POST').map((call) => call.url.pathname)).toEqual(
      [`/api/platform/outbox/${failed.id}/retry`],
    );
    const card = screen
      .getByText('amina@coop.example', { selector: 'dd' })
      .closest('li') as HTMLElement;
    expect(within(card).getByText('Waiting to go')).toBeTruthy();
    expect(within(card).queryByRole('button')).toBeNull();
  });

  it('filters by status and pages with "show more"', async () => {
    const more = message('omar@coop.example', { status: 'failed', canRetry: true });
    const calls = serve({
      '|': { items: [delivered], nextCursor: null },
      'failed|': { items: [failed], nextCursor: 'next-page' },
      'failed|next-page': { items: [more], nextCursor: null },
    });
    renderTab();
    await screen.findByText('meera@coop.example', { selector: 'dd' });
    fireEvent.change(screen.getByLabelText('Show'), { target: { value: 'failed' } });
    await screen.findByText('amina@coop.example', { selector: 'dd' });
    expect(screen.queryByText('meera@coop.example', { selector: 'dd' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Show more messages' }));
    await screen.findByText('omar@coop.example', { selector: 'dd' });
    expect(screen.getByText('amina@coop.example', { selector: 'dd' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Show more messages' })).toBeNull();
    const listCalls = calls.filter((call) => call.url.pathname === '/api/platform/outbox');
    expect(listCalls.map((call) => call.url.searchParams.get('status'))).toEqual([
      null,
      'failed',
      'failed',
    ]);
  });

  it('is worded in Hindi for a Hindi reader', async () => {
    serve({ '|': { items: [failed], nextCursor: null } });
    renderTab('hi');
    expect(await screen.findByRole('button', { name: /फिर भेजें/ })).toBeTruthy();
    expect(screen.getByText('काम की कतारें')).toBeTruthy();
    await waitFor(() => expect(screen.getByText('विफल', { selector: '.tag' })).toBeTruthy());
  });
});
