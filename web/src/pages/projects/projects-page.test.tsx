// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { IntlProvider } from 'react-intl';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Router } from 'wouter';
import type { ProjectListItem } from '../../api/projects.ts';
import { TestDataProvider } from '../../data/test-data-provider.tsx';
import { english } from '../../i18n/locales.ts';
import { StaticSessionProvider } from '../../session/session-provider.tsx';
import { ProjectsPage } from './projects-page.tsx';

const fetchStub = vi.fn<(input: string | URL | Request, init?: RequestInit) => Promise<Response>>();

beforeEach(() => {
  window.history.replaceState(null, '', '/projects');
  fetchStub.mockReset();
  vi.stubGlobal('fetch', fetchStub);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function project(title: string, isDemo: boolean): ProjectListItem {
  return {
    id: crypto.randomUUID(),
    title,
    sector: 'agriculture',
    status: 'active',
    startedOn: '2024-01-01',
    endedOn: null,
    countries: ['IN'],
    isDemo,
    leads: [],
    resultTotals: [],
  };
}

describe('the projects list', () => {
  it('marks demonstration projects as the project pages and offers do, and only those', async () => {
    const demo = project('Solar pumps for dairy members', true);
    const real = project('Weaving school', false);
    fetchStub.mockImplementation(async () =>
      Response.json({ items: [demo, real], nextCursor: null }),
    );
    render(
      <IntlProvider locale="en" messages={english}>
        <TestDataProvider>
          <StaticSessionProvider me={null}>
            <Router>
              <ProjectsPage />
            </Router>
          </StaticSessionProvider>
        </TestDataProvider>
      </IntlProvider>,
    );
    const demoCard = (await screen.findByRole('heading', { name: demo.title })).closest(
      'li',
    ) as HTMLElement;
    expect(within(demoCard).getByText(english['profile.demo'])).toBeTruthy();
    const realCard = screen.getByRole('heading', { name: real.title }).closest('li') as HTMLElement;
    expect(within(realCard).queryByText(english['profile.demo'])).toBeNull();
  });
});
