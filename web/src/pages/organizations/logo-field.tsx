import './organizations.css';
import { useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { logoMediaTypes, maxLogoBytes, removeLogo, uploadLogo } from '../../api/organizations.ts';
import { problemLanguage, problemOf } from '../../api/problem.ts';
import { fieldErrorMessage } from '../../forms/field-message.ts';
import type { MessageId } from '../../i18n/locales.ts';

/** Why a chosen file cannot be a logo, checked before sending it; null when it can. */
export function logoFileProblem(file: { type: string; size: number }): MessageId | null {
  if (!(logoMediaTypes as readonly string[]).includes(file.type)) {
    return 'organizations.logo.wrongType';
  }
  if (file.size === 0) return 'organizations.logo.empty';
  if (file.size > maxLogoBytes) return 'organizations.logo.tooLarge';
  return null;
}

type LogoFieldProps = {
  id: string;
  organizationId: string;
  organizationName: string;
  logoUrl: string | null;
  onLogoChange: (logoUrl: string | null) => void;
};

type Status =
  | { kind: 'none' }
  | { kind: 'busy' }
  | { kind: 'saved' }
  | { kind: 'removed' }
  | { kind: 'error'; message: string; lang?: 'en' };

/**
 * The organization's logo: shown as it is now, replaced by uploading an image, or removed. These
 * act at once, apart from the form's other fields (the logo is not part of the saved record).
 */
export function LogoField({
  id,
  organizationId,
  organizationName,
  logoUrl,
  onLogoChange,
}: LogoFieldProps) {
  const intl = useIntl();
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'none' });
  const errorId = `${id}-error`;

  const fail = (error: unknown) => {
    const problem = problemOf(error);
    let message: Status;
    if (!problem) message = { kind: 'error', message: intl.formatMessage({ id: 'form.offline' }) };
    else if (problem.status === 401) {
      message = { kind: 'error', message: intl.formatMessage({ id: 'edit.signedOut' }) };
    } else if (problem.status === 403) {
      message = { kind: 'error', message: intl.formatMessage({ id: 'edit.forbidden' }) };
    } else {
      // What is wrong with the image, in the reader's language from its code when known.
      const first = problem.errors?.[0];
      const worded = first
        ? fieldErrorMessage(intl, first)
        : { message: problem.detail ?? problem.title, lang: problemLanguage(problem) };
      message = {
        kind: 'error',
        message: worded.message,
        lang: worded.lang === 'en' ? 'en' : undefined,
      };
    }
    setStatus(message);
    inputRef.current?.focus();
  };

  const choose = (chosen: File | null) => {
    setFile(chosen);
    const problem = chosen ? logoFileProblem(chosen) : null;
    setStatus(
      problem ? { kind: 'error', message: intl.formatMessage({ id: problem }) } : { kind: 'none' },
    );
  };

  const upload = async () => {
    if (!file) {
      setStatus({
        kind: 'error',
        message: intl.formatMessage({ id: 'organizations.logo.noFile' }),
      });
      inputRef.current?.focus();
      return;
    }
    const problem = logoFileProblem(file);
    if (problem) {
      setStatus({ kind: 'error', message: intl.formatMessage({ id: problem }) });
      inputRef.current?.focus();
      return;
    }
    setStatus({ kind: 'busy' });
    try {
      const info = await uploadLogo(organizationId, file);
      // The logo's address stays the same when it changes: a new `v` fetches the new one.
      onLogoChange(`${info.url}?v=${Date.now().toString(36)}`);
      setFile(null);
      if (inputRef.current) inputRef.current.value = '';
      setStatus({ kind: 'saved' });
    } catch (error) {
      fail(error);
    }
  };

  const remove = async () => {
    setStatus({ kind: 'busy' });
    try {
      await removeLogo(organizationId);
      onLogoChange(null);
      setStatus({ kind: 'removed' });
      inputRef.current?.focus();
    } catch (error) {
      // Already gone (removed elsewhere): what the reader wanted is done.
      if (problemOf(error)?.status === 404) {
        onLogoChange(null);
        setStatus({ kind: 'removed' });
        inputRef.current?.focus();
      } else fail(error);
    }
  };

  const error = status.kind === 'error' ? status : null;
  const busy = status.kind === 'busy';

  return (
    <fieldset className="logo-field">
      <legend>
        <FormattedMessage id="organizations.logo.legend" />
      </legend>
      <p className="field__hint">
        <FormattedMessage id="organizations.logo.hint" />
      </p>
      <div className="logo-field__current">
        {logoUrl ? (
          <img
            className="logo-field__image"
            src={logoUrl}
            alt={intl.formatMessage({ id: 'organizations.logo.alt' }, { name: organizationName })}
            width={96}
            height={96}
          />
        ) : (
          <p className="field__hint">
            <FormattedMessage id="organizations.logo.none" />
          </p>
        )}
      </div>
      <div className={error ? 'field field--invalid' : 'field'}>
        <label htmlFor={id}>
          <FormattedMessage id="organizations.logo.file" />
        </label>
        <p id={`${id}-hint`} className="field__hint">
          <FormattedMessage id="organizations.logo.fileHint" />
        </p>
        <input
          ref={inputRef}
          id={id}
          type="file"
          accept={logoMediaTypes.join(',')}
          onChange={(event) => choose(event.target.files?.[0] ?? null)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-hint ${errorId}` : `${id}-hint`}
        />
        {error ? (
          <p id={errorId} className="field__error" lang={error.lang}>
            {error.message}
          </p>
        ) : null}
      </div>
      <div className="button-row">
        <button type="button" className="button" onClick={upload} disabled={busy}>
          <FormattedMessage id="organizations.logo.upload" />
        </button>
        {logoUrl ? (
          <button type="button" className="button" onClick={remove} disabled={busy}>
            <FormattedMessage id="organizations.logo.remove" />
          </button>
        ) : null}
      </div>
      <p role="status" className="logo-field__status">
        {busy ? <FormattedMessage id="organizations.logo.sending" /> : null}
        {status.kind === 'saved' ? <FormattedMessage id="organizations.logo.saved" /> : null}
        {status.kind === 'removed' ? <FormattedMessage id="organizations.logo.removed" /> : null}
      </p>
    </fieldset>
  );
}
