// Okabe-Ito colours (safe for the common colour-vision deficiencies) and the table's neutrals.
export const OKABE_ITO = {
  orange: 0xe69f00,
  sky: 0x56b4e9,
  green: 0x009e73,
  yellow: 0xf0e442,
  blue: 0x0072b2,
  vermillion: 0xd55e00,
  purple: 0xcc79a7,
  black: 0x000000,
};

export const INK = '#1b1f24';
export const MUTED = '#57606a';
export const PAPER = 0xfbfaf7;
export const PANEL = 0xffffff;
export const LINE = 0xd0d7de;
export const FONT = 'system-ui, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';

export const TONE = { good: OKABE_ITO.blue, bad: OKABE_ITO.vermillion, neutral: 0x8c959f };

export function hex(css: string): number {
  return parseInt(css.replace('#', ''), 16);
}

let resolution = 2;

/** Texts are rasterised at the camera's zoom (layout units to device pixels), so they stay sharp at any pixel ratio. */
export function setTextResolution(zoom: number): void {
  resolution = Math.min(4, Math.max(1, Math.ceil(zoom * 4) / 4));
}

export const text = (size: number, color = INK, bold = false) => ({
  fontFamily: FONT,
  fontSize: `${size}px`,
  color,
  fontStyle: bold ? 'bold' : 'normal',
  resolution,
});

/** Shortens a text object with an ellipsis until it fits maxWidth (Phaser has no text-overflow). */
export function fit<T extends { text: string; width: number; setText(s: string): unknown }>(t: T, maxWidth: number): T {
  if (t.width <= maxWidth) return t;
  const full = t.text;
  let lo = 0;
  let hi = full.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    t.setText(`${full.slice(0, mid).trimEnd()}…`);
    if (t.width <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  t.setText(`${full.slice(0, lo).trimEnd()}…`);
  return t;
}
