import { z } from 'zod';
import { scenarioSchema } from './schema.js';

/** JSON Schema (draft 2020-12) of a scenario file as an instructor writes it, for editors. */
export function scenarioJsonSchema(): Record<string, unknown> {
  // 'input': fields with defaults may be left out of the file.
  const schema = z.toJSONSchema(scenarioSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    ...schema,
    title: 'Negotiation table scenario',
    description:
      'A scenario for the negotiation table. The server also checks references between parts (ids of roles, issues, options and meters) that this schema cannot express; run `npm run scenario:check -- file.json`.',
  };
}
