import type { PublicScenario, View } from '../../shared/engine/view.js';

export interface GaugeModel {
  id: string;
  label: string;
  description: string;
  value: number;
  min: number;
  max: number;
  /** 0..1 along the gauge. */
  fraction: number;
  /** 'good' | 'bad' | 'neutral' for a deal, from the meter's polarity and level. */
  tone: 'good' | 'bad' | 'neutral';
  /** Change since the previous view, for a small arrow. */
  delta: number;
}

/** The world's meters as gauges. */
export function gauges(s: PublicScenario, v: View | null, previous?: View | null): GaugeModel[] {
  return s.meters.map((m) => {
    const value = v?.meters[m.id] ?? m.initial;
    const fraction = m.max === m.min ? 0 : Math.min(1, Math.max(0, (value - m.min) / (m.max - m.min)));
    const tone = m.polarity === 'neutral' ? 'neutral' : (m.polarity === 'higher') === fraction >= 0.5 ? 'good' : 'bad';
    const before = previous?.meters[m.id];
    return {
      id: m.id,
      label: m.label,
      description: m.description,
      value,
      min: m.min,
      max: m.max,
      fraction,
      tone,
      delta: before === undefined ? 0 : value - before,
    };
  });
}
