// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { type ReactNode, useState } from 'react';
import { IntlProvider } from 'react-intl';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OrganizationSuggestion } from '../api/organizations.ts';
import type { FieldErrorText } from '../forms/field-message.ts';
import { english } from '../i18n/locales.ts';
import { type ChosenOrganization, OrganizationCombobox } from './organization-combobox.tsx';

const here = { id: '0190f0c4-8e2a-7c3b-9d1e-000000000001', name: 'Cooperativa Semillas' };

const organization = (id: string, name: string, locality: string | null = null) =>
  ({
    id: `0190f0c4-8e2a-7c3b-9d1e-00000000000${id}`,
    name,
    shortName: null,
    kind: 'cooperative',
    country: 'PE',
    sector: 'agriculture',
    locality,
    coordinates: null,
  }) satisfies OrganizationSuggestion;

const andina = organization('a', 'Cooperativa Andina', 'Cusco');
const bosque = organization('b', 'Cooperativa Bosque');
const cacao = organization('c', 'Cooperativa Cacao');

/** Answers every search with `items`, or fails like a lost connection; returns the stub. */
function serve(items: OrganizationSuggestion[] | 'offline') {
  return vi.spyOn(globalThis, 'fetch').mockImplementation(async () => {
    if (items === 'offline') throw new TypeError('Failed to fetch');
    return new Response(JSON.stringify({ items, nextCursor: null, total: items.length }), {
      headers: { 'content-type': 'application/json' },
    });
  });
}

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

type PickerProps = {
  onChange?: (value: ChosenOrganization | null) => void;
  initial?: ChosenOrganization | null;
  error?: FieldErrorText;
  hint?: ReactNode;
  /** Renders a button that sets the value from outside, as a form reset or an address does. */
  outside?: ChosenOrganization | null;
};

function Picker({ onChange = () => {}, initial = null, error, hint, outside }: PickerProps) {
  const [value, setValue] = useState<ChosenOrganization | null>(initial);
  return (
    <IntlProvider locale="en" messages={english}>
      <OrganizationCombobox
        id="picker"
        label="Partner organization"
        hint={hint}
        error={error}
        value={value}
        onChange={(next) => {
          setValue(next);
          onChange(next);
        }}
        excludeIds={[here.id]}
        debounceMs={0}
      />
      {outside !== undefined ? (
        <button type="button" onClick={() => setValue(outside)}>
          Set from outside
        </button>
      ) : null}
    </IntlProvider>
  );
}

const box = () =>
  screen.getByRole('combobox', { name: 'Partner organization' }) as HTMLInputElement;

async function typeAndWait(text: string) {
  fireEvent.change(box(), { target: { value: text } });
  await screen.findAllByRole('option');
  return box();
}

