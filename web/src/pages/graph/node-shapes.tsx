import type { OrganizationKind } from '../../api/organizations.ts';

/**
 * Each kind of organization has its own colour and its own shape, so the drawing reads without
 * colour too. Colours keep at least 3:1 against white (WCAG 1.4.11 for graphics).
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
      return (
        <circle
          r={radius * 0.85}
          fill="#ffffff"
          stroke={colour}
          strokeWidth={radius * 0.35}
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
