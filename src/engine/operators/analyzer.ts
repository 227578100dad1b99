import { hashString, unitHash } from '../core/hash.ts';
import type { KeyTable } from '../core/KeyTable.ts';
import type { StreamRecord } from '../model/elements.ts';
import { type Collector, FAILED, type Outcome, StatelessOperator } from './Operator.ts';

/**
 * The book's system usage analyzer: for each transaction it reads the fraud detection result from an
 * external store. The lookup fails while the store is unavailable; the event is then processed but
 * not delivered (times processed 1, times delivered 0).
 */
export class Analyzer extends StatelessOperator {
  private readonly salt: number;
  private readonly fraud: number;
  private readonly legit: number;

  constructor(
    private readonly store: string,
    private readonly mode: 'classify' | 'score',
    private readonly fraudRate: number,
    private readonly keys: KeyTable,
  ) {
    super();
    this.salt = hashString(store);
    this.fraud = keys.intern('fraud');
    this.legit = keys.intern('legit');
  }

  process(record: StreamRecord, out: Collector): Outcome {
    if (out.isStoreDown(this.store)) return FAILED;
    // The store's answer is a fixed function of the transaction, like a real database row.
    const u = unitHash(this.salt, 14, record.id);
    if (this.mode === 'classify')
      return record.withKey(this.keys, u < this.fraudRate ? this.fraud : this.legit, 1);
    return record.withValue(Math.floor(u * 100));
  }
}
