/**
 * What part of the world map is in view: the point of the drawing (in the projection's units)
 * at the middle of the view, and how many times larger than the whole world it is drawn.
 */
export type Camera = { zoom: number; centreX: number; centreY: number };

export type Frame = { width: number; height: number };

/** A region, not a town: closer in, Natural Earth's 1:110m borders are too coarse to read. */
export const maximumZoom = 10;
/** How much one press of + or − zooms. */
export const zoomStep = 1.5;
/** How far one arrow key moves, as a share of what is in view. */
export const panShare = 0.2;

export function wholeWorld(frame: Frame): Camera {
  return { zoom: 1, centreX: frame.width / 2, centreY: frame.height / 2 };
}

/**
 * The view that holds `bounds` (the results' points, projected: [[x0, y0], [x1, y1]], as d3-geo's
 * `path.bounds` gives them) with `padding` around, as d3-geo's `fitExtent` would frame them, but
 * never closer than `maximumZoom` (one place, or a few in one town) nor wider than the world.
 */
export function fitBounds(
  bounds: [[number, number], [number, number]] | null,
  frame: Frame,
  padding: number,
): Camera {
  if (!bounds) return wholeWorld(frame);
  const [[x0, y0], [x1, y1]] = bounds;
  if (![x0, y0, x1, y1].every(Number.isFinite)) return wholeWorld(frame);
  const spanX = Math.max(x1 - x0, 0);
  const spanY = Math.max(y1 - y0, 0);
  const fits = Math.min(
    spanX > 0 ? (frame.width - 2 * padding) / spanX : maximumZoom,
    spanY > 0 ? (frame.height - 2 * padding) / spanY : maximumZoom,
  );
  return clamp({ zoom: fits, centreX: (x0 + x1) / 2, centreY: (y0 + y1) / 2 }, frame);
}

/** Keeps the zoom between the whole world and `maximumZoom`, and the middle on the world. */
export function clamp(camera: Camera, frame: Frame): Camera {
  const zoom = Math.min(maximumZoom, Math.max(1, camera.zoom));
  // At the world's size the middle stays put; closer in, it may go anywhere over the drawing.
  const halfX = frame.width / 2 - frame.width / (2 * zoom);
  const halfY = frame.height / 2 - frame.height / (2 * zoom);
  const middleX = frame.width / 2;
  const middleY = frame.height / 2;
  return {
    zoom,
    centreX: Math.min(middleX + halfX, Math.max(middleX - halfX, camera.centreX)),
    centreY: Math.min(middleY + halfY, Math.max(middleY - halfY, camera.centreY)),
  };
}

export function zoomBy(camera: Camera, factor: number, frame: Frame): Camera {
  return clamp({ ...camera, zoom: camera.zoom * factor }, frame);
}

/** Moves the view by `dx`, `dy` shares of what is in view (1 is a whole view's width). */
export function panBy(camera: Camera, dx: number, dy: number, frame: Frame): Camera {
  return clamp(
    {
      ...camera,
      centreX: camera.centreX + (dx * frame.width) / camera.zoom,
      centreY: camera.centreY + (dy * frame.height) / camera.zoom,
    },
    frame,
  );
}

/** Where a point of the drawing is on the view. */
export function toView(camera: Camera, frame: Frame, [x, y]: [number, number]): [number, number] {
  return [
    frame.width / 2 + camera.zoom * (x - camera.centreX),
    frame.height / 2 + camera.zoom * (y - camera.centreY),
  ];
}

/** The SVG transform that draws the world's paths as the camera sees them. */
export function transformOf(camera: Camera, frame: Frame): string {
  const [x, y] = toView(camera, frame, [0, 0]);
  return `translate(${round(x)} ${round(y)}) scale(${round(camera.zoom)})`;
}

/** What a key does to the view, or null when the key is not the map's. */
export function cameraForKey(
  key: string,
  camera: Camera,
  start: Camera,
  frame: Frame,
): Camera | null {
  switch (key) {
    case 'ArrowLeft':
      return panBy(camera, -panShare, 0, frame);
    case 'ArrowRight':
      return panBy(camera, panShare, 0, frame);
    case 'ArrowUp':
      return panBy(camera, 0, -panShare, frame);
    case 'ArrowDown':
      return panBy(camera, 0, panShare, frame);
    case '+':
    case '=':
      return zoomBy(camera, zoomStep, frame);
    case '-':
    case '_':
      return zoomBy(camera, 1 / zoomStep, frame);
    case '0':
    case 'Home':
      return start;
    default:
      return null;
  }
}

export type Spot = { x: number; y: number };

/**
 * Markers that would sit on one another at this zoom (closer than `spacing`) are gathered, and
 * each gathering is spread on a small ring around its middle, so that every organization at one
 * place has a marker of its own to point at. Returns, for each marker in order, where it is
 * drawn, and the middle of its gathering.
 */
export function spreadMarkers(points: Spot[], spacing: number): { at: Spot; anchor: Spot }[] {
  const gatherings: { members: number[]; x: number; y: number }[] = [];
  const gatheringOf: number[] = [];
  points.forEach((point, index) => {
    const near = gatherings.findIndex(
      (gathering) => Math.hypot(gathering.x - point.x, gathering.y - point.y) < spacing,
    );
    if (near === -1) {
      gatheringOf[index] = gatherings.length;
      gatherings.push({ members: [index], x: point.x, y: point.y });
    } else {
      const gathering = gatherings[near] as (typeof gatherings)[number];
      gathering.members.push(index);
      // Its middle is the mean of its members.
      const count = gathering.members.length;
      gathering.x += (point.x - gathering.x) / count;
      gathering.y += (point.y - gathering.y) / count;
      gatheringOf[index] = near;
    }
  });
  return points.map((point, index) => {
    const gathering = gatherings[gatheringOf[index] as number] as (typeof gatherings)[number];
    const count = gathering.members.length;
    const anchor = { x: gathering.x, y: gathering.y };
    if (count === 1) return { at: { x: point.x, y: point.y }, anchor };
    // A ring whose circumference holds every member at `spacing` from the next.
    const radius = Math.max(spacing, (count * spacing) / (2 * Math.PI));
    const turn = (gathering.members.indexOf(index) * 2 * Math.PI) / count - Math.PI / 2;
    return {
      at: { x: anchor.x + radius * Math.cos(turn), y: anchor.y + radius * Math.sin(turn) },
      anchor,
    };
  });
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
