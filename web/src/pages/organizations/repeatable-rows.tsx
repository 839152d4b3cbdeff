import { type ReactNode, useEffect, useRef } from 'react';

type RepeatableRowsProps<Row extends { key: number }> = {
  /** Prefix of the ids of the group's own elements. */
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  rows: Row[];
  onRowsChange: (rows: Row[]) => void;
  newRow: () => Row;
  /** No "add" button once there are this many rows. */
  max: number;
  addLabel: string;
  /** Shown in place of the "add" button when there are `max` rows. */
  fullNote: ReactNode;
  /** Names the row, for its legend: "Other name 2". */
  rowName: (position: number) => string;
  /** Its "remove" button, which says which row it removes: "Remove other name 2". */
  removeLabel: (position: number) => string;
  /** The row's first field, which takes focus when the row is added. */
  firstFieldId: (row: Row) => string;
  renderRow: (row: Row, update: (patch: Partial<Row>) => void) => ReactNode;
};

/**
 * A list of rows the reader adds to and removes from with buttons. Focus follows: to a new row's
 * first field, and after a removal to the row that took its place (or the one before it, or the
 * "add" button when none is left), so keyboard and screen-reader users are never dropped.
 */
export function RepeatableRows<Row extends { key: number }>({
  id,
  legend,
  hint,
  rows,
  onRowsChange,
  newRow,
  max,
  addLabel,
  fullNote,
  rowName,
  removeLabel,
  firstFieldId,
  renderRow,
}: RepeatableRowsProps<Row>) {
  const pendingFocus = useRef<string | null>(null);
  const addId = `${id}-add`;

  useEffect(() => {
    if (pendingFocus.current === null) return;
    document.getElementById(pendingFocus.current)?.focus();
    pendingFocus.current = null;
  });

  const add = () => {
    const row = newRow();
    pendingFocus.current = firstFieldId(row);
    onRowsChange([...rows, row]);
  };
  const remove = (index: number) => {
    const next = rows[index + 1] ?? rows[index - 1];
    pendingFocus.current = next ? firstFieldId(next) : addId;
    onRowsChange(rows.filter((_, at) => at !== index));
  };

  return (
    <fieldset aria-describedby={hint ? `${id}-hint` : undefined}>
      <legend>{legend}</legend>
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      {rows.map((row, index) => {
        const name = rowName(index + 1);
        return (
          <fieldset key={row.key} className="repeatable-row">
            <legend>{name}</legend>
            {renderRow(row, (patch) =>
              onRowsChange(
                rows.map((other) => (other.key === row.key ? { ...other, ...patch } : other)),
              ),
            )}
            <div>
              <button type="button" className="button button--small" onClick={() => remove(index)}>
                {removeLabel(index + 1)}
              </button>
            </div>
          </fieldset>
        );
      })}
      {rows.length < max ? (
        <div>
          <button id={addId} type="button" className="button" onClick={add}>
            {addLabel}
          </button>
        </div>
      ) : (
        <p id={addId} className="field__hint" tabIndex={-1}>
          {fullNote}
        </p>
      )}
    </fieldset>
  );
}
