import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../../test/test-api.ts';
import { graphAnswers, graphRebuildTiming, rebuildTieGraph } from './graph/graph-memory.ts';
import { checkAffiliationsAcyclic, checkTiesPointToOrganizations } from './index.ts';

let api: TestApi;

type TieStatus = 'in-force' | 'ended' | 'future' | 'dated';
const dates: Record<TieStatus, [string | null, string | null]> = {
  'in-force': [null, null],
  ended: ['1990-01-01', '2001-06-30'],
  future: ['2999-01-01', null],
  dated: ['2000-01-01', '2999-12-31'],
};

/** Organizations made directly with SQL: the property test needs many, fast. */
async function insertOrganizations(count: number, prefix: string): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  await api.database.pool.query(
    `insert into network_organization (id, name, kind, country, sector, created_at, updated_at)
     select id, $2 || ' ' || n, 'cooperative', 'KE', 'agriculture', now(), now()
     from unnest($1::uuid[]) with ordinality as t(id, n)`,
    [ids, prefix],
  );
  return ids;
}

async function insertTie(
  type: 'affiliation' | 'partnership',
  from: string,
  to: string,
  status: TieStatus = 'in-force',
): Promise<string> {
  const id = randomUUID();
  const [startedOn, endedOn] = dates[status];
  const table = type === 'affiliation' ? 'network_affiliation' : 'network_partnership';
  const [fromColumn, toColumn, kind] =
    type === 'affiliation'
      ? ['member_id', 'parent_id', 'member-of']
      : ['from_id', 'to_id', 'supply'];
  await api.database.pool.query(
    `insert into ${table} (id, ${fromColumn}, ${toColumn}, kind, started_on, ended_on, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, now(), now())`,
    [id, from, to, kind, startedOn, endedOn],
  );
  return id;
}

async function get(url: string) {
  const response = await api.app.inject({ method: 'GET', url });
  return { status: response.statusCode, body: response.json() };
}

type Node = { id: string; name: string; depth: number };
type Edge = {
  id: string;
  type: 'affiliation' | 'partnership';
  fromId: string;
  toId: string;
  forward?: boolean;
};

beforeAll(async () => {
  // The graph kept in memory is rebuilt here by the tests only, so that each answer is known to
  // come from the database or from memory.
  graphRebuildTiming.quietMs = 3_600_000;
  api = await startTestApi();
}, 60_000);

afterAll(async () => {
  await api?.close();
});

