/** A tuple's membership in one tree: the root, and the XOR of the edge ids that created it there. */
export interface Anchor {
  readonly root: number;
  readonly hi: number;
  readonly lo: number;
}

/**
 * An input an operator keeps to emit from later (a batch, a window): its anchors, and the XOR of
 * the edges its outputs have created so far. Acking it later acks it in every tree it belongs to
 * (Storm: a bolt that anchors a later emit to held tuples, then acks them).
 */
export interface HeldInput {
  readonly anchors: readonly Anchor[];
  childHi: number;
  childLo: number;
}
