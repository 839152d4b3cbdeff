import { describe, expect, it } from 'vitest';
import {
  cameraForKey,
  fitBounds,
  maximumZoom,
  panBy,
  spreadMarkers,
  toView,
  wholeWorld,
  zoomBy,
} from './camera.ts';

const frame = { width: 960, height: 470 };

describe('the world map’s view', () => {
  it('frames the results’ points, with room around them', () => {
    const camera = fitBounds(
      [
        [600, 200],
        [700, 260],
      ],
      frame,
      40,
    );
    expect(camera.zoom).toBeCloseTo(Math.min((960 - 80) / 100, (470 - 80) / 60), 5);
    expect(toView(camera, frame, [650, 230])).toEqual([480, 235]);
    const [left, top] = toView(camera, frame, [600, 200]);
    const [right, bottom] = toView(camera, frame, [700, 260]);
    expect(left).toBeGreaterThanOrEqual(40);
    expect(right).toBeLessThanOrEqual(920);
    expect(top).toBeGreaterThanOrEqual(40);
    expect(bottom).toBeLessThanOrEqual(430);
  });

  it('zooms on one place no closer than its limit, and shows the world when nothing is placed', () => {
    const one = fitBounds(
      [
        [650, 230],
        [650, 230],
      ],
      frame,
      40,
    );
    expect(one).toEqual({ zoom: maximumZoom, centreX: 650, centreY: 230 });
    expect(fitBounds(null, frame, 40)).toEqual(wholeWorld(frame));
    expect(
      fitBounds(
        [
          [Number.POSITIVE_INFINITY, 0],
          [Number.NEGATIVE_INFINITY, 0],
        ],
        frame,
        40,
      ),
    ).toEqual(wholeWorld(frame));
  });

  it('moves with the arrow keys, zooms with + and −, and goes back to the start with 0', () => {
    const start = zoomBy(wholeWorld(frame), 4, frame);
    const right = cameraForKey('ArrowRight', start, start, frame);
    expect(right?.centreX).toBeGreaterThan(start.centreX);
    expect(right?.centreY).toBe(start.centreY);
    expect(cameraForKey('ArrowUp', start, start, frame)?.centreY).toBeLessThan(start.centreY);
    expect(cameraForKey('+', start, start, frame)?.zoom).toBeCloseTo(6, 5);
    expect(cameraForKey('-', start, start, frame)?.zoom).toBeCloseTo(4 / 1.5, 5);
    expect(cameraForKey('0', right ?? start, start, frame)).toBe(start);
    expect(cameraForKey('a', start, start, frame)).toBeNull();
  });

  it('stays between the whole world and its closest zoom, over the world', () => {
    const world = wholeWorld(frame);
    expect(zoomBy(world, 1 / 2, frame)).toEqual(world);
    expect(panBy(world, 1, 1, frame)).toEqual(world);
    expect(zoomBy(world, 1000, frame).zoom).toBe(maximumZoom);
    const far = panBy(zoomBy(world, 2, frame), 10, 10, frame);
    // At twice the size, the middle goes no further than a quarter of the world from its middle.
    expect(far.centreX).toBe(720);
    expect(far.centreY).toBeCloseTo(352.5, 5);
  });
});

describe('markers at one place', () => {
  it('are spread on a ring around it, each apart from the others', () => {
    const here = { x: 100, y: 100 };
    const points = [here, here, here, here, here, here, { x: 400, y: 100 }];
    const spread = spreadMarkers(points, 16);
    const ring = spread.slice(0, 6);
    for (const [index, marker] of ring.entries()) {
      expect(marker.anchor).toEqual(here);
      for (const other of ring.slice(index + 1)) {
        expect(
          Math.hypot(marker.at.x - other.at.x, marker.at.y - other.at.y),
        ).toBeGreaterThanOrEqual(16 - 1e-9);
      }
    }
    // A marker alone stays where it is.
    expect(spread[6]).toEqual({ at: { x: 400, y: 100 }, anchor: { x: 400, y: 100 } });
  });
});
