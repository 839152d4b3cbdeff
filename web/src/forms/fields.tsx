import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from 'react';
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

function describedBy(id: string, hint: ReactNode, error: FieldErrorText | undefined) {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
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
  };

export function TextField({
  id,
  label,
  hint,
  error,
  value,
  onValueChange,
  ...input
}: TextFieldProps) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <input
        {...input}
        id={id}
        value={value}
        onChange={(event) => onValueChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
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