describe('the shortest chain of ties', () => {
  type Tie = { type: 'affiliation' | 'partnership'; a: number; b: number; status: TieStatus };
  const status = fc.constantFrom<TieStatus>(
    'in-force',
    'in-force',
    'in-force',
    'ended',
    'future',
    'dated',
  );
  const graph = fc.integer({ min: 10, max: 30 }).chain((size) => {
    const index = fc.integer({ min: 0, max: size - 1 });
    const tie = (type: Tie['type']) =>
      fc
        .record({ a: index, b: index, status })
        .filter((entry) => entry.a !== entry.b)
        // Affiliations point from a later organization to an earlier one: never a cycle.
        .map((entry) =>
          type === 'affiliation'
            ? {
                type,
                a: Math.max(entry.a, entry.b),
                b: Math.min(entry.a, entry.b),
                status: entry.status,
              }
            : { type, ...entry },
        );
    return fc.record({
      size: fc.constant(size),
      ties: fc.array(fc.oneof(tie('affiliation'), tie('partnership')), { maxLength: 2 * size }),
      questions: fc.array(
        fc.record({
          from: index,
          to: index,
          maxLength: fc.integer({ min: 1, max: 6 }),
          includeEnded: fc.boolean(),
        }),
        { minLength: 4, maxLength: 8 },
      ),
    });
  });

  /** Breadth-first search, the plain way: the length of a shortest chain, if any. */
  function distance(size: number, ties: Tie[], from: number, to: number, includeEnded: boolean) {
    const counted = ties.filter(
      (tie) => includeEnded || tie.status === 'in-force' || tie.status === 'dated',
    );
    const seen = new Map<number, number>([[from, 0]]);
    let frontier = [from];
    for (let depth = 1; frontier.length > 0 && size > 0; depth += 1) {
      const next: number[] = [];
      for (const at of frontier)
        for (const tie of counted) {
          const other = tie.a === at ? tie.b : tie.b === at ? tie.a : undefined;
          if (other === undefined || seen.has(other)) continue;
          seen.set(other, depth);
          next.push(other);
        }
      frontier = next;
    }
    return seen.get(to);
  }

  it('is as short as breadth-first search finds, valid, and missing exactly when there is none, the same from the database and from memory', async () => {
    const pool = await insertOrganizations(30, `Chain ${Date.now()}`);
    await fc.assert(
      fc.asyncProperty(graph, async ({ size, ties, questions }) => {
        await api.database.pool.query('delete from network_affiliation where member_id = any($1)', [
          pool,
        ]);
        await api.database.pool.query('delete from network_partnership where from_id = any($1)', [
          pool,
        ]);
        const byId = new Map<string, Tie>();
        for (const tie of ties) {
          const id = await insertTie(
            tie.type,
            pool[tie.a] as string,
            pool[tie.b] as string,
            tie.status,
          );
          byId.set(id, tie);
        }
        const fromDatabase: unknown[] = [];
        const answered = graphAnswers(api.database.db);
        for (const question of questions) {
          const from = pool[question.from] as string;
          const to = pool[question.to] as string;
          const expected = distance(size, ties, question.from, question.to, question.includeEnded);
          const { status: code, body } = await get(
            `/api/network/chain?from=${from}&to=${to}&maxLength=${question.maxLength}&includeEnded=${question.includeEnded}`,
          );
          fromDatabase.push({ ...body, requestId: undefined });
          if (expected === undefined || expected > question.maxLength) {
            expect(code, JSON.stringify(body)).toBe(404);
            expect(body.detail).toMatch(new RegExp(`within ${question.maxLength} tie`));
            continue;
          }
          expect(code, JSON.stringify(body)).toBe(200);
          expect(body.length).toBe(expected);
          const path = (body.organizations as Node[]).map((node) => node.id);
          expect(path).toHaveLength(expected + 1);
          expect(path[0]).toBe(from);
          expect(path.at(-1)).toBe(to);
          expect(new Set(path).size).toBe(path.length);
          expect((body.organizations as Node[]).map((node) => node.depth)).toEqual(
            path.map((_, i) => i),
          );
          (body.ties as Edge[]).forEach((edge, i) => {
            const tie = byId.get(edge.id);
            expect(tie, 'a tie of this graph').toBeDefined();
            if (!tie) return;
            expect(edge.type).toBe(tie.type);
            expect([edge.fromId, edge.toId]).toEqual([pool[tie.a], pool[tie.b]]);
            const [left, right] = edge.forward
              ? [edge.fromId, edge.toId]
              : [edge.toId, edge.fromId];
            expect([left, right]).toEqual([path[i], path[i + 1]]);
            if (!question.includeEnded) expect(['in-force', 'dated']).toContain(tie.status);
          });
        }
        expect(graphAnswers(api.database.db).memory).toBe(answered.memory);
        // The same questions answered from the graph kept in memory: the very same answers.
        await rebuildTieGraph(api.database.db);
        for (const [index, question] of questions.entries()) {
          const { body } = await get(
            `/api/network/chain?from=${pool[question.from]}&to=${pool[question.to]}&maxLength=${question.maxLength}&includeEnded=${question.includeEnded}`,
          );
          expect({ ...body, requestId: undefined }).toEqual(fromDatabase[index]);
        }
        expect(graphAnswers(api.database.db).memory).toBe(answered.memory + questions.length);
      }),
      { numRuns: 30 },
    );
  }, 120_000);

  it('is one organization long from an organization to itself', async () => {
    const [only] = await insertOrganizations(1, 'Alone');
    const { status, body } = await get(`/api/network/chain?from=${only}&to=${only}`);
    expect(status).toBe(200);
    expect(body.length).toBe(0);
    expect(body.organizations.map((node: Node) => node.id)).toEqual([only]);
    expect(body.ties).toEqual([]);
  });

  it('refuses bad questions with a pointer, and unknown organizations with a 404', async () => {
    const [a, b] = await insertOrganizations(2, 'Question');
    const bad = [
      [`from=nope&to=${b}`, '/from'],
      [`from=${a}`, '/to'],
      [`from=${a}&to=${b}&maxLength=0`, '/maxLength'],
      [`from=${a}&to=${b}&maxLength=11`, '/maxLength'],
      [`from=${a}&to=${b}&maxLength=two`, '/maxLength'],
      [`from=${a}&to=${b}&includeEnded=maybe`, '/includeEnded'],
    ] as const;
    for (const [query, pointer] of bad) {
      const { status, body } = await get(`/api/network/chain?${query}`);
      expect(status, query).toBe(400);
      expect(
        body.errors.map((error: { pointer: string }) => error.pointer),
        query,
      ).toContain(pointer);
    }
    const unknown = randomUUID();
    const missing = await get(`/api/network/chain?from=${unknown}&to=${b}`);
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toContain(unknown);
  });
});

