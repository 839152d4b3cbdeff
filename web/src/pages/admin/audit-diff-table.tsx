import { useId, useState } from 'react';
import { FormattedDate, FormattedMessage, FormattedNumber, FormattedTime } from 'react-intl';
import {
  type DiffRow,
  diffFields,
  type FieldValue,
  isTimestamp,
  unchangedCount,
} from './audit-diff.ts';
import { OrganizationName } from './organization-picker.tsx';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const scopeInItem = /scopeId: ([0-9a-f-]{36})/i;

/** A record of a list; a role's organization by its name rather than its id and scope type. */
function ListItem({ text }: { text: string }) {
  const id = text.includes('scopeType: organization') ? scopeInItem.exec(text)?.[1] : undefined;
  if (!id) return <span lang="en">{text}</span>;
  const parts = text.split(' · ').filter((part) => part !== 'scopeType: organization');
  return (
    <>
      {parts.map((part, index) => (
        <span key={part}>
          {index > 0 ? ' · ' : null}
          {part === `scopeId: ${id}` ? <OrganizationName id={id} /> : <span lang="en">{part}</span>}
        </span>
      ))}
    </>
  );
}

function Value({ value, field = '' }: { value: FieldValue | null; field?: string }) {
  if (value === null) {
    return (
      <span className="audit-diff__none">
        <FormattedMessage id="admin.audit.diff.absent" />
      </span>
    );
  }
  switch (value.type) {
    case 'empty':
      return (
        <span className="audit-diff__none">
          <FormattedMessage id="admin.audit.diff.empty" />
        </span>
      );
    case 'number':
      return <FormattedNumber value={value.value} />;
    case 'boolean':
      return <FormattedMessage id={value.value ? 'admin.audit.diff.yes' : 'admin.audit.diff.no'} />;
    case 'list':
      return (
        <ul className="audit-diff__list">
          {value.items.map((item) => (
            <li key={item}>
              <ListItem text={item} />
            </li>
          ))}
        </ul>
      );
    case 'text':
      if (/(^|\.)organizationId$/.test(field) && uuid.test(value.value)) {
        return <OrganizationName id={value.value} />;
      }
      return isTimestamp(value.value) ? (
        <time dateTime={value.value}>
          <FormattedDate value={value.value} dateStyle="medium" />{' '}
          <FormattedTime value={value.value} timeStyle="medium" />
        </time>
      ) : (
        <span lang="en">{value.value}</span>
      );
  }
}

const changeLabels = {
  added: 'admin.audit.diff.added',
  removed: 'admin.audit.diff.removed',
  changed: 'admin.audit.diff.changed',
  same: 'admin.audit.diff.same',
} as const;

/** The entry's change as a table: field, before, after; the unchanged fields on demand. */
export function AuditDiffTable({ before, after }: { before: unknown; after: unknown }) {
  const [showAll, setShowAll] = useState(false);
  const captionId = useId();
  const rows: DiffRow[] = diffFields(before, after, showAll);
  const unchanged = unchangedCount(before, after);
  // A record made (or removed) has one side only: two columns read better than an empty one.
  const created = before === null || before === undefined;
  const removed = !created && (after === null || after === undefined);
  const showBefore = !created;
  const showAfter = !removed;
  return (
    <div className="audit-diff">
      {rows.length === 0 ? (
        <p>
          <FormattedMessage id="admin.audit.diff.nothing" />
        </p>
      ) : (
        <table className="audit-diff__table" aria-describedby={captionId}>
          <caption id={captionId}>
            <FormattedMessage id="admin.audit.diff.caption" values={{ count: rows.length }} />
          </caption>
          <thead>
            <tr>
              <th scope="col">
                <FormattedMessage id="admin.audit.diff.field" />
              </th>
              {showBefore ? (
                <th scope="col">
                  <FormattedMessage id="admin.audit.diff.before" />
                </th>
              ) : null}
              {showAfter ? (
                <th scope="col">
                  <FormattedMessage id="admin.audit.diff.after" />
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.field} className={`audit-diff__row audit-diff__row--${row.change}`}>
                <th scope="row">
                  {row.field ? (
                    <code lang="en">{row.field}</code>
                  ) : (
                    <FormattedMessage id="admin.audit.diff.items" />
                  )}
                  {created || removed ? null : (
                    <span className="audit-diff__change">
                      <FormattedMessage id={changeLabels[row.change]} />
                    </span>
                  )}
                </th>
                {showBefore ? (
                  <td className="audit-diff__before">
                    <Value value={row.before} field={row.field} />
                  </td>
                ) : null}
                {showAfter ? (
                  <td className="audit-diff__after">
                    <Value value={row.after} field={row.field} />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {unchanged > 0 ? (
        <button
          type="button"
          className="button button--small"
          aria-pressed={showAll}
          onClick={() => setShowAll((value) => !value)}
        >
          <FormattedMessage id="admin.audit.diff.showSame" values={{ count: unchanged }} />
        </button>
      ) : null}
    </div>
  );
}
