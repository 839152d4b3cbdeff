// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { organizationKinds } from '../../vocabulary.ts';
import { contrastRatio } from './contrast.ts';
import { graphBackground, kindStyle, NodeShape } from './node-shapes.tsx';

afterEach(cleanup);

describe('the shapes of the relation graph', () => {
  it('measures contrast as WCAG does', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(() => contrastRatio('white', '#ffffff')).toThrow(/#rrggbb/);
  });

  it.each(organizationKinds)(
    'draws a %s filled with a colour that stands out 3:1 on the background and on white',
    (kind) => {
      const { container } = render(
        <svg aria-hidden="true">
          <NodeShape kind={kind} radius={14} />
        </svg>,
      );
      const filled = [...container.querySelectorAll('svg *')].map((shape) =>
        shape.getAttribute('fill'),
      );
      // What is painted is the kind's colour, and nothing else (no white disc inside an outline).
      expect(filled).toEqual([kindStyle[kind].colour]);
      expect(contrastRatio(kindStyle[kind].colour, graphBackground)).toBeGreaterThanOrEqual(3);
      // The centre's shape sits on a white halo.
      expect(contrastRatio(kindStyle[kind].colour, '#ffffff')).toBeGreaterThanOrEqual(3);
    },
  );

  it('gives each kind its own shape', () => {
    const shapes = organizationKinds.map((kind) => kindStyle[kind].shape);
    expect(new Set(shapes).size).toBe(organizationKinds.length);
  });
});
