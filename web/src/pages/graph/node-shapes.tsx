import type { OrganizationKind } from '../../api/organizations.ts';

/** The drawing's background (the surface colour of styles.css), which every kind stands out on. */
export const graphBackground = '#f3f6f4';

/**
 * Each kind of organization has its own colour and its own shape, so the drawing reads without
 * colour too. Every shape is filled with its colour, which keeps at least 3:1 against the
 * drawing's background and against white (WCAG 1.4.11 for graphics; node-shapes.test.ts).
 */
export const kindStyle: Record<OrganizationKind, { colour: string; shape: Shape }> = {
  cooperative: { colour: '#0b5d3b', shape: 'circle' },
  federation: { colour: '#1a4fd6', shape: 'hexagon' },
  group: { colour: '#6b3fa0', shape: 'square' },
  division: { colour: '#8a4b08', shape: 'diamond' },
  company: { colour: '#b3261e', shape: 'triangle' },
  ngo: { colour: '#00696f', shape: 'pentagon' },
  'public-body': { colour: '#5c5c00', shape: 'octagon' },
  other: { colour: '#4a524e', shape: 'ring' },
};

type Shape =
  | 'circle'
  | 'hexagon'
  | 'square'
  | 'diamond'
  | 'triangle'
  | 'pentagon'
  | 'octagon'
  | 'ring';

function polygon(sides: number, radius: number, rotation: number): string {
  const points = Array.from({ length: sides }, (_, index) => {
    const angle = rotation + (index * 2 * Math.PI) / sides;
    return `${(radius * Math.cos(angle)).toFixed(1)},${(radius * Math.sin(angle)).toFixed(1)}`;
  });
  return `M${points.join('L')}Z`;
}

function circlePath(radius: number): string {
  const r = radius.toFixed(1);
  return `M${r},0A${r},${r} 0 1 1 -${r},0A${r},${r} 0 1 1 ${r},0Z`;
}

/** The kind's shape, centred on (0, 0), about `radius` across each way. */
export function NodeShape({
  kind,
  radius,
  className,
}: {
  kind: OrganizationKind;
  radius: number;
  className?: string;
}) {
  const { colour, shape } = kindStyle[kind];
  switch (shape) {
    case 'circle':
      return <circle r={radius} fill={colour} className={className} />;
    case 'ring':
      // A filled ring (the hole is the background), not a white disc with a coloured edge: the
      // outline every shape gets would paint over that edge.
      return (
        <path
          d={`${circlePath(radius)}${circlePath(radius * 0.45)}`}
          fillRule="evenodd"
          fill={colour}
          className={className}
        />
      );
    case 'square':
      return (
        <rect
          x={-radius * 0.85}
          y={-radius * 0.85}
          width={radius * 1.7}
          height={radius * 1.7}
          fill={colour}
          className={className}
        />
      );
    case 'diamond':
      return <path d={polygon(4, radius * 1.15, 0)} fill={colour} className={className} />;
    case 'triangle':
      return (
        <path d={polygon(3, radius * 1.2, -Math.PI / 2)} fill={colour} className={className} />
      );
    case 'pentagon':
      return (
        <path d={polygon(5, radius * 1.05, -Math.PI / 2)} fill={colour} className={className} />
      );
    case 'hexagon':
      return <path d={polygon(6, radius * 1.05, 0)} fill={colour} className={className} />;
    case 'octagon':
      return (
        <path d={polygon(8, radius * 1.05, Math.PI / 8)} fill={colour} className={className} />
      );
  }
}
