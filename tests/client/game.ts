import {
  applyAction,
  createGame,
  publicScenario,
  viewFor,
  type Action,
  type GameState,
  type Seat,
} from '../../shared/engine/index.js';
import type { Scenario } from '../../shared/scenario/schema.js';
import { miniScenario } from '../fixtures/mini-scenario.js';

/** A real engine game on the inline test scenario, for building views the client would receive. */
export class Game {
  readonly scenario: Scenario = miniScenario();
  readonly pub = publicScenario(this.scenario);
  state: GameState;
  now = 1_000;

  constructor(
    opts: {
      rounds?: number;
      selfStart?: boolean;
      phaseSeconds?: Partial<Record<'news' | 'talks' | 'moves' | 'resolution', number>>;
    } = {},
  ) {
    this.state = createGame(this.scenario, { seed: 7, ...opts });
  }

  act(seat: Seat, action: Action): this {
    const r = applyAction(this.state, action, { scenario: this.scenario, seat, now: this.now });
    if (!r.ok) throw new Error(`${seat} ${action.type}: ${r.error.message}`);
    this.state = r.state;
    return this;
  }

  /** Start and walk to the moves phase of round 1. */
  toMoves(): this {
    this.act('facilitator', { type: 'start' });
    this.act('facilitator', { type: 'advance' });
    this.act('facilitator', { type: 'advance' });
    return this;
  }

  view(seat: Seat) {
    return viewFor(this.scenario, this.state, seat);
  }
}
