import { describe, expect, it } from 'vitest';
import { seatingTitle } from '../../../client/console/seating-view.js';

describe('seatingTitle (the console seating grid)', () => {
  it('counts the students, in the plural only when there is not exactly one', () => {
    expect(seatingTitle(0)).toBe('Seating (0 students)');
    expect(seatingTitle(1)).toBe('Seating (1 student)');
    expect(seatingTitle(2)).toBe('Seating (2 students)');
  });
});
