import type { AGGREGATES } from '../../model/schema.ts';

export type Aggregate = (typeof AGGREGATES)[number];

/** An accumulator's content as plain data (checkpoints). */
export interface AccumulatorState {
  readonly count: number;
  readonly sum: number;
  readonly min: number;
  readonly max: number;
  readonly items: readonly number[] | null;
}

/**
 * What a window has accumulated: enough for every aggregate (count, sum, min, max, average) and, for
 * `list`, the values themselves. Accumulators merge (session windows) and add up (discarding panes
 * add up to the accumulating one).
 */
export class Accumulator {
  count = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;
  items: number[] | null;

  constructor(keepItems: boolean) {
    this.items = keepItems ? [] : null;
  }

  add(value: number): void {
    this.count++;
    this.sum += value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    this.items?.push(value);
  }

  merge(other: Accumulator): void {
    this.count += other.count;
    this.sum += other.sum;
    if (other.min < this.min) this.min = other.min;
    if (other.max > this.max) this.max = other.max;
    if (this.items !== null && other.items !== null) this.items.push(...other.items);
  }

  /**
   * The aggregate's value (list: the number of items; the items travel with the pane). Min, max and
   * average of nothing (an empty discarding pane) are NaN (null in JSON).
   */
  value(aggregate: Aggregate): number {
    if (this.count === 0 && (aggregate === 'min' || aggregate === 'max' || aggregate === 'average'))
      return NaN;
    switch (aggregate) {
      case 'count':
      case 'list':
        return this.count;
      case 'sum':
        return this.sum;
      case 'min':
        return this.min;
      case 'max':
        return this.max;
      case 'average':
        return this.sum / this.count;
    }
  }

  state(): AccumulatorState {
    return {
      count: this.count,
      sum: this.sum,
      min: this.min,
      max: this.max,
      items: this.items === null ? null : [...this.items],
    };
  }

  static from(state: AccumulatorState): Accumulator {
    const acc = new Accumulator(state.items !== null);
    acc.count = state.count;
    acc.sum = state.sum;
    acc.min = state.min;
    acc.max = state.max;
    if (state.items !== null) acc.items = [...state.items];
    return acc;
  }
}
