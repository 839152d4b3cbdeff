// What an audit entry changed, field by field: the before and after copies flattened to paths
// (`members.total`), lists of records compared as sets, and only the differences kept unless
// asked for all.

export type FieldValue =
  | { type: 'empty' }
  | { type: 'text'; value: string }
  | { type: 'number'; value: number }
  | { type: 'boolean'; value: boolean }
  | { type: 'list'; items: string[] };

export type DiffRow = {
  /** The field's path, such as `members.total`; '' for the value itself (a list of records). */
  field: string;
  before: FieldValue | null;
  after: FieldValue | null;
  change: 'added' | 'removed' | 'changed' | 'same';
};

const empty: FieldValue = { type: 'empty' };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A record inside a list, in one line: its fields but its id, which says little to a person. */
export function summarize(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.map(summarize).join(', ');
  if (isRecord(value)) {
    return Object.entries(value)
      .filter(([key, inner]) => key !== 'id' && inner !== null && inner !== undefined)
      .map(([key, inner]) => `${key}: ${summarize(inner)}`)
      .join(' · ');
  }
  return String(value);
}

function leaf(value: unknown): FieldValue {
  if (value === null || value === undefined || value === '') return empty;
  if (typeof value === 'number') return { type: 'number', value };
  if (typeof value === 'boolean') return { type: 'boolean', value };
  if (Array.isArray(value)) {
    return value.length === 0 ? empty : { type: 'list', items: value.map(summarize) };
  }
  return { type: 'text', value: String(value) };
}

export function flatten(value: unknown, prefix = '', out = new Map<string, FieldValue>()) {
  if (isRecord(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0 && prefix) out.set(prefix, empty);
    for (const [key, inner] of entries) flatten(inner, prefix ? `${prefix}.${key}` : key, out);
    return out;
  }
  out.set(prefix, leaf(value));
  return out;
}

function same(a: FieldValue, b: FieldValue): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The rows of the diff, in the order of the fields (after's first). A list compares as a set:
 * its row shows what left it and what joined it, so a role given to an account reads as one
 * added line rather than every line shifting.
 */
export function diffFields(before: unknown, after: unknown, includeSame = false): DiffRow[] {
  const hadBefore = before !== null && before !== undefined;
  const hasAfter = after !== null && after !== undefined;
  const old = hadBefore ? flatten(before) : new Map<string, FieldValue>();
  const now = hasAfter ? flatten(after) : new Map<string, FieldValue>();
  const fields = [...new Set([...now.keys(), ...old.keys()])];
  const rows: DiffRow[] = [];
  for (const field of fields) {
    const a = old.get(field) ?? null;
    const b = now.get(field) ?? null;
    if (!hadBefore) {
      rows.push({ field, before: null, after: b, change: 'added' });
      continue;
    }
    if (!hasAfter) {
      rows.push({ field, before: a, after: null, change: 'removed' });
      continue;
    }
    if (a && b && a.type === 'list' && b.type === 'list') {
      const left = a.items.filter((item) => !b.items.includes(item));
      const joined = b.items.filter((item) => !a.items.includes(item));
      if (left.length === 0 && joined.length === 0) {
        if (includeSame) rows.push({ field, before: a, after: b, change: 'same' });
        continue;
      }
      rows.push({
        field,
        before: left.length > 0 ? { type: 'list', items: left } : empty,
        after: joined.length > 0 ? { type: 'list', items: joined } : empty,
        change: 'changed',
      });
      continue;
    }
    const left = a ?? empty;
    const right = b ?? empty;
    if (same(left, right)) {
      if (includeSame) rows.push({ field, before: left, after: right, change: 'same' });
      continue;
    }
    rows.push({
      field,
      before: left,
      after: right,
      change:
        a === null || a.type === 'empty'
          ? 'added'
          : b === null || b.type === 'empty'
            ? 'removed'
            : 'changed',
    });
  }
  return rows;
}

/** How many fields stayed the same (to offer showing them). */
export function unchangedCount(before: unknown, after: unknown): number {
  return diffFields(before, after, true).filter((row) => row.change === 'same').length;
}

const isoTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export function isTimestamp(value: string): boolean {
  return isoTimestamp.test(value) && !Number.isNaN(Date.parse(value));
}
