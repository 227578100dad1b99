/**
 * A bounded list that keeps the newest `capacity` items (a ring buffer): recorders keep what the
 * panels draw without growing with the run. `total` counts every item ever pushed.
 */
export class Ring<T> {
  private readonly items: T[] = [];
  private head = 0;
  total = 0;

  constructor(readonly capacity: number) {}

  push(item: T): void {
    this.total++;
    if (this.items.length < this.capacity) this.items.push(item);
    else {
      this.items[this.head] = item;
      this.head = (this.head + 1) % this.capacity;
    }
  }

  get size(): number {
    return this.items.length;
  }

  /** The items kept, oldest first. */
  toArray(): T[] {
    return this.head === 0
      ? [...this.items]
      : [...this.items.slice(this.head), ...this.items.slice(0, this.head)];
  }

  /** The newest item, if any. */
  last(): T | undefined {
    if (this.items.length === 0) return undefined;
    return this.items[(this.head + this.items.length - 1) % this.items.length];
  }
}
