import { describe, expect, it } from 'vitest';
import { observeModel, usesLeft } from '../../../client/console/observe-model.js';
import { consoleLink, studentOrigin } from '../../../client/console/recent.js';
import { Game } from '../game.js';

describe('the console that cannot be lost', () => {
  const loc = (hostname: string, port = '2567') => ({
    protocol: 'http:',
    hostname,
    port,
    origin: `http://${hostname}${port ? `:${port}` : ''}`,
  });

  it('shows students the server’s LAN address when the console was opened on localhost', () => {
    expect(studentOrigin(loc('localhost'), ['192.168.1.20', '10.0.0.7'])).toEqual({
      origin: 'http://192.168.1.20:2567',
      local: false,
    });
    expect(studentOrigin(loc('127.0.0.1', ''), ['10.0.0.7'])).toEqual({ origin: 'http://10.0.0.7', local: false });
    // No LAN address known: the page says the address works on this computer only.
    expect(studentOrigin(loc('localhost'), [])).toEqual({ origin: 'http://localhost:2567', local: true });
    // Opened with the server's own network name: that is what students use.
    expect(studentOrigin(loc('classroom.example'), ['192.168.1.20'])).toEqual({
      origin: 'http://classroom.example:2567',
      local: false,
    });
  });

  it('keeps the key in the fragment of the console link', () => {
    expect(consoleLink('http://h:1', 'c1', 'k/y')).toBe('http://h:1/console.html#class=c1&key=k%2Fy');
  });
});

describe('Observe, worded like the game', () => {
  it('says lever uses as "n of m uses left" and offers a bot only for an empty or absent seat', () => {
    expect([usesLeft(0, 2), usesLeft(2, 2), usesLeft(0, 1)]).toEqual([
      '2 of 2 uses left',
      '0 of 2 uses left',
      '1 of 1 use left',
    ]);
    const g = new Game().toMoves();
    const m = observeModel(g.pub, g.view('facilitator'), g.now, { seats: { a: 'present', b: 'absent', c: 'free' } });
    expect(m.delegations.map((d) => [d.id, d.botAllowed, d.seatText])).toEqual([
      ['a', false, 'a student is here'],
      ['b', true, 'student away'],
      ['c', true, 'empty seat'],
    ]);
  });
});