describe('the organization combobox', () => {
  it('moves through the suggestions with the arrows, wrapping round, and chooses with Enter', async () => {
    const fetchStub = serve([andina, bosque, cacao]);
    const onChange = vi.fn();
    render(<Picker onChange={onChange} />);
    const input = await typeAndWait('coop');
    expect(input.getAttribute('aria-expanded')).toBe('true');
    expect(input.getAttribute('aria-activedescendant')).toBeNull();
    // Announced politely (a status region), not as an alert.
    expect(screen.getByRole('status').textContent).toBe(
      '3 organizations found: use the up and down arrows, then Enter.',
    );
    const asked = new URL(String(fetchStub.mock.calls[0]?.[0]), 'http://x').searchParams;
    expect(asked.get('q')).toBe('coop');
    expect(asked.get('limit')).toBe('8');
    expect(asked.has('facets')).toBe(false);

    const active = () => {
      const id = input.getAttribute('aria-activedescendant');
      return id ? document.getElementById(id)?.querySelector('.combobox__name')?.textContent : null;
    };
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(active()).toBe('Cooperativa Andina');
    expect(screen.getAllByRole('option')[0]?.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(active()).toBe('Cooperativa Cacao');
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(active()).toBe('Cooperativa Andina');
    fireEvent.keyDown(input, { key: 'ArrowUp' });
    expect(active()).toBe('Cooperativa Cacao');

    const enter = fireEvent.keyDown(input, { key: 'Enter' });
    // Enter chose the suggestion instead of sending the form around the box.
    expect(enter).toBe(false);
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ id: cacao.id }));
    expect(input.value).toBe('Cooperativa Cacao');
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(input.getAttribute('aria-activedescendant')).toBeNull();
  });

  it('closes on Escape, then clears on a second Escape; Enter with nothing active does nothing', async () => {
    serve([andina, bosque, cacao]);
    const onChange = vi.fn();
    render(<Picker onChange={onChange} />);
    const input = await typeAndWait('coop');
    // Nothing active: Enter is left to the form.
    expect(fireEvent.keyDown(input, { key: 'Enter' })).toBe(true);
    expect(onChange).not.toHaveBeenCalled();

    fireEvent.keyDown(input, { key: 'Escape' });
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(input.value).toBe('coop');
    // Closed: the arrows open the list again at its first suggestion.
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(input.getAttribute('aria-expanded')).toBe('true');
    expect(input.getAttribute('aria-activedescendant')).toBe(`picker-option-${andina.id}`);
    fireEvent.keyDown(input, { key: 'Escape' });
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(input.value).toBe('');
  });

  it('chooses with a tap, leaves out excluded organizations, and says when none match', async () => {
    serve([organization('1', here.name), andina, bosque, cacao]);
    const onChange = vi.fn();
    render(<Picker onChange={onChange} />);
    await typeAndWait('coop');
    expect(screen.getAllByRole('option')).toHaveLength(3);
    expect(screen.queryByRole('option', { name: /Semillas/ })).toBeNull();
    // Each suggestion says what and where the organization is.
    expect(screen.getByRole('option', { name: /Andina/ }).textContent).toBe(
      'Cooperativa AndinaCooperative · Cusco, Peru',
    );
    const option = screen.getByRole('option', { name: /Bosque/ });
    // The press does not take the focus from the box (a tap sends mousedown, then click).
    expect(fireEvent.mouseDown(option)).toBe(false);
    fireEvent.click(option);
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ id: bosque.id }));
    expect(box().value).toBe('Cooperativa Bosque');

    serve([]);
    fireEvent.change(box(), { target: { value: 'zzz' } });
    // Typing again drops the choice: the form cannot send a name that no longer matches.
    expect(onChange).toHaveBeenLastCalledWith(null);
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe('No organization matches.'),
    );
    expect(screen.getByRole('listbox', { hidden: true }).hidden).toBe(true);
  });

  it('says when the search fails, and does not search for blank text', async () => {
    const fetchStub = serve('offline');
    render(<Picker />);
    fireEvent.change(box(), { target: { value: '   ' } });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(fetchStub).not.toHaveBeenCalled();
    fireEvent.change(box(), { target: { value: 'coop' } });
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe(
        'The search failed. Check your connection and type again.',
      ),
    );
  });

  it('shows a choice made from outside, and clears when it is taken away', () => {
    const fetchStub = serve([andina]);
    render(<Picker initial={{ id: andina.id, name: andina.name }} outside={null} />);
    expect(box().value).toBe('Cooperativa Andina');
    fireEvent.click(screen.getByRole('button', { name: 'Set from outside' }));
    expect(box().value).toBe('');
    expect(fetchStub).not.toHaveBeenCalled();
  });

  it('ties its hint and its error to the box, marking only an English fallback as English', () => {
    const { rerender } = render(<Picker error="Choose an organization." />);
    const hint = document.getElementById('picker-hint');
    expect(hint?.textContent).toBe('Type part of its name, then choose it from the list.');
    expect(box().getAttribute('aria-invalid')).toBe('true');
    expect(box().getAttribute('aria-describedby')).toBe('picker-hint picker-error');
    const error = () => document.getElementById('picker-error');
    expect(error()?.textContent).toBe('Choose an organization.');
    expect(error()?.hasAttribute('lang')).toBe(false);

    rerender(
      <Picker error={{ message: 'Choisissez une organisation.' }} hint="Or leave it empty." />,
    );
    expect(error()?.textContent).toBe('Choisissez une organisation.');
    expect(error()?.hasAttribute('lang')).toBe(false);
    expect(hint?.isConnected && document.getElementById('picker-hint')?.textContent).toBe(
      'Or leave it empty.',
    );

    rerender(<Picker error={{ message: 'No organization has this id.', lang: 'en' }} />);
    expect(error()?.getAttribute('lang')).toBe('en');

    rerender(<Picker />);
    expect(error()).toBeNull();
    expect(box().hasAttribute('aria-invalid')).toBe(false);
    expect(box().getAttribute('aria-describedby')).toBe('picker-hint');
  });
});
