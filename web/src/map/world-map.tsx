import { geoEqualEarth, geoPath } from 'd3-geo';
import type { Feature, Geometry, MultiPoint } from 'geojson';
import {
  type KeyboardEvent,
  type PointerEvent,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
// Natural Earth's 1:110m borders, shipped inside this chunk: the map needs no tile server.
import atlas from 'world-atlas/countries-110m.json';
import {
  type Camera,
  cameraForKey,
  clamp,
  fitBounds,
  maximumZoom,
  spreadMarkers,
  toView,
  transformOf,
  wholeWorld,
  zoomBy,
  zoomStep,
} from './camera.ts';
import { numericByAlpha2 } from './country-codes.ts';
import './world-map.css';

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
const frame = { width, height };
/** Room kept around the results when the map zooms to them, in the drawing's units. */
const fitPadding = 70;
/** A marker's radius on the screen, in pixels, at every width of the map. */
const markerPixels = 6;

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
  const hintId = useId();
  const svgRef = useRef<SVGSVGElement>(null);

  const placed = useMemo(
    () =>
      markers
        .map((marker) => ({ marker, point: projection([marker.lon, marker.lat]) }))
        .filter((entry): entry is { marker: MapMarker; point: [number, number] } =>
          Boolean(entry.point),
        ),
    [markers],
  );

  // Where each view starts: the whole world by country; by place, the results' points framed
  // (by d3-geo's own bounds of their points), so a search in one country shows that country.
  // Worked out again only when the results change, not at every drawing of the page.
  const resultsKey = placed
    .map(({ marker }) => `${marker.id}@${marker.lon},${marker.lat}`)
    .join(' ');
  // biome-ignore lint/correctness/useExhaustiveDependencies: resultsKey stands for placed.
  const start = useMemo((): Camera => {
    if (view === 'countries' || placed.length === 0) return wholeWorld(frame);
    const points: MultiPoint = {
      type: 'MultiPoint',
      coordinates: placed.map(({ marker }) => [marker.lon, marker.lat]),
    };
    return fitBounds(pathOf.bounds(points), frame, fitPadding);
  }, [view, resultsKey]);
  const [camera, setCamera] = useState<Camera>(start);
  useEffect(() => setCamera(start), [start]);

  // Clicks are a mouse shortcut (a country filters, a marker opens the profile): keyboard and
  // screen-reader users do the same with the country filter and the list's links.
  const handlersRef = useRef({ onSelectCountry, onOpenOrganization });
  handlersRef.current = { onSelectCountry, onOpenOrganization };
  // A drag with the mouse moves the map; the click that ends it chooses nothing.
  const dragRef = useRef<{ x: number; y: number; camera: Camera; moved: boolean } | null>(null);
  const draggedRef = useRef(false);
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const onClick = (event: MouseEvent) => {
      if (draggedRef.current) {
        draggedRef.current = false;
        return;
      }
      const target = event.target as Element;
      const country = target.getAttribute('data-country');
      const organization = target.getAttribute('data-organization');
      if (country) handlersRef.current.onSelectCountry(country);
      else if (organization) handlersRef.current.onOpenOrganization(organization);
    };
    svg.addEventListener('click', onClick);
    return () => svg.removeEventListener('click', onClick);
  }, []);

  const onPointerDown = (event: PointerEvent<SVGSVGElement>) => {
    if (event.pointerType !== 'mouse' || event.button !== 0) return;
    dragRef.current = { x: event.clientX, y: event.clientY, camera, moved: false };
    draggedRef.current = false;
  };
  const onPointerMove = (event: PointerEvent<SVGSVGElement>) => {
    const drag = dragRef.current;
    const svg = svgRef.current;
    if (!drag || !svg) return;
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < 4) return;
    if (!drag.moved) svg.setPointerCapture(event.pointerId);
    drag.moved = true;
    // Screen pixels to the drawing's units, at the drag's zoom.
    const units = width / svg.getBoundingClientRect().width / drag.camera.zoom;
    setCamera(
      clamp(
        {
          ...drag.camera,
          centreX: drag.camera.centreX - dx * units,
          centreY: drag.camera.centreY - dy * units,
        },
        frame,
      ),
    );
  };
  const onPointerUp = () => {
    draggedRef.current = dragRef.current?.moved ?? false;
    dragRef.current = null;
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const next = cameraForKey(event.key, camera, start, frame);
    if (!next) return;
    event.preventDefault();
    setCamera(next);
  };

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

  // Markers keep their size on the screen at every zoom and width; those that would cover one
  // another are spread around their place.
  const pixelsPerUnit = useRenderedScale(svgRef);
  const markerRadius = markerPixels / pixelsPerUnit;
  const spread = useMemo(() => {
    const spots = placed.map(({ point }) => {
      const [x, y] = toView(camera, frame, point);
      return { x, y };
    });
    return spreadMarkers(spots, markerRadius * 2.5);
  }, [placed, camera, markerRadius]);

  const label =
    view === 'countries'
      ? intl.formatMessage({ id: 'map.countriesLabel' }, { count: countryCounts.length })
      : intl.formatMessage({ id: 'map.placesLabel' }, { count: placed.length });
  const atStart =
    camera.zoom === start.zoom &&
    camera.centreX === start.centreX &&
    camera.centreY === start.centreY;

  return (
    <div className="world-map">
      <div className="world-map__toolbar">
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
        <fieldset className="world-map__zoom">
          <legend className="visually-hidden">
            <FormattedMessage id="map.controls" />
          </legend>
          <button
            type="button"
            className="button button--small world-map__zoom-button"
            aria-label={intl.formatMessage({ id: 'map.zoomIn' })}
            title={intl.formatMessage({ id: 'map.zoomIn' })}
            disabled={camera.zoom >= maximumZoom}
            onClick={() => setCamera(zoomBy(camera, zoomStep, frame))}
          >
            <span aria-hidden="true">+</span>
          </button>
          <button
            type="button"
            className="button button--small world-map__zoom-button"
            aria-label={intl.formatMessage({ id: 'map.zoomOut' })}
            title={intl.formatMessage({ id: 'map.zoomOut' })}
            disabled={camera.zoom <= 1}
            onClick={() => setCamera(zoomBy(camera, 1 / zoomStep, frame))}
          >
            <span aria-hidden="true">−</span>
          </button>
          <button
            type="button"
            className="button button--small"
            disabled={atStart}
            onClick={() => setCamera(start)}
          >
            <FormattedMessage id={view === 'places' ? 'map.showAll' : 'map.showWorld'} />
          </button>
        </fieldset>
      </div>
      {/* The map takes the keyboard when focused (arrows move it, + and − zoom); the picture is
          for sighted readers, and the same figures are in the country filter and the list. */}
      <div
        className="world-map__viewport"
        role="application"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: an application (WAI-ARIA) takes the keys it is focused with.
        tabIndex={0}
        aria-roledescription={intl.formatMessage({ id: 'map.roleDescription' })}
        aria-label={label}
        aria-describedby={hintId}
        onKeyDown={onKeyDown}
      >
        <svg
          ref={svgRef}
          className="world-map__svg"
          viewBox={`0 0 ${width} ${height}`}
          aria-hidden="true"
          data-zoom={camera.zoom.toFixed(2)}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerUp}
        >
          <g transform={transformOf(camera, frame)}>
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
          </g>
          {view === 'places'
            ? placed.map(({ marker }, index) => {
                const spot = spread[index];
                if (!spot) return null;
                const moved = spot.at.x !== spot.anchor.x || spot.at.y !== spot.anchor.y;
                return (
                  <g key={marker.id}>
                    {moved ? (
                      <line
                        x1={spot.anchor.x}
                        y1={spot.anchor.y}
                        x2={spot.at.x}
                        y2={spot.at.y}
                        className="world-map__spoke"
                      />
                    ) : null}
                    <circle
                      cx={spot.at.x}
                      cy={spot.at.y}
                      r={markerRadius}
                      className="world-map__marker"
                      data-organization={marker.id}
                    >
                      <title>{marker.name}</title>
                    </circle>
                  </g>
                );
              })
            : null}
        </svg>
      </div>
      <p id={hintId} className="field__hint">
        <FormattedMessage id="map.keyboardHint" />
      </p>
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

/** Screen pixels per unit of the drawing (1 until the map is on the screen). */
function useRenderedScale(ref: { current: SVGSVGElement | null }): number {
  const [scale, setScale] = useState(1);
  useEffect(() => {
    const svg = ref.current;
    if (!svg) return;
    const measure = () => {
      const rendered = svg.getBoundingClientRect().width;
      if (rendered > 0) setScale(rendered / width);
    };
    measure();
    if (typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver(measure);
    observer.observe(svg);
    return () => observer.disconnect();
  }, [ref]);
  return scale;
}
