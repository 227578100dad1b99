/**
 * When each event (lineage id) was first read at its source, for end-to-end latency. A replayed
 * event keeps its first read: its latency is what a user waiting for the result sees, replays and
 * failovers included.
 *
 * Bounded: a table of SLOTS entries indexed by id modulo SLOTS (ids grow with the sources'
 * offsets, so an entry is taken over only by an event SLOTS ids newer). An event whose entry was
 * taken over before it reached a sink has an unknown latency, and is counted as such.
 */
export const SLOTS = 1 << 16;
const MASK = SLOTS - 1;

export class FirstReads {
  private readonly ids = new Float64Array(SLOTS).fill(-1);
  private readonly times = new Float64Array(SLOTS);

  /** A source read event `id` at `time` (a re-read of a replay keeps the first time). */
  note(id: number, time: number): void {
    const slot = id & MASK;
    const held = this.ids[slot]!;
    // A newer event holds the slot: this old one's first read is forgotten (its latency unknown).
    if (held >= id) return;
    this.ids[slot] = id;
    this.times[slot] = time;
  }

  /** The first read of event `id`, or undefined when it was never read or was forgotten. */
  firstRead(id: number): number | undefined {
    const slot = id & MASK;
    return this.ids[slot] === id ? this.times[slot] : undefined;
  }
}
