import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { type OrganizationChoice, searchOrganizations } from '../../api/projects.ts';
import { type FieldErrorText, messageLang, messageText } from '../../forms/field-message.ts';
import { useCountryNames } from '../../i18n/display-names.ts';

type Props = {
  id: string;
  label: string;
  error?: FieldErrorText | undefined;
  selected: OrganizationChoice | null;
  onSelect: (choice: OrganizationChoice | null) => void;
};

/**
 * A search box that suggests organizations by name as one types (the ARIA combobox pattern):
 * arrows move through the suggestions, Enter picks one, Escape closes the list.
 */
export function OrganizationCombobox({ id, label, error, selected, onSelect }: Props) {
  const intl = useIntl();
  const countryName = useCountryNames();
  const listId = useId();
  const [text, setText] = useState(selected?.name ?? '');
  const [options, setOptions] = useState<OrganizationChoice[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState<'idle' | 'loading' | 'ready' | 'failed'>('idle');
  const typedRef = useRef(false);

  useEffect(() => {
    if (!selected) return;
    setText(selected.name);
  }, [selected]);

  useEffect(() => {
    const query = text.trim();
    if (!typedRef.current || query.length < 2) {
      setOptions([]);
      setStatus('idle');
      return;
    }
    const controller = new AbortController();
    setStatus('loading');
    // A short pause after typing: one request per pause, not per key.
    const timer = setTimeout(() => {
      searchOrganizations(query, controller.signal).then(
        (found) => {
          if (controller.signal.aborted) return;
          setOptions(found);
          setActive(found.length > 0 ? 0 : -1);
          setStatus('ready');
          setOpen(true);
        },
        () => {
          if (!controller.signal.aborted) setStatus('failed');
        },
      );
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text]);

  const choose = (choice: OrganizationChoice) => {
    typedRef.current = false;
    setText(choice.name);
    setOpen(false);
    setOptions([]);
    onSelect(choice);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' && options.length > 0) {
      event.preventDefault();
      setOpen(true);
      setActive((index) => (index + 1) % options.length);
    } else if (event.key === 'ArrowUp' && options.length > 0) {
      event.preventDefault();
      setOpen(true);
      setActive((index) => (index <= 0 ? options.length - 1 : index - 1));
    } else if (event.key === 'Enter' && open && active >= 0) {
      event.preventDefault();
      const choice = options[active];
      if (choice) choose(choice);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      setOpen(false);
    }
  };

  const expanded = open && options.length > 0;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className={error ? 'field field--invalid combobox' : 'field combobox'}>
      <label htmlFor={id}>{label}</label>
      <p id={hintId} className="field__hint">
        <FormattedMessage id="projects.form.organizationHint" />
      </p>
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${hintId} ${errorId}` : hintId}
        value={text}
        onChange={(event) => {
          typedRef.current = true;
          setText(event.target.value);
          if (selected) onSelect(null);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
        onFocus={() => options.length > 0 && setOpen(true)}
      />
      <div
        id={listId}
        role="listbox"
        className="combobox__list"
        hidden={!expanded}
        aria-label={label}
      >
        {options.map((option, index) => (
          <div
            key={option.id}
            tabIndex={-1}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            className={
              index === active ? 'combobox__option combobox__option--active' : 'combobox__option'
            }
            // mousedown, not click: the input would lose focus (and close the list) first.
            onMouseDown={(event) => {
              event.preventDefault();
              choose(option);
            }}
          >
            {option.name} <span className="field__hint">{countryName(option.country)}</span>
          </div>
        ))}
      </div>
      <p className="visually-hidden" role="status">
        {status === 'loading' ? intl.formatMessage({ id: 'projects.form.searching' }) : null}
        {status === 'ready'
          ? intl.formatMessage({ id: 'projects.form.suggestions' }, { count: options.length })
          : null}
        {status === 'failed' ? intl.formatMessage({ id: 'projects.form.searchFailed' }) : null}
      </p>
      {error ? (
        <p id={errorId} className="field__error" lang={messageLang(error)}>
          {messageText(error)}
        </p>
      ) : null}
    </div>
  );
}
