// The short rules, in the players' words (the full rules: docs/rules.md). Shown by the Rules panel.

export interface RulesSection {
  title: string;
  points: string[];
}

/** The rules a player needs at the table, shortest first. Keep in step with docs/rules.md. */
export const SHORT_RULES: readonly RulesSection[] = [
  {
    title: 'The aim',
    points: [
      'You lead one delegation. Get a framework agreement that is good for your side and will last, or judge that no deal is better.',
      'Your brief says what each option is worth to you, your red lines, and your walk-away value: what no deal is worth. Only you see it.',
    ],
  },
  {
    title: 'A round is one month of war',
    points: [
      'News: a card moves the world. Talks: chat freely; nothing said is binding. Moves: each delegation in turn makes one formal move. Resolution: the month of war costs everyone, old offers lapse.',
      'Press Ready when you are done with a phase: it ends early when every delegation is ready.',
    ],
  },
  {
    title: 'Your one formal move',
    points: [
      'On your turn, do exactly one: propose a package, accept, reject or counter an offer sent to you, pull a lever, or pass. Signing is not one of them (see Signing).',
      'If the game refuses a move it says why, and you keep your turn. If your turn’s time runs out, you pass.',
    ],
  },
  {
    title: 'How an offer settles',
    points: [
      'An offer counts only when every delegation it was sent to accepts it. One acceptance out of two settles nothing.',
      'An issue settles when all its signatories have agreed to the same option, in one offer or several. A settled clause never changes.',
      'An offer lapses at the end of the round after the one it was made in.',
    ],
  },
  {
    title: 'Order matters',
    points: [
      'Some issues must come before others. In the Ukraine talks: security guarantees before territory. Settling territory before the guarantee clause is locked turns Ukrainian opinion against the deal, costs Ukraine most and makes the deal less durable.',
      'Settling both in the same package counts as territory first too: lock the guarantee in its own offer, then negotiate the line. Russia at the guarantee table costs durability as well.',
    ],
  },
  {
    title: 'Signing',
    points: [
      'Once every required issue is settled, each delegation may sign at any time in a live phase, on its turn or not: signing does not use your move. The deal is made when every delegation has signed, and a text completed in the last round still gets a last call to sign.',
      'If a new clause settles after signing has begun, the signatures are cleared and everyone signs again.',
      'A leader signs only with its public behind it. In the Ukraine talks, Ukraine may sign only while Ukrainian support for a deal is at least 35: territory settled before the guarantee, hard terms or bad news can drop it below; terms its public can accept (a strong guarantee, a path into the EU) and levers (elections, a public appeal, accession talks, a prisoner exchange) raise it.',
    ],
  },
  {
    title: 'Time costs',
    points: [
      'Every month of war costs each delegation points, more when the war is intense, until the framework is signed (a cease-fire clause alone only lowers the intensity). Walk-away values fall as months pass.',
      'With a deal your score weighs your points by the deal’s durability: a fragile deal is worth little more than no deal.',
    ],
  },
  {
    title: 'Talking',
    points: [
      'The public table is read by everyone. Each pair of delegations has a private channel; working groups have their own.',
      'You may refuse direct talks with a delegation: neither of you can then write to the other or send the other an offer.',
      'A message is at most 500 characters.',
    ],
  },
];