describe('the affiliation tree', () => {
  it('goes up to every root of a DAG and down to the depth asked', async () => {
    const [top, otherTop, federation, union, cooperative, division, team, former] =
      await insertOrganizations(8, `Tree ${Date.now()}`);
    const ids = { top, otherTop, federation, union, cooperative, division, team, former } as Record<
      string,
      string
    >;
    const tie = (member: string, parent: string, status?: TieStatus) =>
      insertTie('affiliation', ids[member] as string, ids[parent] as string, status);
    await tie('federation', 'top');
    await tie('union', 'federation');
    await tie('union', 'otherTop'); // a second parent
    await tie('cooperative', 'union');
    await tie('division', 'cooperative');
    await tie('team', 'division');
    await tie('cooperative', 'former', 'ended');

    const { status, body } = await get(
      `/api/network/organizations/${ids.cooperative}/tree?depth=1`,
    );
    expect(status).toBe(200);
    expect(body.organization.id).toBe(ids.cooperative);
    const depthOf = (nodes: Node[]) =>
      Object.fromEntries(
        nodes.map((node) => [Object.keys(ids).find((key) => ids[key] === node.id), node.depth]),
      );
    expect(depthOf(body.ancestors.nodes)).toEqual({ union: 1, federation: 2, otherTop: 2, top: 3 });
    expect(body.ancestors.edges).toHaveLength(4);
    expect(body.ancestors.truncated).toBe(false);
    expect(depthOf(body.descendants.nodes)).toEqual({ division: 1 });
    // The team is below, past the depth asked.
    expect(body.descendants.truncated).toBe(true);

    const deeper = await get(`/api/network/organizations/${ids.cooperative}/tree?depth=5`);
    expect(depthOf(deeper.body.descendants.nodes)).toEqual({ division: 1, team: 2 });
    expect(deeper.body.descendants.truncated).toBe(false);

    const history = await get(
      `/api/network/organizations/${ids.cooperative}/tree?depth=1&includeEnded=true`,
    );
    expect(depthOf(history.body.ancestors.nodes)).toMatchObject({ former: 1, union: 1 });
  });

  it('sends at most 500 members of a hub and says so; refuses bad depths', async () => {
    const [hub, ...members] = await insertOrganizations(502, `Hub ${Date.now()}`);
    await api.database.pool.query(
      `insert into network_affiliation (id, member_id, parent_id, kind, created_at, updated_at)
       select gen_random_uuid(), m, $1, 'member-of', now(), now() from unnest($2::uuid[]) m`,
      [hub, members],
    );
    const tree = await get(`/api/network/organizations/${hub}/tree`);
    expect(tree.body.descendants.nodes).toHaveLength(500);
    expect(tree.body.descendants.truncated).toBe(true);
    const around = await get(`/api/network/organizations/${hub}/neighbours?depth=2`);
    expect(around.body.nodes).toHaveLength(300);
    expect(around.body.truncated).toBe(true);
    expect(around.body.edges).toHaveLength(300);

    for (const query of ['depth=0', 'depth=21', 'depth=x', 'colour=red']) {
      expect((await get(`/api/network/organizations/${hub}/tree?${query}`)).status, query).toBe(
        400,
      );
    }
    expect((await get('/api/network/organizations/not-an-id/tree')).status).toBe(400);
    expect((await get(`/api/network/organizations/${randomUUID()}/tree`)).status).toBe(404);
  });
});

