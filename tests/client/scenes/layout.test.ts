import { describe, expect, it } from 'vitest';
import { fitTable, stackedLayout, WIDE_HEIGHT, WIDE_WIDTH } from '../../../client/scenes/layout.js';

const content = { agendaRows: 12, news: true, gauges: 13, map: true };

describe('the table picture layout', () => {
  it('holds one canvas pixel per device pixel at ratios 1, 1.25, 2 and 3', () => {
    for (const dpr of [1, 1.25, 2, 3]) {
      const f = fitTable(848, 626, dpr, false, content);
      expect(f.pixelWidth / (f.cssWidth * dpr)).toBeCloseTo(1, 2);
      expect(f.pixelHeight / (f.cssHeight * dpr)).toBeCloseTo(1, 2);
      expect(f.zoom).toBeCloseTo(f.pixelWidth / WIDE_WIDTH, 6);
    }
  });

  it('scales the wide picture to fit its box, keeping its shape (laptop to projector)', () => {
    const laptop = fitTable(848, 626, 1, false, content);
    expect(laptop.cssWidth).toBeLessThanOrEqual(848);
    expect(laptop.cssHeight).toBeLessThanOrEqual(626);
    const projector = fitTable(1450, 960, 1, false, content);
    expect(projector.cssWidth / projector.cssHeight).toBeCloseTo(WIDE_WIDTH / WIDE_HEIGHT, 1);
    expect(projector.cssWidth).toBeGreaterThan(1300);
  });

  it('stacks on phones: full width, every section below the last, none overlapping or outside', () => {
    for (const w of [360, 390, 600]) {
      const L = stackedLayout(w, content);
      expect(L.width).toBe(w);
      const parts = [L.seats, L.news, L.agenda, L.gauges, L.map!];
      for (const [i, p] of parts.entries()) {
        expect(p.x).toBeGreaterThanOrEqual(0);
        expect(p.x + p.w).toBeLessThanOrEqual(w);
        if (i > 0) expect(p.y).toBeGreaterThanOrEqual(parts[i - 1].y + parts[i - 1].h);
      }
      expect(L.height).toBeGreaterThanOrEqual(L.map!.y + L.map!.h);
      expect(L.seatCols).toBe(2);
    }
  });

  it('never asks the GPU for a drawing buffer it may refuse (a long picture at ratio 4)', () => {
    const f = fitTable(900, 0, 4, true, { ...content, agendaRows: 40 });
    expect(f.pixelHeight).toBeLessThanOrEqual(8192);
    expect(f.pixelWidth * f.pixelHeight).toBeLessThanOrEqual(16_000_000);
  });

  it('a stacked picture is as wide as the phone and no narrower than 320 logical px', () => {
    const f = fitTable(390, 0, 3, true, content);
    expect(f.cssWidth).toBe(390);
    expect(f.pixelWidth).toBe(1170);
    const tiny = fitTable(300, 0, 2, true, content);
    expect(tiny.layout.width).toBe(320);
    expect(tiny.cssWidth).toBe(300);
  });
});
