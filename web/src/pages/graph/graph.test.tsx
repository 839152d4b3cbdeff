// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createIntl, IntlProvider } from 'react-intl';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Router } from 'wouter';
import type { Chain, GraphNode } from '../../api/graph.ts';
import type { OrganizationSuggestion } from '../../api/organizations.ts';
import { ApiProblemError, type Problem } from '../../api/problem.ts';
import { TestDataProvider } from '../../data/test-data-provider.tsx';
import { english } from '../../i18n/locales.ts';
import { labelLines } from './label-placement.ts';
import { layoutGraph } from './layout.ts';
import { AffiliationForm, PartnershipForm } from './tie-forms.tsx';
import { tieOutcomeOf } from './tie-problem.tsx';
import { describeChain } from './tie-words.ts';

const here = { id: '0190f0c4-8e2a-7c3b-9d1e-000000000001', name: 'Cooperativa Semillas' };

function choice(id: string, name: string): OrganizationSuggestion {
  return {
    id,
    name,
    shortName: null,
    kind: 'cooperative',
    country: 'PE',
    sector: 'agriculture',
    locality: null,
    coordinates: null,
  };
}

const suggestions = [
  choice('0190f0c4-8e2a-7c3b-9d1e-00000000000a', 'Cooperativa Andina'),
  choice('0190f0c4-8e2a-7c3b-9d1e-00000000000b', 'Cooperativa Bosque'),
  choice('0190f0c4-8e2a-7c3b-9d1e-00000000000c', 'Cooperativa Cacao'),
];

const fetchStub = vi.fn<(input: string | URL | Request, init?: RequestInit) => Promise<Response>>();

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status < 400 ? 'application/json' : 'application/problem+json' },
  });
}

/** Suggests `items` for any search; answers writes with `write`. */
function serve(items: OrganizationSuggestion[], write?: () => Response) {
  fetchStub.mockImplementation(async (input, init) => {
    const url = new URL(String(input), 'http://intercoop.test');
    if (url.pathname === '/api/network/organizations') {
      return json({
        items,
        nextCursor: null,
        total: items.length,
        facets: { kind: [], sector: [], country: [] },
      });
    }
    if (init?.method === 'POST' && write) return write();
    return json({ type: 'about:blank', title: 'Not Found', status: 404 }, 404);
  });
}

function inApp(children: React.ReactNode) {
  return (
    <IntlProvider locale="en" messages={english}>
      <TestDataProvider>
        <Router>{children}</Router>
      </TestDataProvider>
    </IntlProvider>
  );
}

