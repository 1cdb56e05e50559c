import { bandClass, scoreWithBand } from '../format.js';

/** "62, watch" with the band's colour; the words carry the meaning, the colour only repeats it. */
export function ScoreBadge({ score, band }: { readonly score: number; readonly band: string | null }) {
  return <span class={bandClass(band)}>{scoreWithBand(score, band)}</span>;
}
