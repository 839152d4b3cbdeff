// A spreadsheet takes a cell that starts with =, +, -, @, a tab or a carriage return for a
// formula (OWASP's rule for CSV injection), and a formula can run commands or send the sheet's
// contents away. So a text cell that starts so is written after a single quote, which
// spreadsheets show as text and do not display. A text that itself starts with a quote is given
// one more, so that reading takes exactly one leading quote off any cell that has one: writing
// and reading are inverses, and export, import and export again give the same file. Numbers are
// not text cells: a negative latitude stays a number.
const formulaStart = /^[=+\-@\t\r']/;

/** A text as a cell safe to open in a spreadsheet. */
export function safeCell(text: string): string {
  return formulaStart.test(text) ? `'${text}` : text;
}

/** The text a cell written by `safeCell` holds. */
export function cellText(cell: string): string {
  return cell.startsWith("'") ? cell.slice(1) : cell;
}
