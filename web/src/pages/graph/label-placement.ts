/** Where the relation graph writes names: beside the nodes, never over one another. */

export type Box = { x: number; y: number; width: number; height: number };

export type LabelNode = { id: string; name: string; x: number; y: number };

export type PlacedLabel = {
  lines: string[];
  /** Where the first line's baseline starts, for the text's x, y and text-anchor. */
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  box: Box;
};

export type LabelOptions = {
  /** Font size and line height, in the drawing's units. */
  fontSize: number;
  lineHeight: number;
  /** The nodes' radius, in the drawing's units: a label keeps clear of every node. */
  nodeRadius: number;
  /** The drawing's box: a label that would leave it is not written. */
  bounds: Box;
  /** The width of a line of text at `fontSize`, in the drawing's units. */
  measure: (text: string) => number;
};

/**
 * A name on up to three short lines, whole (a shortened name would not match the node's
 * accessible name); what does not fit on two lines goes on the third.
 */
export function labelLines(name: string, width = 18): string[] {
  const lines: string[] = [];
  for (const word of name.split(/\s+/).filter(Boolean)) {
    const last = lines[lines.length - 1];
    if (last !== undefined && (last.length + 1 + word.length <= width || lines.length === 3)) {
      lines[lines.length - 1] = `${last} ${word}`;
    } else lines.push(word);
  }
  return lines;
}

/**
 * Labels `centre` below it, then each of `candidates` in the order given, each on the side of its
 * node that faces away from the centre when that is free, else below, above, right or left of it.
 * A label is written only where it overlaps no other label and no node and stays in the drawing:
 * where names do not fit, the node keeps its name on hover, to screen readers and in the list.
 */
export function placeLabels(
  centre: LabelNode,
  candidates: LabelNode[],
  nodes: LabelNode[],
  options: LabelOptions,
): Map<string, PlacedLabel> {
  const { fontSize, lineHeight, nodeRadius, bounds, measure } = options;
  const gap = fontSize * 0.4;
  const placed = new Map<string, PlacedLabel>();
  const taken: Box[] = [];
  const nodeBoxes = nodes.map((node) => ({
    id: node.id,
    box: {
      x: node.x - nodeRadius,
      y: node.y - nodeRadius,
      width: nodeRadius * 2,
      height: nodeRadius * 2,
    },
  }));

  const label = (node: LabelNode, side: Side): PlacedLabel => {
    const lines = labelLines(node.name);
    const width = Math.max(...lines.map(measure));
    const height = lines.length * lineHeight;
    // The first baseline sits about four fifths of a line below the box's top.
    const ascent = lineHeight * 0.8;
    const clear = nodeRadius + gap;
    switch (side) {
      case 'below':
        return at(lines, node.x, node.y + clear + ascent, 'middle', width, height, ascent);
      case 'above':
        return at(lines, node.x, node.y - clear - height + ascent, 'middle', width, height, ascent);
      case 'right':
        return at(
          lines,
          node.x + clear,
          node.y - height / 2 + ascent,
          'start',
          width,
          height,
          ascent,
        );
      case 'left':
        return at(
          lines,
          node.x - clear,
          node.y - height / 2 + ascent,
          'end',
          width,
          height,
          ascent,
        );
    }
  };

  const centreLabel = label(centre, 'below');
  placed.set(centre.id, centreLabel);
  taken.push(centreLabel.box);

  for (const node of candidates) {
    if (node.id === centre.id) continue;
    for (const side of sidesFor(node, centre)) {
      const candidate = label(node, side);
      const free =
        inside(candidate.box, bounds) &&
        taken.every((box) => !overlaps(box, candidate.box, gap)) &&
        nodeBoxes.every(
          (other) => other.id === node.id || !overlaps(other.box, candidate.box, gap / 2),
        );
      if (free) {
        placed.set(node.id, candidate);
        taken.push(candidate.box);
        break;
      }
    }
  }
  return placed;
}

type Side = 'below' | 'above' | 'right' | 'left';

/** The side facing away from the centre first: labels spread outwards, where there is room. */
function sidesFor(node: LabelNode, centre: LabelNode): Side[] {
  const dx = node.x - centre.x;
  const dy = node.y - centre.y;
  const outward: Side =
    Math.abs(dx) > Math.abs(dy) ? (dx > 0 ? 'right' : 'left') : dy >= 0 ? 'below' : 'above';
  return [outward, ...(['below', 'above', 'right', 'left'] as const).filter((s) => s !== outward)];
}

function at(
  lines: string[],
  x: number,
  y: number,
  anchor: PlacedLabel['anchor'],
  width: number,
  height: number,
  ascent: number,
): PlacedLabel {
  const left = anchor === 'start' ? x : anchor === 'end' ? x - width : x - width / 2;
  return { lines, x, y, anchor, box: { x: left, y: y - ascent, width, height } };
}

function inside(box: Box, bounds: Box): boolean {
  return (
    box.x >= bounds.x &&
    box.y >= bounds.y &&
    box.x + box.width <= bounds.x + bounds.width &&
    box.y + box.height <= bounds.y + bounds.height
  );
}

/** Whether two boxes come closer than `margin`. */
export function overlaps(a: Box, b: Box, margin = 0): boolean {
  return (
    a.x < b.x + b.width + margin &&
    b.x < a.x + a.width + margin &&
    a.y < b.y + b.height + margin &&
    b.y < a.y + a.height + margin
  );
}
