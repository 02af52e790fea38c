import { Schema, type } from '@colyseus/schema';

/** A settled clause of the framework: public to everyone. */
export class ClauseState extends Schema {
  @type('string') issue = '';
  @type('string') option = '';
  @type('uint8') round = 0;
  @type('uint8') seq = 0;
}