describe('neighbours', () => {
  it('are the organizations one or two ties away either way, with the ties among them', async () => {
    const [centre, partner, parent, member, far, farther, ended] = await insertOrganizations(
      7,
      `Around ${Date.now()}`,
    );
    const partnership = await insertTie('partnership', partner as string, centre as string);
    const up = await insertTie('affiliation', centre as string, parent as string);
    const down = await insertTie('affiliation', member as string, centre as string);
    const across = await insertTie('partnership', partner as string, parent as string);
    const second = await insertTie('affiliation', far as string, parent as string);
    await insertTie('partnership', farther as string, far as string);
    await insertTie('partnership', centre as string, ended as string, 'ended');

    const near = await get(`/api/network/organizations/${centre}/neighbours`);
    expect(near.status).toBe(200);
    expect(near.body.truncated).toBe(false);
    expect(new Set(near.body.nodes.map((node: Node) => `${node.id}:${node.depth}`))).toEqual(
      new Set([`${partner}:1`, `${parent}:1`, `${member}:1`]),
    );
    expect(new Set(near.body.edges.map((edge: Edge) => edge.id))).toEqual(
      new Set([partnership, up, down, across]),
    );
    const partnershipEdge = near.body.edges.find((edge: Edge) => edge.id === partnership);
    expect(partnershipEdge).toMatchObject({
      type: 'partnership',
      kind: 'supply',
      fromId: partner,
      toId: centre,
    });

    const two = await get(`/api/network/organizations/${centre}/neighbours?depth=2`);
    expect(new Set(two.body.nodes.map((node: Node) => `${node.id}:${node.depth}`))).toEqual(
      new Set([`${partner}:1`, `${parent}:1`, `${member}:1`, `${far}:2`]),
    );
    expect(two.body.edges.map((edge: Edge) => edge.id)).toContain(second);

    const history = await get(`/api/network/organizations/${centre}/neighbours?includeEnded=true`);
    expect(history.body.nodes.map((node: Node) => node.id)).toContain(ended);

    expect((await get(`/api/network/organizations/${centre}/neighbours?depth=3`)).status).toBe(400);
    expect((await get(`/api/network/organizations/${randomUUID()}/neighbours`)).status).toBe(404);
  });
});

