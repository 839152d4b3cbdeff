// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { IntlProvider } from 'react-intl';
import { afterEach, describe, expect, it } from 'vitest';
import { english } from '../i18n/locales.ts';
import { type Bar, BarChart, wrapLabel } from './bar-chart.tsx';

afterEach(cleanup);

const bars: Bar[] = [
  { key: 'KE', label: 'Kenya', value: 120, display: '120' },
  { key: 'IN', label: 'India', value: 1500, display: '1,500' },
  { key: 'multi-country', label: 'Several countries (not tied to one)', value: 30, display: '30' },
];

function renderChart(props: Partial<Parameters<typeof BarChart>[0]> = {}) {
  return render(
    <IntlProvider locale="en" messages={english}>
      <BarChart
        title="People trained by country"
        categoryHeading="Country"
        valueHeading="People trained"
        bars={bars}
        {...props}
      />
    </IntlProvider>,
  );
}

describe('the bar chart', () => {
  it('draws one bar per figure, largest first, with a title and a summary', () => {
    const { container } = renderChart();
    const svg = screen.getByRole('img');
    expect(svg.getAttribute('aria-labelledby')).toMatch(/title .*desc$/);
    expect(container.querySelector('desc')?.textContent).toBe(
      '3 bars; the largest is India: 1,500. The table lists every figure.',
    );
    const drawn = [...container.querySelectorAll('[data-bar]')].map((bar) =>
      bar.getAttribute('data-bar'),
    );
    expect(drawn).toEqual(['IN', 'KE', 'multi-country']);
    const widths = [...container.querySelectorAll('rect')].map((rect) =>
      Number(rect.getAttribute('width')),
    );
    // Lengths in proportion to the values (d3-scale, from zero).
    expect(widths[0]).toBeGreaterThan(widths[1] ?? 0);
    expect((widths[1] ?? 0) / (widths[0] ?? 1)).toBeCloseTo(120 / 1500, 2);
  });

  it('shows the same figures as a table, row for row, and back', () => {
    renderChart();
    fireEvent.click(screen.getByRole('button', { name: 'Show as a table' }));
    const table = screen.getByRole('table', { name: 'People trained by country' });
    const rows = within(table)
      .getAllByRole('row')
      .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['Country', 'People trained'],
      ['India', '1,500'],
      ['Kenya', '120'],
      ['Several countries (not tied to one)', '30'],
    ]);
    expect(screen.queryByRole('img')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Show as a chart' }));
    expect(screen.getByRole('img')).toBeTruthy();
  });

  it('draws the largest few, keeps every figure in the table, and years in their order', () => {
    const many = Array.from({ length: 15 }, (_, index) => ({
      key: String(2010 + index),
      label: String(2010 + index),
      value: index + 1,
      display: String(index + 1),
    }));
    const { container } = renderChart({ bars: many, limit: 5, order: 'given' });
    expect(
      [...container.querySelectorAll('[data-bar]')].map((bar) => bar.getAttribute('data-bar')),
    ).toEqual(['2020', '2021', '2022', '2023', '2024']);
    expect(
      screen.getByText('The 5 largest of 15 are drawn; the table lists them all.'),
    ).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Show as a table' }));
    expect(screen.getAllByRole('row')).toHaveLength(16);
  });

  it('says so when there is nothing to draw', () => {
    renderChart({ bars: [] });
    expect(screen.getByText('Nothing to show yet.')).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });
});

describe('labels on a phone', () => {
  it('wrap at spaces, and cut only words longer than a line', () => {
    expect(wrapLabel('Health and social care', 12)).toEqual(['Health and', 'social care']);
    expect(wrapLabel('Several countries (not tied to one)', 40)).toEqual([
      'Several countries (not tied to one)',
    ]);
    expect(wrapLabel('abcdefghijklmnop', 6)).toEqual(['abcdef', 'ghijkl', 'mnop']);
  });
});
