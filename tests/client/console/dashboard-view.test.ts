import { describe, expect, it } from 'vitest';
import { seatText } from '../../../client/console/dashboard-view.js';

const seat = (o: Partial<Parameters<typeof seatText>[0]> = {}) => ({
  role: 'ru',
  name: 'Russia',
  color: '#c00',
  status: 'free',
  names: [],
  students: [],
  bot: false,
  ...o,
});

describe('seatText (a table card on the class console)', () => {
  it('says who is in the seat, or that a bot plays it', () => {
    expect(seatText(seat({ names: ['Ana'] }))).toBe('Ana');
    expect(seatText(seat({ students: ['Ana'] }))).toBe('Ana (not here)');
    expect(seatText(seat({ bot: true, students: ['Ana'] }))).toBe('bot for Ana');
    expect(seatText(seat({ bot: true, names: ['Ana'] }))).toBe('bot, with Ana');
    expect(seatText(seat({ bot: true }))).toBe('bot');
  });

  it('says an empty seat will get a bot when the class fills seats with bots, as the seating grid does', () => {
    expect(seatText(seat())).toBe('free');
    expect(seatText(seat(), true)).toBe('free · a bot plays from the talks');
    expect(seatText(seat({ names: ['Ana'] }), true)).toBe('Ana');
  });
});