describe('statistics', () => {
  it('sum women and men members over the organizations that state them, exactly', async () => {
    const read = async () => (await get('/api/network/statistics')).body;
    const before = await read();
    // One states women and men, one only women, one only its total: each counts where it states.
    await api.createOrganization({ members: { total: 300, women: 180, men: 120 } });
    await api.createOrganization({ members: { total: 50, women: 41 } });
    await api.createOrganization({ members: { total: 75 } });
    const after = await read();
    expect(after.womenMembers).toEqual({
      total: before.womenMembers.total + 221,
      organizationsStating: before.womenMembers.organizationsStating + 2,
    });
    expect(after.menMembers).toEqual({
      total: before.menMembers.total + 120,
      organizationsStating: before.menMembers.organizationsStating + 1,
    });
    expect(after.members.total).toBe(before.members.total + 425);
    // And against the organizations themselves.
    const sums = await api.database.pool.query<{
      women: string | null;
      women_stating: string;
      men: string | null;
      men_stating: string;
    }>(
      `select sum(members_women) as women, count(members_women) as women_stating,
              sum(members_men) as men, count(members_men) as men_stating
       from network_organization`,
    );
    const row = sums.rows[0];
    expect(after.womenMembers).toEqual({
      total: Number(row?.women ?? 0),
      organizationsStating: Number(row?.women_stating),
    });
    expect(after.menMembers).toEqual({
      total: Number(row?.men ?? 0),
      organizationsStating: Number(row?.men_stating),
    });
    expect(Number.isInteger(after.womenMembers.total)).toBe(true);
  });

  it('count organizations by country, sector and kind, and ties in force by kind', async () => {
    await api.createOrganization({
      country: 'LR',
      kind: 'federation',
      sector: 'housing',
      members: { total: 120 },
      employees: 4,
    });
    const { status, body } = await get('/api/network/statistics');
    expect(status).toBe(200);
    const expected = await api.database.pool.query<{ country: string; count: string }>(
      'select country, count(*) from network_organization group by country',
    );
    expect(body.organizations.byCountry).toHaveLength(expected.rows.length);
    for (const row of expected.rows)
      expect(body.organizations.byCountry).toContainEqual({
        value: row.country,
        count: Number(row.count),
      });
    const total = body.organizations.total;
    const sum = (list: Array<{ count: number }>) =>
      list.reduce((all, entry) => all + entry.count, 0);
    expect(sum(body.organizations.bySector)).toBe(total);
    expect(sum(body.organizations.byKind)).toBe(total);
    expect(body.organizations.byKind).toContainEqual({
      value: 'federation',
      count: expect.any(Number),
    });
    const people = await api.database.pool.query<{ members: string; employees: string }>(
      'select sum(members_total) as members, sum(employees) as employees from network_organization',
    );
    expect(body.members.total).toBe(Number(people.rows[0]?.members));
    expect(body.employees.total).toBe(Number(people.rows[0]?.employees));
    const ties = await api.database.pool.query<{ all: string }>(
      'select (select count(*) from network_affiliation) + (select count(*) from network_partnership) as all',
    );
    expect(sum(body.ties.affiliations) + sum(body.ties.partnerships) + body.ties.notInForce).toBe(
      Number(ties.rows[0]?.all),
    );
    // The tests above made ended and future ties.
    expect(body.ties.notInForce).toBeGreaterThan(0);
  });
});

describe('invariant checks', () => {
  // Each breaks the data inside a transaction that is rolled back, so nothing else sees it.
  class RollBack extends Error {}
  async function inBrokenData(work: (db: typeof api.database.db) => Promise<void>) {
    await api.database.db
      .transaction()
      .execute(async (trx) => {
        await work(trx);
        throw new RollBack();
      })
      .catch((error) => {
        if (!(error instanceof RollBack)) throw error;
      });
  }

  it('find a loop of affiliations written past the use case', async () => {
    expect(await checkAffiliationsAcyclic(api.database.db)).toEqual([]);
    const [a, b, c] = await insertOrganizations(3, `Loop ${Date.now()}`);
    let problems: string[] = [];
    await inBrokenData(async (db) => {
      for (const [member, parent] of [
        [a, b],
        [b, c],
        [c, a],
      ])
        await sql`insert into network_affiliation (id, member_id, parent_id, kind, created_at, updated_at)
          values (${randomUUID()}, ${member}, ${parent}, 'member-of', now(), now())`.execute(db);
      problems = await checkAffiliationsAcyclic(db);
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^The affiliations loop: Loop .* belongs to .* belongs to .* belongs to /,
    );
    for (const id of [a, b, c]) expect(problems[0]).toContain(id);
    expect(await checkAffiliationsAcyclic(api.database.db)).toEqual([]);
  });

  it('find a tie to an organization that is not there, loaded with the foreign keys off', async () => {
    expect(await checkTiesPointToOrganizations(api.database.db)).toEqual([]);
    const [a] = await insertOrganizations(1, `Dangling ${Date.now()}`);
    const missing = randomUUID();
    let problems: string[] = [];
    await inBrokenData(async (db) => {
      // What a restore with --disable-triggers does: foreign keys are triggers, and they are off.
      await sql`set local session_replication_role = replica`.execute(db);
      await sql`insert into network_partnership (id, from_id, to_id, kind, created_at, updated_at)
        values (${randomUUID()}, ${a}, ${missing}, 'funding', now(), now())`.execute(db);
      problems = await checkTiesPointToOrganizations(db);
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`at its to end (there is no organization with id ${missing})`);
  });
});
