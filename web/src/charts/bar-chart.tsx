import { scaleLinear } from 'd3-scale';
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import './charts.css';

export type Bar = {
  key: string;
  label: string;
  /** For the bar's length only; what is read is `display`. */
  value: number;
  /** The value as the reader reads it (exact, locale-aware, with its unit). */
  display: string;
};

type Props = {
  title: ReactNode;
  /** What is counted, heading the values' column of the table ("Organizations", "People"). */
  valueHeading: string;
  /** What the bars are ("Country", "Sector"), heading the first column of the table. */
  categoryHeading: string;
  bars: Bar[];
  /** At most this many bars are drawn (the largest); the table lists them all. */
  limit?: number;
  /** Shown first: the chart (default) or the table. */
  initialView?: 'chart' | 'table';
  /** Largest first (default), or in the order given (years). */
  order?: 'value' | 'given';
};

const fontSize = 14;
const lineHeight = 18;
const barHeight = 16;
const rowGap = 10;
const valueGap = 6;

/** Splits a label into lines of about `width` characters, at spaces where it can. */
export function wrapLabel(label: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(/\s+/).filter(Boolean)) {
    let rest = word;
    while (rest.length > width) {
      if (line) {
        lines.push(line);
        line = '';
      }
      lines.push(rest.slice(0, width));
      rest = rest.slice(width);
    }
    if (!line) line = rest;
    else if (line.length + 1 + rest.length <= width) line = `${line} ${rest}`;
    else {
      lines.push(line);
      line = rest;
    }
  }
  if (line) lines.push(line);
  return lines.length > 0 ? lines : [''];
}

/** The chart's width follows its container's, so bars and labels fit a phone. */
function useWidth() {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(320);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(element.clientWidth || 320);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const next = entries[0]?.contentRect.width;
      if (next) setWidth(Math.round(next));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

/**
 * A horizontal bar chart as SVG: each bar's label above it (wrapping on a phone), its value at
 * its end. The SVG is one image with a title and a summary; a button shows the same figures as
 * a table, which is what a screen reader or a keyboard user can read row by row.
 */
export function BarChart({
  title,
  valueHeading,
  categoryHeading,
  bars,
  limit = 12,
  initialView = 'chart',
  order = 'value',
}: Props) {
  const intl = useIntl();
  const id = useId();
  const [view, setView] = useState(initialView);
  const { ref, width } = useWidth();
  const sorted = order === 'value' ? [...bars].sort((a, b) => b.value - a.value) : bars;
  const drawn = order === 'value' ? sorted.slice(0, limit) : sorted.slice(-limit);
  const max = Math.max(0, ...drawn.map((bar) => bar.value));
  // Room at the bars' end for the longest value, so no value runs off a phone's screen.
  const longest = Math.max(0, ...drawn.map((bar) => bar.display.length));
  const valueRoom = Math.min(width * 0.6, longest * fontSize * 0.62 + valueGap + 4);
  const x = scaleLinear()
    .domain([0, max || 1])
    .range([0, Math.max(24, width - valueRoom)]);
  // Characters per line: about half the font size per character, kept generous for Devanagari.
  const perLine = Math.max(12, Math.floor(width / (fontSize * 0.58)));
  let y = 0;
  const rows = drawn.map((bar) => {
    const lines = wrapLabel(bar.label, perLine);
    const top = y;
    y += lines.length * lineHeight + barHeight + rowGap;
    return { bar, lines, top };
  });
  const height = Math.max(y, 1);
  const largest = drawn[0];
  const summary = largest
    ? intl.formatMessage(
        { id: 'statistics.chart.summary' },
        { count: bars.length, label: largest.label, value: largest.display },
      )
    : intl.formatMessage({ id: 'statistics.chart.empty' });

  return (
    <figure className="chart">
      <figcaption className="chart__title" id={`${id}-caption`}>
        {title}
      </figcaption>
      {bars.length === 0 ? (
        <p>
          <FormattedMessage id="statistics.chart.empty" />
        </p>
      ) : (
        <>
          <button
            type="button"
            className="button button--small chart__toggle"
            aria-controls={`${id}-view`}
            onClick={() => setView((now) => (now === 'chart' ? 'table' : 'chart'))}
          >
            <FormattedMessage
              id={view === 'chart' ? 'statistics.chart.showTable' : 'statistics.chart.showChart'}
            />
          </button>
          <div id={`${id}-view`} ref={ref} className="chart__view">
            {view === 'chart' ? (
              <>
                <svg
                  className="chart__svg"
                  width={width}
                  height={height}
                  viewBox={`0 0 ${width} ${height}`}
                  role="img"
                  aria-labelledby={`${id}-title ${id}-desc`}
                >
                  <title id={`${id}-title`}>
                    {intl.formatMessage({ id: 'statistics.chart.barChart' })}
                  </title>
                  <desc id={`${id}-desc`}>{summary}</desc>
                  {rows.map(({ bar, lines, top }) => {
                    const barTop = top + lines.length * lineHeight;
                    const length = Math.max(bar.value > 0 ? 2 : 0, x(bar.value));
                    return (
                      <g key={bar.key} data-bar={bar.key}>
                        <text className="chart__label" x={0} y={top} fontSize={fontSize}>
                          {lines.map((line, index) => (
                            <tspan
                              // biome-ignore lint/suspicious/noArrayIndexKey: lines of one label.
                              key={index}
                              x={0}
                              dy={index === 0 ? fontSize : lineHeight}
                            >
                              {line}
                            </tspan>
                          ))}
                        </text>
                        <rect
                          className="chart__bar"
                          x={0}
                          y={barTop}
                          width={length}
                          height={barHeight}
                          rx={2}
                        />
                        <text
                          className="chart__value"
                          x={length + valueGap}
                          y={barTop + barHeight - 3}
                          fontSize={fontSize}
                        >
                          {bar.display}
                        </text>
                      </g>
                    );
                  })}
                </svg>
                {bars.length > drawn.length ? (
                  <p className="field__hint">
                    <FormattedMessage
                      id="statistics.chart.more"
                      values={{ shown: drawn.length, count: bars.length }}
                    />
                  </p>
                ) : null}
              </>
            ) : (
              <div className="chart__table-wrap">
                <table className="chart__table">
                  <caption className="visually-hidden">{title}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{categoryHeading}</th>
                      <th scope="col">{valueHeading}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {sorted.map((bar) => (
                      <tr key={bar.key}>
                        <th scope="row">{bar.label}</th>
                        <td>{bar.display}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </div>
        </>
      )}
    </figure>
  );
}