beforeEach(() => {
  fetchStub.mockReset();
  vi.stubGlobal('fetch', fetchStub);
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('a chain in words', () => {
  const node = (id: string, name: string, depth: number): GraphNode => ({
    id,
    name,
    kind: 'cooperative',
    country: 'PE',
    depth,
  });
  const a = node('0190f0c4-8e2a-7c3b-9d1e-0000000000a1', 'Semillas', 0);
  const b = node('0190f0c4-8e2a-7c3b-9d1e-0000000000a2', 'Federación', 1);
  const c = node('0190f0c4-8e2a-7c3b-9d1e-0000000000a3', 'Escuela Rural', 2);
  const d = node('0190f0c4-8e2a-7c3b-9d1e-0000000000a4', 'Lejana', 3);
  const dates = { startedOn: null, endedOn: null };
  const chain: Chain = {
    length: 3,
    organizations: [a, b, c, d],
    ties: [
      {
        id: '0190f0c4-8e2a-7c3b-9d1e-0000000000b1',
        type: 'affiliation',
        kind: 'member-of',
        fromId: a.id,
        toId: b.id,
        forward: true,
        ...dates,
      },
      {
        id: '0190f0c4-8e2a-7c3b-9d1e-0000000000b2',
        type: 'partnership',
        kind: 'funding',
        fromId: c.id,
        toId: b.id,
        forward: false,
        ...dates,
      },
      {
        id: '0190f0c4-8e2a-7c3b-9d1e-0000000000b3',
        type: 'affiliation',
        kind: 'subsidiary-of',
        fromId: d.id,
        toId: c.id,
        forward: false,
        ...dates,
      },
    ],
  };

  it('says each tie the way it points, in the order the chain walks them', () => {
    const intl = createIntl({ locale: 'en', messages: english });
    expect(describeChain(intl, chain)).toEqual([
      'Semillas is a member of Federación',
      'Escuela Rural funds Federación',
      'Lejana is a subsidiary of Escuela Rural',
    ]);
  });

  it('says it in the reader’s language', async () => {
    const hindi = (await import('../../i18n/locales.ts')).loadMessages('hi');
    const intl = createIntl({ locale: 'hi', messages: await hindi });
    expect(describeChain(intl, chain)[0]).toBe('Semillas, Federación का सदस्य है');
  });

  it('is empty for an organization with itself', () => {
    const intl = createIntl({ locale: 'en', messages: english });
    expect(describeChain(intl, { length: 0, organizations: [a], ties: [] })).toEqual([]);
  });
});

describe('the tie forms', () => {
  async function choose(label: string, typed: string) {
    const box = screen.getByRole('combobox', { name: label });
    fireEvent.change(box, { target: { value: typed } });
    // The suggestions (not the options of the form's selects).
    await screen.findByRole('listbox', { name: 'Suggestions' });
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    fireEvent.keyDown(box, { key: 'Enter' });
    await waitFor(() => expect((box as HTMLInputElement).value).toBe('Cooperativa Andina'));
  }

  it('checks that an organization was chosen, in the reader’s language, before sending', async () => {
    serve(suggestions);
    render(inApp(<PartnershipForm organization={here} onSaved={vi.fn()} onCancel={vi.fn()} />));
    fireEvent.click(screen.getByRole('button', { name: 'Record the partnership' }));
    const summary = await screen.findByRole('alert');
    expect(document.activeElement).toBe(summary);
    expect(summary.textContent).toContain(
      'Partner organization: Choose an organization from the suggestions.',
    );
    const box = screen.getByRole('combobox', { name: 'Partner organization' });
    expect(box.getAttribute('aria-invalid')).toBe('true');
    const error = document.getElementById('tie-partnership-other-error');
    expect(error?.getAttribute('lang')).toBe('en');
    expect(box.getAttribute('aria-describedby')).toContain('tie-partnership-other-error');
    expect(fetchStub).not.toHaveBeenCalled();
  });

  it('shows the server’s field errors under their fields and the rest in the summary', async () => {
    const problem: Problem = {
      type: 'urn:intercoop:problem:validation-failed',
      title: 'Bad Request',
      status: 400,
      detail: 'The request is not valid.',
      errors: [
        { pointer: '/startedOn', detail: 'Use a date such as 2024-02-01.' },
        { pointer: '/somethingElse', detail: 'Something the form has no field for.' },
      ],
    };
    serve(suggestions, () => json(problem, 400));
    const onSaved = vi.fn();
    render(inApp(<PartnershipForm organization={here} onSaved={onSaved} onCancel={vi.fn()} />));
    await choose('Partner organization', 'coop');
    fireEvent.change(screen.getByLabelText('Start date (optional)'), {
      target: { value: '2024-02-01' },
    });
    fireEvent.change(screen.getByLabelText('Note (optional)'), {
      target: { value: 'Seed credit' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Record the partnership' }));
    const summary = await screen.findByRole('alert');
    const link = summary.querySelector('a[href="#tie-partnership-startedOn"]');
    expect(link?.textContent).toBe('Start date (optional): Use a date such as 2024-02-01.');
    expect(summary.textContent).toContain('Something the form has no field for.');
    expect(document.getElementById('tie-partnership-startedOn-error')?.textContent).toBe(
      'Use a date such as 2024-02-01.',
    );
    expect(screen.getByLabelText('Start date (optional)').getAttribute('aria-invalid')).toBe(
      'true',
    );
    // Nothing typed is lost.
    expect((screen.getByLabelText('Note (optional)') as HTMLTextAreaElement).value).toBe(
      'Seed credit',
    );
    expect(onSaved).not.toHaveBeenCalled();
    const sent = JSON.parse(String(fetchStub.mock.calls.at(-1)?.[1]?.body)) as Record<
      string,
      unknown
    >;
    expect(sent).toEqual({
      fromId: here.id,
      toId: '0190f0c4-8e2a-7c3b-9d1e-00000000000a',
      kind: 'supply',
      startedOn: '2024-02-01',
      note: 'Seed credit',
    });
  });

  it('explains a cycle (409) in words, naming both organizations', async () => {
    serve(suggestions, () =>
      json(
        {
          type: 'urn:intercoop:problem:conflict',
          title: 'Conflict',
          status: 409,
          detail: 'This would make a cycle.',
        },
        409,
      ),
    );
    render(
      inApp(
        <AffiliationForm
          organization={here}
          mayJoinOthers={false}
          onSaved={vi.fn()}
          onCancel={vi.fn()}
        />,
      ),
    );
    await choose('Organization that belongs to it', 'coop');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Record the affiliation' }));
    });
    const summary = await screen.findByRole('alert');
    expect(summary.textContent).toContain('This affiliation would make a loop');
    expect(summary.textContent).toContain(
      'Cooperativa Andina is already above Cooperativa Semillas in the affiliation tree',
    );
    expect(document.activeElement).toBe(summary);
    const sent = JSON.parse(String(fetchStub.mock.calls.at(-1)?.[1]?.body)) as Record<
      string,
      unknown
    >;
    expect(sent).toEqual({
      memberId: '0190f0c4-8e2a-7c3b-9d1e-00000000000a',
      parentId: here.id,
      kind: 'member-of',
    });
  });
});

describe('the relation graph', () => {
  it('writes a long name whole, on up to three lines', () => {
    expect(labelLines('Mondragon')).toEqual(['Mondragon']);
    expect(labelLines('Shri Mahila Sewa Sahakari Bank Limited of Ahmedabad')).toEqual([
      'Shri Mahila Sewa',
      'Sahakari Bank',
      'Limited of Ahmedabad',
    ]);
    expect(labelLines('Shri Mahila Sewa Sahakari Bank Limited of Ahmedabad').join(' ')).toBe(
      'Shri Mahila Sewa Sahakari Bank Limited of Ahmedabad',
    );
  });

  it('lays out the same neighbours the same way, the centre at the middle, nearer ones nearer', () => {
    const node = (n: number, depth: number): GraphNode => ({
      id: `0190f0c4-8e2a-7c3b-9d1e-0000000000${String(n).padStart(2, '0')}`,
      name: `Organization ${n}`,
      kind: 'cooperative',
      country: 'PE',
      depth,
    });
    const centre = node(0, 0);
    const near = [1, 2, 3].map((n) => node(n, 1));
    const far = [4, 5].map((n) => node(n, 2));
    const edges = [
      ...near.map((other, index) => ({
        id: `0190f0c4-8e2a-7c3b-9d1e-0000000001${index}0`,
        type: 'partnership' as const,
        kind: 'supply' as const,
        fromId: centre.id,
        toId: other.id,
        startedOn: null,
        endedOn: null,
      })),
      ...far.map((other, index) => ({
        id: `0190f0c4-8e2a-7c3b-9d1e-0000000002${index}0`,
        type: 'affiliation' as const,
        kind: 'member-of' as const,
        fromId: other.id,
        toId: near[0]?.id ?? '',
        startedOn: null,
        endedOn: null,
      })),
    ];
    const first = layoutGraph(centre, [...near, ...far], edges);
    const again = layoutGraph(centre, [...near, ...far], edges);
    expect(again).toEqual(first);
    const placed = first.nodes.find((entry) => entry.isCentre);
    expect([placed?.x, placed?.y]).toEqual([0, 0]);
    const distance = (depth: number) =>
      Math.min(
        ...first.nodes
          .filter((entry) => entry.depth === depth && !entry.isCentre)
          .map((entry) => Math.hypot(entry.x, entry.y)),
      );
    const farthestNear = Math.max(
      ...first.nodes
        .filter((entry) => entry.depth === 1)
        .map((entry) => Math.hypot(entry.x, entry.y)),
    );
    expect(farthestNear).toBeLessThan(distance(2));
    expect(first.edges).toHaveLength(5);
    const [x, y, width, height] = first.box;
    for (const entry of first.nodes) {
      expect(entry.x).toBeGreaterThan(x);
      expect(entry.x).toBeLessThan(x + width);
      expect(entry.y).toBeGreaterThan(y);
      expect(entry.y).toBeLessThan(y + height);
    }
  });
});

describe('the relation graph page', () => {
  const centre: GraphNode = {
    id: '0190f0c4-8e2a-7c3b-9d1e-0000000000c0',
    name: 'Federación Agraria',
    kind: 'federation',
    country: 'PE',
    depth: 0,
  };
  const member: GraphNode = {
    ...centre,
    id: '0190f0c4-8e2a-7c3b-9d1e-0000000000c1',
    name: 'Semillas',
    kind: 'cooperative',
    depth: 1,
  };
  const partner: GraphNode = {
    ...centre,
    id: '0190f0c4-8e2a-7c3b-9d1e-0000000000c2',
    name: 'Banco',
    kind: 'ngo',
    depth: 1,
  };
  const far: GraphNode = {
    ...centre,
    id: '0190f0c4-8e2a-7c3b-9d1e-0000000000c3',
    name: 'Lejana',
    kind: 'cooperative',
    depth: 2,
  };
  const dates = { startedOn: null, endedOn: null };
  const neighbours = {
    organization: centre,
    nodes: [member, partner, far],
    edges: [
      {
        id: '0190f0c4-8e2a-7c3b-9d1e-0000000000d1',
        type: 'affiliation',
        kind: 'member-of',
        fromId: member.id,
        toId: centre.id,
        ...dates,
      },
      {
        id: '0190f0c4-8e2a-7c3b-9d1e-0000000000d2',
        type: 'partnership',
        kind: 'funding',
        fromId: partner.id,
        toId: centre.id,
        ...dates,
      },
      {
        id: '0190f0c4-8e2a-7c3b-9d1e-0000000000d3',
        type: 'partnership',
        kind: 'training',
        fromId: member.id,
        toId: far.id,
        ...dates,
      },
    ],
    truncated: true,
  };

  it('draws the neighbours, lists them by tie, and says when the list was cut', async () => {
    fetchStub.mockImplementation(async () => json(neighbours));
    window.history.replaceState(null, '', `/organizations/${centre.id}/graph?depth=2`);
    const { GraphPage } = await import('./graph-page.tsx');
    render(inApp(<GraphPage id={centre.id} />));
    await screen.findByRole('heading', { level: 1, name: 'Relations of Federación Agraria' });
    expect(String(fetchStub.mock.calls[0]?.[0])).toBe(
      `/api/network/organizations/${centre.id}/neighbours?depth=2`,
    );
    expect(screen.getByText(/Only the nearest 3 organizations are shown/)).toBeTruthy();
    expect(
      screen.getByRole('button', { name: 'Up to two ties away' }).getAttribute('aria-pressed'),
    ).toBe('true');

    // Tab goes through the centre, then the nearer ring in name order, then the next ring.
    const nodes = [...document.querySelectorAll('svg a[data-organization]')];
    expect(nodes.map((node) => node.getAttribute('data-organization'))).toEqual([
      centre.id,
      partner.id,
      member.id,
      far.id,
    ]);
    expect(nodes[1]?.getAttribute('aria-label')).toBe('Banco, NGO, 1 tie away: show its relations');
    expect(nodes[1]?.getAttribute('href')).toBe(`/organizations/${partner.id}/graph?depth=2`);
    expect(
      document.querySelectorAll('svg.relation-graph__svg line.relation-graph__edge--partnership'),
    ).toHaveLength(2);

    const group = (name: RegExp) =>
      screen.getByRole('heading', { level: 3, name }).closest('section')?.textContent ?? '';
    expect(group(/^Its members \(1\)$/)).toContain('Semillas is a member of Federación Agraria');
    expect(group(/^Partners \(1\)$/)).toContain('Banco funds Federación Agraria');
    expect(group(/^Two ties away \(1\)$/)).toContain('through Semillas');
    expect(screen.queryByRole('heading', { name: /^Belongs to/ })).toBeNull();
  });
});

describe('reading a failed tie request', () => {
  const fields = { '/startedOn': 'startedOn', '/toId': 'other' } as const;
  const fail = (problem: Problem) => new ApiProblemError(problem);

  it('tells a cycle from a change made meanwhile, and a refusal from a signed-out person', () => {
    expect(
      tieOutcomeOf(
        fail({ type: 'urn:intercoop:problem:conflict', title: 'Conflict', status: 409 }),
        fields,
      ).kind,
    ).toBe('cycle');
    expect(
      tieOutcomeOf(
        fail({
          type: 'urn:intercoop:problem:stale-version',
          title: 'Conflict',
          status: 409,
          current: {},
        }),
        fields,
      ).kind,
    ).toBe('stale');
    // The same request sent again while the first is still carried out: wait, not a cycle.
    expect(
      tieOutcomeOf(
        fail({
          type: 'urn:intercoop:problem:idempotency-key-in-use',
          title: 'Conflict',
          status: 409,
          detail: 'Still being carried out.',
        }),
        fields,
      ),
    ).toEqual({ kind: 'in-progress', detail: 'Still being carried out.' });
    expect(
      tieOutcomeOf(fail({ type: 'x', title: 'Forbidden', status: 403, detail: 'No.' }), fields),
    ).toEqual({
      kind: 'forbidden',
      detail: 'No.',
    });
    expect(tieOutcomeOf(fail({ type: 'x', title: 'Unauthorized', status: 401 }), fields).kind).toBe(
      'signed-out',
    );
    expect(tieOutcomeOf(new TypeError('Failed to fetch'), fields).kind).toBe('offline');
  });

  it('puts the first error of each field beside it and the others in the summary', () => {
    const outcome = tieOutcomeOf(
      fail({
        type: 'x',
        title: 'Bad Request',
        status: 400,
        errors: [
          { pointer: '/toId', detail: 'There is no organization with this id.' },
          { pointer: '/toId', detail: 'A second message for the same field.' },
          { pointer: '/kind', detail: 'Not a kind.' },
        ],
      }),
      fields,
    );
    expect(outcome).toEqual({
      kind: 'invalid',
      fields: { other: { message: 'There is no organization with this id.', lang: 'en' } },
      other: ['A second message for the same field.', 'Not a kind.'],
    });
  });
});
