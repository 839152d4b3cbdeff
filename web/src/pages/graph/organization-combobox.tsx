import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { type OrganizationChoice, suggestOrganizations } from '../../api/graph.ts';
import { useCountryNames } from '../../i18n/display-names.ts';
import { kindMessageId } from '../../vocabulary.ts';

/** The organization chosen: its id and its name (all a form needs to show and send). */
export type ChosenOrganization = { id: string; name: string };

type ComboboxProps = {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  /** A message for this field (from the server or a check), shown under it and read with it. */
  error?: string | undefined;
  /** The language of `error`: the server words its messages in English. */
  errorLang?: string | undefined;
  value: ChosenOrganization | null;
  onChange: (value: ChosenOrganization | null) => void;
  /** Organizations not to offer (the one whose page this is, for instance). */
  excludeIds?: readonly string[];
  /** Waits this long after the last key before asking the server. */
  debounceMs?: number;
};

type Search =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; items: OrganizationChoice[] }
  | { status: 'error' };

/**
 * Search-as-you-type for an organization: a text box with a list of suggestions (the ARIA
 * combobox pattern). Arrows move through the list, Enter chooses, Escape closes the list and
 * then clears the text; a tap or click on a suggestion chooses it.
 */
export function OrganizationCombobox({
  id,
  label,
  hint,
  error,
  errorLang = 'en',
  value,
  onChange,
  excludeIds = [],
  debounceMs = 250,
}: ComboboxProps) {
  const intl = useIntl();
  const countryName = useCountryNames();
  const listId = `${id}-listbox`;
  const statusId = useId();
  const [text, setText] = useState(value?.name ?? '');
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState<Search>({ status: 'idle' });
  const [isOpen, setIsOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const inputRef = useRef<HTMLInputElement>(null);

  // A choice made elsewhere (an address that names an organization) shows in the box.
  useEffect(() => {
    if (value) setText(value.name);
  }, [value]);

  useEffect(() => {
    const trimmed = query.trim();
    if (trimmed === '') {
      setSearch({ status: 'idle' });
      return;
    }
    const controller = new AbortController();
    setSearch({ status: 'loading' });
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

  const options =
    search.status === 'ready' ? search.items.filter((item) => !excludeIds.includes(item.id)) : [];
  const expanded = isOpen && search.status !== 'idle';
  const activeOption = expanded && active >= 0 ? options[active] : undefined;

  const choose = (option: OrganizationChoice) => {
    setText(option.name);
    setIsOpen(false);
    setActive(-1);
    setQuery('');
    onChange({ id: option.id, name: option.name });
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
          if (value) onChange(null);
        }
        return;
    }
  };

  const describedBy =
    [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') ||
    undefined;

  return (
    <div className={error ? 'field field--invalid combobox' : 'field combobox'}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
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
          aria-describedby={describedBy}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setQuery(event.target.value);
            setIsOpen(true);
            setActive(-1);
            if (value) onChange(null);
          }}
          onKeyDown={onKeyDown}
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
          aria-label={intl.formatMessage({ id: 'graph.combobox.suggestions' })}
        >
          {options.map((option, index) => (
            // Keyboard users reach the options through the text box (aria-activedescendant);
            // a pointer chooses directly, without taking the focus from the box.
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
                {countryName(option.country)}
              </span>
            </div>
          ))}
        </div>
      </div>
      <p id={statusId} role="status" className="combobox__status">
        {isOpen ? <ComboboxStatus search={search} count={options.length} /> : null}
      </p>
      {error ? (
        <p id={`${id}-error`} className="field__error" lang={errorLang}>
          {error}
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
      return <FormattedMessage id="graph.combobox.searching" />;
    case 'error':
      return <FormattedMessage id="graph.combobox.failed" />;
    case 'ready':
      return count === 0 ? (
        <FormattedMessage id="graph.combobox.none" />
      ) : (
        <FormattedMessage id="graph.combobox.count" values={{ count }} />
      );
  }
}
