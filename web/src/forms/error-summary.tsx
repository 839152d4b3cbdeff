import { type ReactNode, useEffect, useRef } from 'react';
import { FormattedMessage } from 'react-intl';

type ErrorSummaryProps = {
  title: ReactNode;
  /** Messages for fields, each linking to its field. */
  fieldErrors?: { id: string; label: string; message: string }[];
  /** The server's messages with no field of their own (in English, as it words them). */
  messages?: string[];
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
          {fieldErrors.map((error) => (
            <li key={error.id}>
              <a href={`#${error.id}`}>
                <FormattedMessage
                  id="form.fieldError"
                  values={{ field: error.label, message: error.message }}
                />
              </a>
            </li>
          ))}
          {messages.map((message) => (
            <li key={message} lang="en">
              {message}
            </li>
          ))}
        </ul>
      ) : null}
      {children}
    </div>
  );
}
