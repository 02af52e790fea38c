// Where each part of the table picture goes, in logical pixels (CSS pixels at zoom 1). Pure: tested without Phaser.

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface TableLayout {
  /** Logical size of the whole picture. */
  width: number;
  height: number;
  /** Seat cards per row (4 in a row on wide screens, 2 by 2 on phones). */
  seatCols: number;
  seats: Rect;
  news: Rect;
  agenda: Rect;
  gauges: Rect;
  map: Rect | null;
}

/** What the layout needs to know about the picture's content. */
export interface LayoutContent {
  agendaRows: number;
  /** A news card is on the table (else only a one-line note takes its place). */
  news: boolean;
  gauges: number;
  map: boolean;
}

/** The wide picture is designed at this size and scaled to fit (desktop, laptop, projector). */
export const WIDE_WIDTH = 900;
export const WIDE_HEIGHT = 620;
/** Below this many CSS pixels of width the picture stacks (phones, narrow windows); see docs/client.md. */
export const NARROW_MAX = 760;
/** ...and below this height too (a phone turned sideways): the header would leave the wide picture a sliver. */
export const SHORT_MAX = 500;
/** The media query for the stacked layout; styles/main.css uses the same numbers. */
export const NARROW_QUERY = `(max-width: ${NARROW_MAX}px), (max-height: ${SHORT_MAX}px)`;
/** The stacked picture is never drawn narrower than this (logical px); a 320 px screen scales it down a little. */
export const NARROW_MIN_WIDTH = 320;

/** The canvas's backing store never exceeds this many pixels a side, nor this many in all. */
export const MAX_CANVAS_SIDE = 8192;
export const MAX_CANVAS_PIXELS = 16_000_000;

const PAD = 12;
/** Same as STACK_BELOW in draw-agenda.ts (kept here so this file needs no Phaser). */
const AGENDA_TWO_LINE = 480;
const SEAT_H = 78;
const GAP = 10;

/** The wide (landscape) layout: seats across the top, agenda left, news, meters and map right. */
export function wideLayout(c: LayoutContent): TableLayout {
  const top = 102;
  const leftW = 520;
  const bottom = WIDE_HEIGHT - PAD;
  const rx = PAD + leftW + PAD;
  const rw = WIDE_WIDTH - rx - PAD;
  const newsH = 150;
  const gy = top + newsH + 8;
  const mapH = c.map ? 150 : 0;
  return {
    width: WIDE_WIDTH,
    height: WIDE_HEIGHT,
    seatCols: 4,
    seats: { x: PAD, y: PAD, w: WIDE_WIDTH - 2 * PAD, h: SEAT_H },
    agenda: { x: PAD, y: top, w: leftW, h: bottom - top },
    news: { x: rx, y: top, w: rw, h: newsH },
    gauges: { x: rx, y: gy, w: rw, h: bottom - gy - (c.map ? mapH + 8 : 0) },
    map: c.map ? { x: rx, y: bottom - mapH, w: rw, h: mapH } : null,
  };
}

/**
 * The stacked (portrait) layout for a picture `width` logical px wide: seats two by two (whose turn is
 * on its card), then the news card, the agenda, the meters and the map, each full width; the height
 * follows the content, and the page scrolls.
 */
export function stackedLayout(width: number, c: LayoutContent): TableLayout {
  const w = Math.max(NARROW_MIN_WIDTH, Math.round(width));
  const inner = w - 2 * PAD;
  const seats = { x: PAD, y: PAD, w: inner, h: 2 * SEAT_H + GAP };
  const news = { x: PAD, y: seats.y + seats.h + GAP, w: inner, h: !c.news ? 44 : inner < 420 ? 200 : 160 };
  // Boards narrower than AGENDA_TWO_LINE give each issue two lines (client/scenes/draw-agenda.ts).
  const agenda = {
    x: PAD,
    y: news.y + news.h + GAP,
    w: inner,
    h: 44 + (inner < AGENDA_TWO_LINE ? 54 : 38) * Math.max(1, c.agendaRows),
  };
  // One column of meters when narrow: 34 px a row plus the heading.
  const gauges = { x: PAD, y: agenda.y + agenda.h + GAP, w: inner, h: 44 + 34 * Math.max(1, c.gauges) };
  const map = c.map
    ? { x: PAD, y: gauges.y + gauges.h + GAP, w: inner, h: Math.round(Math.min(240, inner * 0.55)) }
    : null;
  const bottom = (map ?? gauges).y + (map ?? gauges).h + PAD;
  return { width: w, height: bottom, seatCols: 2, seats, news, agenda, gauges, map };
}

/** The size a picture takes on screen and the zoom from logical to device pixels. */
export interface Fit {
  layout: TableLayout;
  /** CSS size of the canvas. */
  cssWidth: number;
  cssHeight: number;
  /** Canvas backing-store size in device pixels (CSS size times the device pixel ratio, rounded). */
  pixelWidth: number;
  pixelHeight: number;
  /** Logical to device pixels. */
  zoom: number;
}

/**
 * Fits the picture into `width` x `height` CSS pixels at device pixel ratio `dpr`: wide layout scaled to
 * fit (keeping its shape), or the stacked layout at the box's width when `narrow`.
 */
export function fitTable(width: number, height: number, dpr: number, narrow: boolean, c: LayoutContent): Fit {
  const layout = narrow ? stackedLayout(width, c) : wideLayout(c);
  const scale = narrow
    ? Math.min(1, Math.max(1, width) / layout.width)
    : Math.max(0.1, Math.min(width / layout.width, height / layout.height));
  const cssWidth = Math.max(1, Math.floor(layout.width * scale));
  const cssHeight = Math.max(1, Math.floor(layout.height * scale));
  // GPUs (phones especially) refuse larger drawing buffers and would scale the picture down silently.
  const asked = dpr > 0 && Number.isFinite(dpr) ? dpr : 1;
  const ratio = Math.min(
    asked,
    MAX_CANVAS_SIDE / cssWidth,
    MAX_CANVAS_SIDE / cssHeight,
    Math.sqrt(MAX_CANVAS_PIXELS / (cssWidth * cssHeight)),
  );
  const pixelWidth = Math.round(cssWidth * ratio);
  const pixelHeight = Math.round(cssHeight * ratio);
  return { layout, cssWidth, cssHeight, pixelWidth, pixelHeight, zoom: pixelWidth / layout.width };
}
