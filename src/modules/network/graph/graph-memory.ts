// The ties of the whole network kept in memory, for the chain and the neighbours: a search that
// reads one level per query spends its time in the round trips and in PostgreSQL's handling of
// long id lists around hubs, where the same search in memory takes a millisecond or two.
//
// The ties are labelled with the registry's version they were read at, and used only by a read
// whose snapshot has that same version: then they are exactly the ties the database would give.
// When the version has moved, the read goes to the database (always right) and a rebuild is
// scheduled: one at a time, after the version has stayed the same for a quiet spell, and not
// sooner than a while after the last one, so that a network written every second reads from the
// database rather than rebuilding without end.
import type { Logger } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db.ts';
import { readRegistryVersion } from '../registry-version.ts';
import { selectAllTies, type TieScope } from './graph-queries.ts';

/** Tie dates as days since 1970-01-01; no start and no end as the farthest days. */
const noStart = -2_147_483_648;
const noEnd = 2_147_483_647;

export function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
}

/**
 * Every tie, both ways, as compressed rows: the ties of organization `i` are the positions
 * `offsets[i]` to `offsets[i + 1]` of `others` (the other end), `starts` and `ends`.
 */
export class TieGraph {
  private constructor(
    readonly ids: string[],
    private readonly index: Map<string, number>,
    private readonly offsets: Int32Array,
    private readonly others: Int32Array,
    private readonly starts: Int32Array,
    private readonly ends: Int32Array,
  ) {}

  static fromTies(
    ties: ReadonlyArray<{ a: string; b: string; started: number | null; ended: number | null }>,
  ): TieGraph {
    // Positions in id order, so that comparing positions compares ids (as the database does).
    const ids = [...new Set(ties.flatMap((tie) => [tie.a, tie.b]))].sort();
    const index = new Map(ids.map((id, position) => [id, position]));
    const at = (id: string) => index.get(id) as number;
    const ends1 = new Int32Array(ties.length);
    const ends2 = new Int32Array(ties.length);
    const degree: number[] = [];
    ties.forEach((tie, t) => {
      const a = at(tie.a);
      const b = at(tie.b);
      ends1[t] = a;
      ends2[t] = b;
      degree[a] = (degree[a] ?? 0) + 1;
      degree[b] = (degree[b] ?? 0) + 1;
    });
    const offsets = new Int32Array(ids.length + 1);
    for (let i = 0; i < ids.length; i += 1)
      offsets[i + 1] = (offsets[i] as number) + (degree[i] ?? 0);
    const fill = offsets.slice(0, ids.length);
    const others = new Int32Array(ties.length * 2);
    const starts = new Int32Array(ties.length * 2);
    const endDays = new Int32Array(ties.length * 2);
    ties.forEach((tie, t) => {
      const started = tie.started ?? noStart;
      const ended = tie.ended ?? noEnd;
      for (const [from, to] of [
        [ends1[t] as number, ends2[t] as number],
        [ends2[t] as number, ends1[t] as number],
      ] as const) {
        const slot = fill[from] as number;
        fill[from] = slot + 1;
        others[slot] = to;
        starts[slot] = started;
        endDays[slot] = ended;
      }
    });
    return new TieGraph(ids, index, offsets, others, starts, endDays);
  }

  get organizations(): number {
    return this.ids.length;
  }

  get ties(): number {
    return this.others.length / 2;
  }

  /** Calls `visit` with the other end of every tie of `id` that counts in `scope`. */
  private forEachTie(id: string, scope: TieScope, visit: (other: number) => void): void {
    const position = this.index.get(id);
    if (position === undefined) return;
    const today = 'today' in scope ? dayNumber(scope.today) : undefined;
    const last = this.offsets[position + 1] as number;
    for (let slot = this.offsets[position] as number; slot < last; slot += 1) {
      // The same rule as the SQL's: started (or no start known), not yet ended.
      if (
        today !== undefined &&
        ((this.starts[slot] as number) > today || (this.ends[slot] as number) < today)
      )
        continue;
      visit(this.others[slot] as number);
    }
  }

