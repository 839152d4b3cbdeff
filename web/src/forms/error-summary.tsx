import { type ReactNode, useEffect, useRef } from 'react';
import { FormattedMessage } from 'react-intl';
import { type FieldErrorText, messageLang, messageText } from './field-message.ts';

type ErrorSummaryProps = {
  title: ReactNode;
  /** Messages for fields, each linking to its field. */
  fieldErrors?: { id: string; label: string; message: FieldErrorText }[];
  /**
   * Messages with no field of their own. A plain string is the server's (in English, as it words
   * its problems); a message carries its language, if not the reader's.
   */
  messages?: FieldErrorText[];
  /** Moves focus to the summary when it appears, so keyboard users land on it. */
  focus?: boolean;
  children?: ReactNode;
};

/** What went wrong with a form, at its top: announced at once, with links to each field. */
export function ErrorSummary({
  title,
  fieldErrors = [],
  messages = [],
  focus = true,
  children,
}: ErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <div ref={ref} role="alert" className="notice notice--error" tabIndex={-1}>
      <p className="notice__title">{title}</p>
      {fieldErrors.length > 0 || messages.length > 0 ? (
        <ul>
          {fieldErrors.map((error) => {
            const lang = messageLang(error.message);
            const text = messageText(error.message);
            return (
              <li key={error.id}>
                <a href={`#${error.id}`}>
                  <FormattedMessage
                    id="form.fieldError"
                    values={{
                      field: error.label,
                      message: lang ? <span lang={lang}>{text}</span> : text,
                    }}
                  />
                </a>
              </li>
            );
          })}
          {messages.map((message) => {
            const text = messageText(message);
            // A bare string is the server's English; a message says its own language, if any.
            const lang = typeof message === 'string' ? 'en' : message.lang;
            return (
              <li key={text} lang={lang}>
                {text}
              </li>
            );
          })}
        </ul>
      ) : null}
      {children}
    </div>
  );
}
