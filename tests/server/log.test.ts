import { describe, expect, it } from 'vitest';
import { log, tableLog } from '../../server/log.js';

describe('the server log', () => {
  it('is pino at LOG_LEVEL (default info), and a table logs through a child that names it', () => {
    expect(log.level).toBe(process.env.LOG_LEVEL?.trim() || 'info');
    const t = tableLog('table-1');
    expect(t.bindings()).toEqual({ table: 'table-1' });
    expect(t.level).toBe(log.level);
    expect(typeof t.error).toBe('function');
  });
});
