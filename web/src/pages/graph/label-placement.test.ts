import { describe, expect, it } from 'vitest';
import { type LabelNode, overlaps, placeLabels } from './label-placement.ts';

const centre: LabelNode = { id: 'centre', name: 'Federación Agraria del Sur', x: 0, y: 0 };

/** `count` organizations on a ring of `radius` around the centre, evenly spaced. */
function ring(count: number, radius: number, name = (index: number) => `Cooperativa ${index}`) {
  return Array.from({ length: count }, (_, index): LabelNode => {
    const angle = (index * 2 * Math.PI) / count;
    return {
      id: `n${index}`,
      name: name(index),
      x: radius * Math.cos(angle),
      y: radius * Math.sin(angle),
    };
  });
}

const options = (fontSize: number) => ({
  fontSize,
  lineHeight: fontSize * 1.2,
  nodeRadius: 16,
  bounds: { x: -300, y: -300, width: 600, height: 600 },
  measure: (text: string) => text.length * fontSize * 0.6,
});

describe('where the relation graph writes names', () => {
  it('names the centre and every organization of a ring that has room', () => {
    const nodes = ring(6, 130);
    const labels = placeLabels(centre, nodes, [centre, ...nodes], options(13));
    expect([...labels.keys()].sort()).toEqual(['centre', 'n0', 'n1', 'n2', 'n3', 'n4', 'n5']);
    // Each on the side away from the centre: right of the node on the right, left on the left.
    expect(labels.get('n0')?.anchor).toBe('start');
    expect(labels.get('n3')?.anchor).toBe('end');
  });

  it('never writes a name over another name or over a node, and leaves out what does not fit', () => {
    const nodes = ring(24, 130, (index) => `Shri Mahila Sewa Sahakari Mandli number ${index}`);
    const all = [centre, ...nodes];
    for (const fontSize of [13, 22]) {
      const labels = placeLabels(centre, nodes, all, options(fontSize));
      const boxes = [...labels.entries()];
      expect(boxes.length).toBeGreaterThan(1);
      expect(boxes.length).toBeLessThan(all.length);
      for (const [id, label] of boxes) {
        for (const [otherId, other] of boxes) {
          if (id !== otherId)
            expect(overlaps(label.box, other.box), `${id} on ${otherId}`).toBe(false);
        }
        if (id === 'centre') continue;
        for (const node of all) {
          if (node.id === id) continue;
          const nodeBox = { x: node.x - 16, y: node.y - 16, width: 32, height: 32 };
          expect(overlaps(label.box, nodeBox), `${id} on node ${node.id}`).toBe(false);
        }
        const { x, y, width, height } = label.box;
        expect(x >= -300 && y >= -300 && x + width <= 300 && y + height <= 300).toBe(true);
      }
    }
    // Larger letters (a phone's scale) leave room for fewer names.
    const small = placeLabels(centre, nodes, all, options(13)).size;
    const large = placeLabels(centre, nodes, all, options(22)).size;
    expect(large).toBeLessThan(small);
  });

  it('keeps a long name whole, on up to three lines', () => {
    const nodes = [
      { id: 'long', name: 'Gujarat State Women’s SEWA Co-operative Federation Ltd', x: 150, y: 0 },
    ];
    const label = placeLabels(centre, nodes, [centre, ...nodes], options(13)).get('long');
    expect(label?.lines.join(' ')).toBe('Gujarat State Women’s SEWA Co-operative Federation Ltd');
    expect(label?.lines.length).toBeLessThanOrEqual(3);
  });
});
