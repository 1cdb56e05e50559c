const WIDTH = 120;
const HEIGHT = 28;

/**
 * A small line of the last month's scores on a fixed 0-100 scale (so a flat line at 90 and one at 40
 * look different). Inline SVG: no script of its own, nothing for the CSP to allow.
 */
export function Sparkline({ points, label }: { readonly points: readonly number[]; readonly label: string }) {
  if (points.length < 2) return <span class="muted">not enough history</span>;
  const step = WIDTH / (points.length - 1);
  const path = points
    .map(
      (score, i) =>
        `${i === 0 ? 'M' : 'L'}${(i * step).toFixed(1)},${(HEIGHT - (score / 100) * HEIGHT).toFixed(1)}`,
    )
    .join(' ');
  return (
    <svg
      class="sparkline"
      viewBox={`0 0 ${String(WIDTH)} ${String(HEIGHT)}`}
      width={WIDTH}
      height={HEIGHT}
      role="img"
      aria-label={label}
    >
      <path d={path} fill="none" stroke="currentColor" stroke-width="2" />
    </svg>
  );
}
