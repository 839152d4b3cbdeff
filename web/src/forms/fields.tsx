import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from 'react';
import { FormattedMessage } from 'react-intl';
import { type FieldErrorText, messageLang, messageText } from './field-message.ts';

type Common = {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  /**
   * The message for this field, shown under it and read with it: text in the reader's language,
   * or a message with the language it is in (the server's English detail, for a code not known).
   */
  error?: FieldErrorText | undefined;
};

function describedBy(
  id: string,
  hint: ReactNode,
  error: FieldErrorText | undefined,
  counted = false,
) {
  const ids = [
    hint ? `${id}-hint` : null,
    counted ? `${id}-count` : null,
    error ? `${id}-error` : null,
  ].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/** Within this many characters of the limit, a screen reader is told how many are left. */
export function nearLimit(maximum: number): number {
  return Math.max(10, Math.round(maximum / 10));
}

/**
 * How much of a text's limit is used, under its field: the limit is said from the start, and a
 * text over it is kept as typed or pasted (not cut mid-word) and said to be too long, so the
 * person chooses what to shorten. A polite live region speaks only near the limit and over it.
 */
function CharacterCount({ id, length, maximum }: { id: string; length: number; maximum: number }) {
  const over = length - maximum;
  const left = maximum - length;
  return (
    <>
      <p id={`${id}-count`} className={over > 0 ? 'field__count field__error' : 'field__count'}>
        {over > 0 ? (
          <FormattedMessage id="form.count.over" values={{ over, maximum }} />
        ) : (
          <FormattedMessage id="form.count.used" values={{ count: length, maximum }} />
        )}
      </p>
      <p className="visually-hidden" aria-live="polite">
        {over > 0 ? (
          <FormattedMessage id="form.count.over" values={{ over, maximum }} />
        ) : left <= nearLimit(maximum) ? (
          <FormattedMessage id="form.count.left" values={{ left }} />
        ) : null}
      </p>
    </>
  );
}

function FieldFrame({ id, label, hint, error, children }: Common & { children: ReactNode }) {
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      {children}
      {error ? (
        // A message in another language than the page's says so, for a screen reader's voice.
        <p id={`${id}-error`} className="field__error" lang={messageLang(error)}>
          {messageText(error)}
        </p>
      ) : null}
    </div>
  );
}

type TextFieldProps = Common &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'> & {
    value: string;
    onValueChange: (value: string) => void;
    /** Shows the count of characters against `maxLength`, which then no longer cuts the text. */
    counted?: boolean;
  };

export function TextField({
  id,
  label,
  hint,
  error,
  value,
  onValueChange,
  counted = false,
  maxLength,
  ...input
}: TextFieldProps) {
  const count = counted && maxLength !== undefined;
  const over = count && value.length > maxLength;
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <input
        {...input}
        id={id}
        value={value}
        maxLength={count ? undefined : maxLength}
        onChange={(event) => onValueChange(event.target.value)}
        aria-invalid={error || over ? true : undefined}
        aria-describedby={describedBy(id, hint, error, count)}
      />
      {count ? <CharacterCount id={id} length={value.length} maximum={maxLength} /> : null}
    </FieldFrame>
  );
}

type TextAreaFieldProps = Common & {
  value: string;
  onValueChange: (value: string) => void;
  rows?: number;
  maxLength?: number;
  lang?: string;
};

export function TextAreaField({
  id,
  label,
  hint,
  error,
  value,
  onValueChange,
  ...textarea
}: TextAreaFieldProps) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <textarea
        {...textarea}
        id={id}
        value={value}
        onChange={(event) => onValueChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
    </FieldFrame>
  );
}

type SelectFieldProps = Common &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'value' | 'onChange'> & {
    value: string;
    onValueChange: (value: string) => void;
    options: { value: string; label: string }[];
  };

export function SelectField({
  id,
  label,
  hint,
  error,
  value,
  onValueChange,
  options,
  ...select
}: SelectFieldProps) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <select
        {...select}
        id={id}
        value={value}
        onChange={(event) => onValueChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}
