import { hashString, unitHash } from '../core/hash.ts';
import type { StreamRecord } from '../model/elements.ts';
import type { Collector } from './Operator.ts';
import { StatelessOperator } from './Operator.ts';

const FRAUD = 'fraud';
const LEGIT = 'legit';
const FRAUD_HASH = hashString(FRAUD);
const LEGIT_HASH = hashString(LEGIT);

/**
 * The book's system usage analyzer: for each transaction it reads the fraud detection result from an
 * external store. The lookup fails while the store is unavailable; the event is then processed but
 * not delivered (times processed 1, times delivered 0).
 */
export class Analyzer extends StatelessOperator {
  private readonly salt: number;

  constructor(
    private readonly store: string,
    private readonly mode: 'classify' | 'score',
    private readonly fraudRate: number,
  ) {
    super();
    this.salt = hashString(store);
  }

  process(record: StreamRecord, out: Collector): boolean {
    if (out.isStoreDown(this.store)) return false;
    // The store's answer is a fixed function of the transaction, like a real database row.
    const u = unitHash(this.salt, 14, record.id);
    if (this.mode === 'classify') {
      const fraud = u < this.fraudRate;
      out.emit(record.withKey(fraud ? FRAUD : LEGIT, fraud ? FRAUD_HASH : LEGIT_HASH, 1));
    } else {
      out.emit(record.withValue(Math.floor(u * 100)));
    }
    return true;
  }
}
