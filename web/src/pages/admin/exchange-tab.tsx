// Moving the whole registry (network admins): download it as JSON or as a zip of CSV files, and
// import such a file into an empty registry, all of it or nothing.
import { type FormEvent, type ReactNode, useRef, useState } from 'react';
import { FormattedMessage, FormattedNumber, useIntl } from 'react-intl';
import { Link } from 'wouter';
import { downloadExport, type ImportCounts, importRegistry } from '../../api/admin.ts';
import { isStillInProgress, type Problem, problemLanguage, problemOf } from '../../api/problem.ts';
import { fieldErrorMessage } from '../../forms/field-message.ts';
import { useSubmissionKeys } from '../../forms/use-submission-keys.ts';
import type { MessageId } from '../../i18n/locales.ts';
import { Notice, ProblemText } from './admin-ui.tsx';

const tableNames = [
  'organizations',
  'affiliations',
  'partnerships',
  'logos',
  'projects',
  'projectCountries',
  'projectParticipants',
  'projectFigures',
  'intents',
  'tieClaims',
] as const;

function tableLabel(table: string): MessageId | null {
  return (tableNames as readonly string[]).includes(table)
    ? (`admin.exchange.table.${table}` as MessageId)
    : null;
}

/**
 * Where the import found a fault: the CSV file and line (as the server names them), or the JSON
 * table and record; the field from the first error's pointer.
 */
export function placeOfFault(
  problem: Pick<Problem, 'source' | 'errors'> | null,
):
  | { kind: 'csv'; file: string; line: number; field: string | null }
  | { kind: 'json'; table: string; record: number; field: string | null }
  | null {
  const pointer = problem?.errors?.[0]?.pointer ?? '';
  if (problem?.source) {
    const field = /^\/[A-Za-z]+\/\d+\/(.+)$/.exec(pointer)?.[1];
    return { kind: 'csv', ...problem.source, field: field ?? null };
  }
  const json = /^\/([A-Za-z]+)\/(\d+)(?:\/(.+))?$/.exec(pointer);
  if (json?.[1] && json[2]) {
    return { kind: 'json', table: json[1], record: Number(json[2]) + 1, field: json[3] ?? null };
  }
  return null;
}

type Outcome =
  | { kind: 'done'; counts: ImportCounts; fileName: string }
  | { kind: 'failed'; error: unknown; fileName: string };

export function ExchangeTab() {
  const intl = useIntl();
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [attempt, setAttempt] = useState(0);
  const keys = useSubmissionKeys();

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempt((count) => count + 1);
    if (!file) {
      setMissing(true);
      inputRef.current?.focus();
      return;
    }
    setMissing(false);
    setBusy(true);
    setOutcome(null);
    try {
      const counts = await importRegistry(file, keys);
      setOutcome({ kind: 'done', counts, fileName: file.name });
    } catch (error) {
      setOutcome({ kind: 'failed', error, fileName: file.name });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="exchange-title">
      <h2 id="exchange-title" className="visually-hidden">
        <FormattedMessage id="admin.tab.exchange" />
      </h2>
      <h3 className="admin-heading">
        <FormattedMessage id="admin.exchange.exportTitle" />
      </h3>
      <p>
        <FormattedMessage id="admin.exchange.exportIntro" />
      </p>
      <ExportButtons />

      <h3 className="admin-heading">
        <FormattedMessage id="admin.exchange.importTitle" />
      </h3>
      <ul className="plain-list admin-rules">
        <li>
          <FormattedMessage id="admin.exchange.ruleEmpty" />
        </li>
        <li>
          <FormattedMessage id="admin.exchange.ruleFormat" />
        </li>
        <li>
          <FormattedMessage id="admin.exchange.ruleAllOrNothing" />
        </li>
        <li>
          <FormattedMessage id="admin.exchange.ruleAccounts" />
        </li>
      </ul>
      {outcome?.kind === 'done' ? (
        <Notice
          key={attempt}
          kind="success"
          title={
            <FormattedMessage id="admin.exchange.imported" values={{ file: outcome.fileName }} />
          }
        >
          <table className="admin-counts">
            <caption className="visually-hidden">
              <FormattedMessage id="admin.exchange.countsCaption" />
            </caption>
            <thead>
              <tr>
                <th scope="col">
                  <FormattedMessage id="admin.exchange.table" />
                </th>
                <th scope="col">
                  <FormattedMessage id="admin.exchange.rows" />
                </th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(outcome.counts).map(([table, count]) => {
                const label = tableLabel(table);
                return (
                  <tr key={table}>
                    <th scope="row">
                      {label ? <FormattedMessage id={label} /> : <span lang="en">{table}</span>}
                    </th>
                    <td>
                      <FormattedNumber value={count} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </Notice>
      ) : null}
      {outcome?.kind === 'failed' ? (
        <ImportFailure key={attempt} error={outcome.error} fileName={outcome.fileName} />
      ) : null}
      <form className="form admin-form" onSubmit={onSubmit} noValidate>
        <div className={missing ? 'field field--invalid' : 'field'}>
          <label htmlFor="import-file">
            <FormattedMessage id="admin.exchange.file" />
          </label>
          <p id="import-file-hint" className="field__hint">
            <FormattedMessage id="admin.exchange.fileHint" />
          </p>
          <input
            ref={inputRef}
            id="import-file"
            type="file"
            accept=".json,.zip,application/json,application/zip"
            aria-describedby={missing ? 'import-file-hint import-file-error' : 'import-file-hint'}
            aria-invalid={missing ? true : undefined}
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setMissing(false);
            }}
          />
          {missing ? (
            <p id="import-file-error" className="field__error">
              <FormattedMessage id="admin.exchange.chooseFile" />
            </p>
          ) : null}
        </div>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy
            ? intl.formatMessage({ id: 'admin.exchange.importing' })
            : intl.formatMessage({ id: 'admin.exchange.import' })}
        </button>
      </form>
    </section>
  );
}

