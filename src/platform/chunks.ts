// Rows written many at a time go in chunks: one statement a chunk, well under PostgreSQL's
// 65,535 parameters a statement.
const chunkSize = 500;

export function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < rows.length; start += chunkSize)
    out.push(rows.slice(start, start + chunkSize));
  return out;
}