  /**
   * `searchChain` (find-chain.ts) over these ties, in positions rather than ids: the same steps, the same
   * choices (positions are in id order), without a string or an object per tie followed.
   */
  searchChain(
    from: string,
    to: string,
    maxLength: number,
    scope: TieScope,
    cap: number,
  ): { path: string[] } | { path: undefined; gaveUp: boolean } {
    if (from === to) return { path: [from] };
    const start = this.index.get(from);
    const end = this.index.get(to);
    // An organization without ties reaches nothing: no chain, as level by level.
    if (start === undefined || end === undefined) return { path: undefined, gaveUp: false };
    const today = 'today' in scope ? dayNumber(scope.today) : undefined;
    type Side = {
      parent: Int32Array;
      depthOf: Int32Array;
      frontier: number[];
      depth: number;
      size: number;
    };
    const side = (origin: number): Side => {
      const parent = new Int32Array(this.ids.length).fill(-1);
      const depthOf = new Int32Array(this.ids.length).fill(-1);
      depthOf[origin] = 0;
      return { parent, depthOf, frontier: [origin], depth: 0, size: 1 };
    };
    const first = side(start);
    const last = side(end);
    const walkBack = (of: Side, position: number) => {
      const path = [position];
      for (let at = of.parent[position] as number; at !== -1; at = of.parent[at] as number)
        path.push(at);
      return path;
    };
    while (first.depth + last.depth < maxLength) {
      if (first.frontier.length === 0 || last.frontier.length === 0)
        return { path: undefined, gaveUp: false };
      if (first.size + last.size > cap) return { path: undefined, gaveUp: true };
      const [grow, other] =
        first.frontier.length <= last.frontier.length ? [first, last] : [last, first];
      const level = grow.depth + 1;
      // A tie into the other side's frontier ends the search: the smallest (to, from) such tie.
      let meetTo = -1;
      let meetFrom = -1;
      const next: number[] = [];
      for (const at of grow.frontier) {
        const stop = this.offsets[at + 1] as number;
        for (let slot = this.offsets[at] as number; slot < stop; slot += 1) {
          if (
            today !== undefined &&
            ((this.starts[slot] as number) > today || (this.ends[slot] as number) < today)
          )
            continue;
          const reached = this.others[slot] as number;
          if (other.depthOf[reached] === other.depth) {
            if (meetTo === -1 || reached < meetTo || (reached === meetTo && at < meetFrom)) {
              meetTo = reached;
              meetFrom = at;
            }
            continue;
          }
          if (meetTo !== -1) continue;
          const seen = grow.depthOf[reached] as number;
          if (seen === -1) {
            grow.depthOf[reached] = level;
            grow.parent[reached] = at;
            next.push(reached);
          } else if (seen === level && at < (grow.parent[reached] as number)) {
            grow.parent[reached] = at;
          }
        }
      }
      let meeting = -1;
      if (meetTo !== -1) {
        // As level by level: only the meeting tie counts on this level.
        for (const position of next) grow.depthOf[position] = -1;
        grow.depthOf[meetTo] = level;
        grow.parent[meetTo] = meetFrom;
        grow.frontier = [meetTo];
        grow.size += 1;
        meeting = meetTo;
      } else {
        grow.frontier = next;
        grow.size += next.length;
        for (const position of next)
          if ((other.depthOf[position] as number) !== -1 && (meeting === -1 || position < meeting))
            meeting = position;
      }
      grow.depth = level;
      if (meeting !== -1) {
        const path = [...walkBack(first, meeting).reverse(), ...walkBack(last, meeting).slice(1)];
        return { path: path.map((position) => this.ids[position] as string) };
      }
    }
    return { path: undefined, gaveUp: false };
  }

  /** What `selectNewNeighbours` answers: new organizations one tie away, each once, in id order. */
  newNeighbours(
    ids: readonly string[],
    known: ReadonlySet<string>,
    scope: TieScope,
    limit: number,
  ): string[] {
    const found = new Set<string>();
    for (const from of ids) {
      this.forEachTie(from, scope, (other) => {
        const id = this.ids[other] as string;
        if (!known.has(id)) found.add(id);
      });
    }
    return [...found].sort().slice(0, limit);
  }
}