function placeMessageId(place: NonNullable<ReturnType<typeof placeOfFault>>): MessageId {
  if (place.kind === 'csv') {
    return place.field ? 'admin.exchange.faultCsvField' : 'admin.exchange.faultCsv';
  }
  return place.field ? 'admin.exchange.faultJsonField' : 'admin.exchange.faultJson';
}

function ImportFailure({ error, fileName }: { error: unknown; fileName: string }) {
  const intl = useIntl();
  const problem = problemOf(error);
  const place = placeOfFault(problem);
  const firstError = problem?.errors?.[0];
  const fault = firstError ? fieldErrorMessage(intl, firstError) : undefined;
  const status = problem?.status;
  return (
    <Notice
      kind="error"
      title={<FormattedMessage id="admin.exchange.failed" values={{ file: fileName }} />}
    >
      {isStillInProgress(problem) ? (
        <p>
          <FormattedMessage id="form.stillInProgress" />
        </p>
      ) : status === 409 ? (
        <p>
          <FormattedMessage id="admin.exchange.notEmpty" />
        </p>
      ) : status === 413 ? (
        <p>
          <FormattedMessage id="admin.exchange.tooLarge" />
        </p>
      ) : status === 415 ? (
        <p>
          <FormattedMessage id="admin.exchange.wrongType" />
        </p>
      ) : null}
      {problem && place && fault ? (
        // One message in the reader's language: where the fault is, and what is wrong there.
        <p>
          <FormattedMessage
            id={placeMessageId(place)}
            values={
              place.kind === 'csv'
                ? { file: place.file, line: place.line, field: place.field ?? '' }
                : { table: place.table, record: place.record, field: place.field ?? '' }
            }
          />{' '}
          <span lang={fault.lang}>{fault.message}</span>
        </p>
      ) : problem ? (
        <p lang={problemLanguage(problem)}>{problem.detail ?? problem.title}</p>
      ) : (
        <p>
          <FormattedMessage id="form.offline" />
        </p>
      )}
    </Notice>
  );
}

type ExportState =
  | { kind: 'idle' }
  | { kind: 'busy'; format: 'json' | 'csv' }
  | { kind: 'done'; fileName: string }
  | { kind: 'failed'; error: unknown };

/**
 * Downloads an export. The file is fetched before it is saved, so that a failure (a session that
 * has ended, a refusal, the server unreachable) is said in words rather than saved as the file.
 */
function ExportButtons() {
  const [state, setState] = useState<ExportState>({ kind: 'idle' });
  const [attempt, setAttempt] = useState(0);
  const start = async (format: 'json' | 'csv') => {
    setAttempt((count) => count + 1);
    setState({ kind: 'busy', format });
    try {
      setState({ kind: 'done', fileName: await downloadExport(format) });
    } catch (error) {
      setState({ kind: 'failed', error });
    }
  };
  const busy = state.kind === 'busy';
  const problem = state.kind === 'failed' ? problemOf(state.error) : null;
  return (
    <>
      <div className="button-row">
        <button
          type="button"
          className="button button--primary"
          disabled={busy}
          onClick={() => void start('json')}
        >
          <FormattedMessage id="admin.exchange.downloadJson" />
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => void start('csv')}>
          <FormattedMessage id="admin.exchange.downloadCsv" />
        </button>
      </div>
      {busy ? (
        <p role="status">
          <FormattedMessage id="admin.exchange.preparing" />
        </p>
      ) : null}
      {state.kind === 'done' ? (
        <p role="status">
          <FormattedMessage id="admin.exchange.downloaded" values={{ file: state.fileName }} />
        </p>
      ) : null}
      {state.kind === 'failed' ? (
        <Notice
          key={attempt}
          kind="error"
          title={<FormattedMessage id="admin.exchange.downloadFailed" />}
        >
          {problem?.status === 401 ? (
            <p>
              <FormattedMessage
                id="admin.exchange.signedOut"
                values={{
                  link: (chunks: ReactNode) => (
                    <Link href={`/sign-in?next=${encodeURIComponent('/admin/exchange')}`}>
                      {chunks}
                    </Link>
                  ),
                }}
              />
            </p>
          ) : problem?.status === 403 ? (
            <p>
              <FormattedMessage id="admin.exchange.notAllowed" />
            </p>
          ) : null}
          {problem?.status === 401 ? null : <ProblemText error={state.error} />}
        </Notice>
      ) : null}
    </>
  );
}
