import { hashString } from './hash.ts';

/**
 * Interns key strings as dense integers, one table per engine, so keyed state and sink tables can
 * live in arrays indexed by key instead of string-keyed maps. Ids are given in order of first use,
 * which is deterministic because runs are.
 */
export class KeyTable {
  private readonly ids = new Map<string, number>();
  /** Key string by id. */
  readonly names: string[] = [];
  /** Hash of the key string by id (for fields grouping: it depends only on the string). */
  readonly hashes: number[] = [];

  intern(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(key, id);
      this.names.push(key);
      this.hashes.push(hashString(key));
    }
    return id;
  }

  /** The id of a key already interned, without interning it. */
  lookup(key: string): number | undefined {
    return this.ids.get(key);
  }

  get size(): number {
    return this.names.length;
  }
}