/** How long the version must stay the same before a rebuild, and the least time between two. */
export const graphRebuildTiming = { quietMs: 2_000, minGapMs: 10_000 };

type Kept = {
  graph: { version: string; ties: TieGraph } | undefined;
  building: Promise<void> | undefined;
  timer: NodeJS.Timeout | undefined;
  /** The latest version a read saw that the graph is not at, and when it was first seen. */
  seen: { version: string; at: number } | undefined;
  lastBuildAt: number;
  /** How many reads were answered from memory and from the database: for tests and logs. */
  answered: { memory: number; database: number };
};

/** Per database handle, so that two applications in one process never share a graph. */
const keptGraphs = new WeakMap<Db, Kept>();

function keptFor(db: Db): Kept {
  let kept = keptGraphs.get(db);
  if (!kept) {
    kept = {
      graph: undefined,
      building: undefined,
      timer: undefined,
      seen: undefined,
      lastBuildAt: Number.NEGATIVE_INFINITY,
      answered: { memory: 0, database: 0 },
    };
    keptGraphs.set(db, kept);
  }
  return kept;
}

/** Reads every tie and the version in one snapshot, and keeps them. */
export async function rebuildTieGraph(db: Db): Promise<{ version: string; ties: TieGraph }> {
  const { version, ties } = await selectAllTies(db);
  const built = { version, ties: TieGraph.fromTies(ties) };
  const kept = keptFor(db);
  // A slower rebuild never replaces a newer graph.
  if (kept.graph === undefined || BigInt(kept.graph.version) < BigInt(version)) kept.graph = built;
  return built;
}

/**
 * The graph at `version` (the version of the caller's snapshot), or undefined when the one kept
 * is at another version or there is none yet: then the caller reads the database, and a rebuild
 * is scheduled.
 */
export function tieGraphAt(db: Db, version: string, log: Logger): TieGraph | undefined {
  const kept = keptFor(db);
  if (kept.graph?.version === version) {
    kept.answered.memory += 1;
    return kept.graph.ties;
  }
  kept.answered.database += 1;
  if (kept.graph !== undefined && BigInt(kept.graph.version) > BigInt(version)) return undefined;
  const now = Date.now();
  if (kept.seen?.version !== version) kept.seen = { version, at: now };
  scheduleRebuild(db, kept, log);
  return undefined;
}

function scheduleRebuild(db: Db, kept: Kept, log: Logger): void {
  if (kept.building !== undefined || kept.timer !== undefined || kept.seen === undefined) return;
  const now = Date.now();
  const wait = Math.max(
    0,
    kept.seen.at + graphRebuildTiming.quietMs - now,
    kept.lastBuildAt + graphRebuildTiming.minGapMs - now,
  );
  const seen = kept.seen.version;
  kept.timer = setTimeout(() => {
    kept.timer = undefined;
    kept.building = (async () => {
      // Written to since it was seen: not quiet. The next read that finds the graph behind
      // schedules again, a quiet spell from now.
      const current = await readRegistryVersion(db);
      if (current !== seen) {
        kept.seen = { version: current, at: Date.now() };
        return;
      }
      kept.lastBuildAt = Date.now();
      const started = performance.now();
      const built = await rebuildTieGraph(db);
      log.info(
        {
          version: built.version,
          organizations: built.ties.organizations,
          ties: built.ties.ties,
          ms: Math.round(performance.now() - started),
        },
        'graph of ties kept in memory',
      );
    })()
      .catch((error: unknown) => log.warn({ err: error }, 'the graph of ties could not be read'))
      .finally(() => {
        kept.building = undefined;
      });
  }, wait);
  kept.timer.unref();
}

/** How many graph reads were answered from memory and from the database, on this handle. */
export function graphAnswers(db: Db): { memory: number; database: number } {
  return { ...keptFor(db).answered };
}
