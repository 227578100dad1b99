/**
 * A number per key id (see KeyTable): a growable Float64Array plus presence flags. Keyed state
 * without a hash lookup on the hot path.
 */
export class KeyedValues {
  private values = new Float64Array(64);
  private present = new Uint8Array(64);
  size = 0;

  /** Adds `delta` to the key's value (absent keys start at 0); returns the new value. */
  add(keyId: number, delta: number): number {
    if (keyId >= this.values.length) this.grow(keyId);
    if (this.present[keyId] === 0) {
      this.present[keyId] = 1;
      this.size++;
    }
    return (this.values[keyId]! += delta);
  }

  set(keyId: number, value: number): void {
    this.add(keyId, 0);
    this.values[keyId] = value;
  }

  get(keyId: number): number | undefined {
    return keyId < this.values.length && this.present[keyId] === 1 ? this.values[keyId] : undefined;
  }

  /** A copy of the whole state, as two typed arrays (a checkpoint copies memory, not objects). */
  copy(): KeyedValuesState {
    const n = this.highestKey() + 1;
    return { values: this.values.slice(0, n), present: this.present.slice(0, n) };
  }

  /** State restored from a {@link copy}. */
  static from(state: KeyedValuesState): KeyedValues {
    const kv = new KeyedValues();
    for (let id = 0; id < state.present.length; id++)
      if (state.present[id] === 1) kv.set(id, state.values[id]!);
    return kv;
  }

  /** [keyId, value] pairs in key id order. */
  entries(): [number, number][] {
    const out: [number, number][] = [];
    for (let id = 0; id < this.present.length; id++)
      if (this.present[id] === 1) out.push([id, this.values[id]!]);
    return out;
  }

  private highestKey(): number {
    for (let id = this.present.length - 1; id >= 0; id--) if (this.present[id] === 1) return id;
    return -1;
  }

  private grow(keyId: number): void {
    let n = this.values.length * 2;
    while (n <= keyId) n *= 2;
    const values = new Float64Array(n);
    values.set(this.values);
    const present = new Uint8Array(n);
    present.set(this.present);
    this.values = values;
    this.present = present;
  }
}

/** A copy of a {@link KeyedValues}: values and presence flags by key id. */
export interface KeyedValuesState {
  readonly values: Float64Array;
  readonly present: Uint8Array;
}
