import { type KeyboardEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { type OrganizationSuggestion, suggestOrganizations } from '../api/organizations.ts';
import { type FieldErrorText, messageLang, messageText } from '../forms/field-message.ts';
import { useCountryNames } from '../i18n/display-names.ts';
import { kindMessageId } from '../vocabulary.ts';
import './organization-combobox.css';

/** The organization chosen: its id and its name (all a form needs to show and send). */
export type ChosenOrganization = { id: string; name: string };

type Props = {
  id: string;
  label: ReactNode;
  /** Replaces the usual "type part of its name" hint. */
  hint?: ReactNode;
  /** A message for this field (from the server or a check), shown under it and read with it. */
  error?: FieldErrorText | undefined;
  value: ChosenOrganization | null;
  /** Called with the suggestion chosen, or null when the text no longer names a choice. */
  onChange: (value: OrganizationSuggestion | null) => void;
  /** Organizations not to offer (the one whose page this is, for instance). */
  excludeIds?: readonly string[];
  /** Waits this long after the last key before asking the server. */
  debounceMs?: number;
};

type Search =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; items: OrganizationSuggestion[] }
  | { status: 'error' };

/**
 * Search-as-you-type for an organization: a text box with a list of suggestions (the ARIA
 * combobox pattern). Arrows move through the list and wrap round, Enter chooses, Escape closes
 * the list and then clears the text; a tap or click on a suggestion chooses it. How many
 * organizations were found is announced politely.
 */
export function OrganizationCombobox({
  id,
  label,
  hint,
  error,
  value,
  onChange,
  excludeIds = [],
  debounceMs = 250,
}: Props) {
  const intl = useIntl();
  const countryName = useCountryNames();
  const listId = `${id}-listbox`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const [text, setText] = useState(value?.name ?? '');
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState<Search>({ status: 'idle' });
  const [isOpen, setIsOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const inputRef = useRef<HTMLInputElement>(null);
  // The last value this box handed over: any other value was set from outside.
  const sentRef = useRef<ChosenOrganization | null>(value);

  // A choice made elsewhere (an address that names an organization, a form reset) shows in the box.
  useEffect(() => {
    if (value === sentRef.current) return;
    sentRef.current = value;
    setText(value?.name ?? '');
    setQuery('');
  }, [value]);

  useEffect(() => {
    const trimmed = query.trim();
    if (trimmed === '') {
      setSearch({ status: 'idle' });
      return;
    }
    const controller = new AbortController();
    setSearch({ status: 'loading' });
    // A pause after typing: one request per word, not one per key.
    const timer = setTimeout(() => {
      suggestOrganizations(trimmed, controller.signal).then(
        (items) => {
          if (!controller.signal.aborted) setSearch({ status: 'ready', items });
        },
        () => {
          if (!controller.signal.aborted) setSearch({ status: 'error' });
        },
      );
    }, debounceMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, debounceMs]);

  const send = (next: OrganizationSuggestion | null) => {
    sentRef.current = next;
    onChange(next);
  };

  const options =
    search.status === 'ready' ? search.items.filter((item) => !excludeIds.includes(item.id)) : [];
  const expanded = isOpen && search.status !== 'idle';
  const activeOption = expanded && active >= 0 ? options[active] : undefined;

  const choose = (option: OrganizationSuggestion) => {
    setText(option.name);
    setIsOpen(false);
    setActive(-1);
    setQuery('');
    send(option);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        event.preventDefault();
        if (options.length === 0) return;
        const step = event.key === 'ArrowDown' ? 1 : -1;
        if (!expanded) {
          setIsOpen(true);
          setActive(step === 1 ? 0 : options.length - 1);
          return;
        }
        setActive((now) => (now + step + options.length) % options.length);
        return;
      }
      case 'Enter':
        if (activeOption) {
          // Chooses the suggestion; the form is not sent.
          event.preventDefault();
          choose(activeOption);
        }
        return;
      case 'Escape':
        if (expanded) {
          event.preventDefault();
          setIsOpen(false);
          setActive(-1);
        } else if (text !== '') {
          event.preventDefault();
          setText('');
          setQuery('');
          if (value) send(null);
        }
        return;
    }
  };

  return (
    <div className={error ? 'field field--invalid combobox' : 'field combobox'}>
      <label htmlFor={id}>{label}</label>
      <p id={hintId} className="field__hint">
        {hint ?? <FormattedMessage id="combobox.hint" />}
      </p>
      <div className="combobox__box">
        <input
          ref={inputRef}
          id={id}
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={activeOption ? `${id}-option-${activeOption.id}` : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${hintId} ${errorId}` : hintId}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setQuery(event.target.value);
            setIsOpen(true);
            setActive(-1);
            if (value) send(null);
          }}
          onKeyDown={onKeyDown}
          onFocus={() => setIsOpen(true)}
          onBlur={() => {
            setIsOpen(false);
            setActive(-1);
          }}
        />
        <div
          id={listId}
          role="listbox"
          className="combobox__list"
          hidden={!expanded || options.length === 0}
          aria-label={intl.formatMessage({ id: 'combobox.suggestions' })}
        >
          {options.map((option, index) => (
            // Keyboard users reach the options through the text box (aria-activedescendant);
            // a pointer or a finger chooses directly, without taking the focus from the box.
            // biome-ignore lint/a11y/useKeyWithClickEvents: the text box handles the keys.
            <div
              key={option.id}
              id={`${id}-option-${option.id}`}
              role="option"
              tabIndex={-1}
              aria-selected={index === active}
              className={
                index === active ? 'combobox__option combobox__option--active' : 'combobox__option'
              }
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => {
                choose(option);
                inputRef.current?.focus();
              }}
            >
              <span className="combobox__name">{option.name}</span>
              <span className="combobox__detail">
                {intl.formatMessage({ id: kindMessageId(option.kind) })} ·{' '}
                {[option.locality, countryName(option.country)].filter(Boolean).join(', ')}
              </span>
            </div>
          ))}
        </div>
      </div>
      <p role="status" className="combobox__status">
        {isOpen ? <ComboboxStatus search={search} count={options.length} /> : null}
      </p>
      {error ? (
        <p id={errorId} className="field__error" lang={messageLang(error)}>
          {messageText(error)}
        </p>
      ) : null}
    </div>
  );
}

function ComboboxStatus({ search, count }: { search: Search; count: number }) {
  switch (search.status) {
    case 'idle':
      return null;
    case 'loading':
      return <FormattedMessage id="combobox.searching" />;
    case 'error':
      return <FormattedMessage id="combobox.failed" />;
    case 'ready':
      return count === 0 ? (
        <FormattedMessage id="combobox.none" />
      ) : (
        <FormattedMessage id="combobox.count" values={{ count }} />
      );
  }
}
