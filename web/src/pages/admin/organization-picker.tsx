// Choosing an organization: a search box with suggestions (the ARIA combobox pattern) for those
// who may choose any, a plain list for an organization's admins, who choose among their own.
import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { organizationName, rememberOrganizationName } from '../../api/admin.ts';
import { apiRequest } from '../../api/http.ts';
import type { OrganizationPage } from '../../api/organizations.ts';
import { type FieldErrorText, messageLang, messageText } from '../../forms/field-message.ts';
import { SelectField } from '../../forms/fields.tsx';
import { useOrganizationNames } from './use-organization-names.ts';

export type ChosenOrganization = { id: string; name: string } | null;

type PickerProps = {
  id: string;
  label: ReactNode;
  value: ChosenOrganization;
  onChange: (value: ChosenOrganization) => void;
  /** Every organization (searched), or only these. */
  organizations: 'any' | string[];
  error?: FieldErrorText | undefined;
  /** Lets the list offer "any organization" (for filters). */
  optional?: boolean;
};

export function OrganizationPicker(props: PickerProps) {
  if (props.organizations === 'any') return <OrganizationCombobox {...props} />;
  return <OrganizationSelect {...props} organizations={props.organizations} />;
}

function OrganizationSelect({
  id,
  label,
  value,
  onChange,
  organizations,
  error,
  optional,
}: PickerProps & { organizations: string[] }) {
  const intl = useIntl();
  const names = useOrganizationNames(organizations);
  // One organization and nothing else to choose: choose it.
  useEffect(() => {
    const only = organizations[0];
    if (!optional && organizations.length === 1 && only && value?.id !== only) {
      onChange({ id: only, name: names[only] ?? '' });
    }
  }, [optional, organizations, value, onChange, names]);
  const options = organizations.map((organizationId) => ({
    value: organizationId,
    label: names[organizationId] ?? intl.formatMessage({ id: 'admin.loadingName' }),
  }));
  return (
    <SelectField
      id={id}
      label={label}
      error={error}
      value={value?.id ?? ''}
      onValueChange={(chosen) =>
        onChange(chosen ? { id: chosen, name: names[chosen] ?? '' } : null)
      }
      options={[
        {
          value: '',
          label: intl.formatMessage({
            id: optional ? 'admin.organization.any' : 'admin.organization.choose',
          }),
        },
        ...options,
      ]}
    />
  );
}

type Suggestion = { id: string; name: string; detail: string };

function OrganizationCombobox({ id, label, value, onChange, error, optional }: PickerProps) {
  const intl = useIntl();
  const listId = useId();
  const [text, setText] = useState(value?.name ?? '');
  const [open, setOpen] = useState(false);
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState<'idle' | 'searching' | 'ready' | 'failed'>('idle');
  const typedRef = useRef(false);

  // The chosen organization's name shows in the box (also when chosen from outside).
  useEffect(() => {
    if (value) setText(value.name);
    else if (!typedRef.current) setText('');
  }, [value]);

  useEffect(() => {
    if (!typedRef.current) return;
    const query = text.trim();
    if (query.length === 0) {
      setSuggestions([]);
      setStatus('idle');
      return;
    }
    const controller = new AbortController();
    setStatus('searching');
    // Waits for a pause in typing so that a word costs one request, not one per letter.
    const timer = setTimeout(() => {
      const params = new URLSearchParams({ q: query, limit: '8' });
      apiRequest<OrganizationPage>('GET', `/api/network/organizations?${params}`, {
        signal: controller.signal,
      }).then(
        (page) => {
          if (controller.signal.aborted) return;
          for (const item of page.items) rememberOrganizationName(item.id, item.name);
          setSuggestions(
            page.items.map((item) => ({
              id: item.id,
              name: item.name,
              detail: [item.locality, item.country].filter(Boolean).join(', '),
            })),
          );
          setActive(-1);
          setStatus('ready');
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

  const choose = (suggestion: Suggestion) => {
    typedRef.current = false;
    setText(suggestion.name);
    setOpen(false);
    setActive(-1);
    onChange({ id: suggestion.id, name: suggestion.name });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((index) => Math.min(index + 1, suggestions.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((index) => Math.max(index - 1, 0));
    } else if (event.key === 'Enter' && open && active >= 0) {
      event.preventDefault();
      const suggestion = suggestions[active];
      if (suggestion) choose(suggestion);
    } else if (event.key === 'Escape') {
      setOpen(false);
      setActive(-1);
    }
  };

  const expanded = open && suggestions.length > 0;
  const hintId = `${id}-hint`;
  const statusId = `${id}-status`;
  return (
    <div className={error ? 'field field--invalid combobox' : 'field combobox'}>
      <label htmlFor={id}>{label}</label>
      <p id={hintId} className="field__hint">
        <FormattedMessage
          id={optional ? 'admin.organization.searchHintOptional' : 'admin.organization.searchHint'}
        />
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
        aria-describedby={[hintId, statusId, error ? `${id}-error` : null]
          .filter(Boolean)
          .join(' ')}
        value={text}
        onChange={(event) => {
          typedRef.current = true;
          setText(event.target.value);
          setOpen(true);
          if (value) onChange(null);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onFocus={() => {
          if (suggestions.length > 0) setOpen(true);
        }}
      />
      <div id={listId} role="listbox" className="combobox__list" hidden={!expanded}>
        {suggestions.map((suggestion, index) => (
          // biome-ignore lint/a11y/useKeyWithClickEvents: the input handles the keys (combobox pattern).
          <div
            key={suggestion.id}
            tabIndex={-1}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            className={
              index === active ? 'combobox__option combobox__option--active' : 'combobox__option'
            }
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(suggestion)}
          >
            <span>{suggestion.name}</span>
            {suggestion.detail ? (
              <span className="combobox__detail"> · {suggestion.detail}</span>
            ) : null}
          </div>
        ))}
      </div>
      <p id={statusId} className="visually-hidden" role="status">
        {status === 'searching'
          ? intl.formatMessage({ id: 'admin.organization.searching' })
          : status === 'failed'
            ? intl.formatMessage({ id: 'admin.organization.searchFailed' })
            : status === 'ready'
              ? intl.formatMessage(
                  { id: 'admin.organization.found' },
                  { count: suggestions.length },
                )
              : ''}
      </p>
      {status === 'failed' ? (
        <p className="field__error">
          <FormattedMessage id="admin.organization.searchFailed" />
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field__error" lang={messageLang(error)}>
          {messageText(error)}
        </p>
      ) : null}
    </div>
  );
}

/** The name of one organization, fetched once and shared. */
export function OrganizationName({ id }: { id: string }) {
  const [name, setName] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    organizationName(id).then((found) => {
      if (live) setName(found);
    });
    return () => {
      live = false;
    };
  }, [id]);
  if (name === undefined) return <FormattedMessage id="admin.loadingName" />;
  if (name === null) return <FormattedMessage id="admin.unknownOrganization" />;
  return <>{name}</>;
}
