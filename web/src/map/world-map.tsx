import { geoEqualEarth, geoPath } from 'd3-geo';
import type { Feature, Geometry } from 'geojson';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
// Natural Earth's 1:110m borders, shipped inside this chunk: the map needs no tile server.
import atlas from 'world-atlas/countries-110m.json';
import { numericByAlpha2 } from './country-codes.ts';

export type MapMarker = { id: string; name: string; lat: number; lon: number };

export type WorldMapProps = {
  /** Organizations per country (ISO alpha-2), as the directory's facet gives them. */
  countryCounts: { value: string; count: number }[];
  /** Organizations with coordinates among the results shown. */
  markers: MapMarker[];
  /** How many results are shown, for the "not placed" note. */
  shownCount: number;
  selectedCountry: string;
  countryName: (code: string) => string;
  onSelectCountry: (code: string) => void;
  onOpenOrganization: (id: string) => void;
};

const width = 960;
const height = 470;

type CountryShape = { numeric: string; d: string };

// Projected once: the borders never change while the page is open.
const projection = geoEqualEarth().fitExtent(
  [
    [4, 4],
    [width - 4, height - 4],
  ],
  { type: 'Sphere' },
);
const pathOf = geoPath(projection);
const topology = atlas as unknown as Topology<{ countries: GeometryCollection }>;
const countryFeatures = (
  feature(topology, topology.objects.countries) as unknown as {
    features: Feature<Geometry, { name: string }>[];
  }
).features;
const shapes: CountryShape[] = countryFeatures.map((country) => ({
  numeric: String(country.id ?? ''),
  d: pathOf(country) ?? '',
}));
const spherePath = pathOf({ type: 'Sphere' }) ?? '';

/** Five shades: none, then four steps up to the largest count. */
const shades = ['#e4e8e6', '#b9dcc6', '#74b38e', '#2f7d55', '#0b4a2f'] as const;

function shadeIndex(count: number, largest: number): number {
  if (count <= 0 || largest <= 0) return 0;
  return Math.max(1, Math.ceil((count / largest) * 4));
}

/** The shades in use for counts up to `largest`, each with the largest count it stands for. */
function legendSteps(largest: number): { step: number; upTo: number }[] {
  return [1, 2, 3, 4].flatMap((step) => {
    const from = Math.floor((largest * (step - 1)) / 4) + 1;
    const upTo = Math.floor((largest * step) / 4);
    return from <= upTo ? [{ step, upTo }] : [];
  });
}

export function WorldMap({
  countryCounts,
  markers,
  shownCount,
  selectedCountry,
  countryName,
  onSelectCountry,
  onOpenOrganization,
}: WorldMapProps) {
  const intl = useIntl();
  const [view, setView] = useState<'countries' | 'places'>('countries');
  const titleId = useId();
  const svgRef = useRef<SVGSVGElement>(null);

  // Clicks are a mouse shortcut (a country filters, a marker opens the profile): keyboard and
  // screen-reader users do the same with the country filter and the list's links.
  const handlersRef = useRef({ onSelectCountry, onOpenOrganization });
  handlersRef.current = { onSelectCountry, onOpenOrganization };
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const onClick = (event: MouseEvent) => {
      const target = event.target as Element;
      const country = target.getAttribute('data-country');
      const organization = target.getAttribute('data-organization');
      if (country) handlersRef.current.onSelectCountry(country);
      else if (organization) handlersRef.current.onOpenOrganization(organization);
    };
    svg.addEventListener('click', onClick);
    return () => svg.removeEventListener('click', onClick);
  }, []);

  const { byNumeric, largest } = useMemo(() => {
    const map = new Map<string, { code: string; count: number }>();
    let max = 0;
    for (const { value, count } of countryCounts) {
      const numeric = numericByAlpha2.get(value);
      if (numeric) map.set(numeric, { code: value, count });
      max = Math.max(max, count);
    }
    return { byNumeric: map, largest: max };
  }, [countryCounts]);
  const selectedNumeric = numericByAlpha2.get(selectedCountry);

  const placed = useMemo(
    () =>
      markers
        .map((marker) => ({ marker, point: projection([marker.lon, marker.lat]) }))
        .filter((entry): entry is { marker: MapMarker; point: [number, number] } =>
          Boolean(entry.point),
        ),
    [markers],
  );

  const label =
    view === 'countries'
      ? intl.formatMessage({ id: 'map.countriesLabel' }, { count: countryCounts.length })
      : intl.formatMessage({ id: 'map.placesLabel' }, { count: placed.length });

  return (
    <div className="world-map">
      <fieldset className="world-map__views">
        <legend className="visually-hidden">
          <FormattedMessage id="map.view" />
        </legend>
        <button
          type="button"
          className="button button--small"
          aria-pressed={view === 'countries'}
          onClick={() => setView('countries')}
        >
          <FormattedMessage id="map.byCountry" />
        </button>
        <button
          type="button"
          className="button button--small"
          aria-pressed={view === 'places'}
          onClick={() => setView('places')}
        >
          <FormattedMessage id="map.byPlace" />
        </button>
      </fieldset>
      {/* A picture for sighted readers; the same figures are in the country filter and the list. */}
      <svg
        ref={svgRef}
        className="world-map__svg"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={titleId}
      >
        <title id={titleId}>{label}</title>
        <path d={spherePath} className="world-map__sphere" />
        {shapes.map((shape, index) => {
          const entry = byNumeric.get(shape.numeric);
          const count = view === 'countries' ? (entry?.count ?? 0) : 0;
          const isSelected = shape.numeric === selectedNumeric;
          return (
            <path
              // biome-ignore lint/suspicious/noArrayIndexKey: the shapes are a fixed list.
              key={index}
              d={shape.d}
              fill={shades[shadeIndex(count, largest)]}
              className={
                isSelected
                  ? 'world-map__country world-map__country--selected'
                  : 'world-map__country'
              }
              data-country={entry && view === 'countries' ? entry.code : undefined}
            >
              {entry ? (
                <title>
                  {countryName(entry.code)}: {intl.formatNumber(entry.count)}
                </title>
              ) : null}
            </path>
          );
        })}
        {view === 'places'
          ? placed.map(({ marker, point }) => (
              <circle
                key={marker.id}
                cx={point[0]}
                cy={point[1]}
                r={7}
                className="world-map__marker"
                data-organization={marker.id}
              >
                <title>{marker.name}</title>
              </circle>
            ))
          : null}
      </svg>
      {view === 'countries' ? (
        <ul className="world-map__legend" aria-label={intl.formatMessage({ id: 'map.legend' })}>
          <li>
            <span className="world-map__swatch" style={{ background: shades[0] }} />
            <FormattedMessage id="map.legendNone" />
          </li>
          {legendSteps(largest).map(({ step, upTo }) => (
            <li key={step}>
              <span className="world-map__swatch" style={{ background: shades[step] }} />
              <FormattedMessage id="map.legendUpTo" values={{ count: upTo }} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="field__hint">
          <FormattedMessage
            id="map.placesNote"
            values={{ placed: placed.length, shown: shownCount }}
          />
        </p>
      )}
    </div>
  );
}
