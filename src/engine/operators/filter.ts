import { unitHash } from '../core/hash.ts';
import { assertNever } from '../core/assert.ts';
import type { StreamRecord } from '../model/elements.ts';
import type { OperatorSpec } from '../model/types.ts';
import { type Outcome, StatelessOperator } from './Operator.ts';

type Predicate = Extract<OperatorSpec, { kind: 'filter' }>['predicate'];

/**
 * Filter: passes the records that match and drops the rest. A dropped record finished its journey
 * early ("early out"): it was delivered by the filter, and goes no further.
 */
export class FilterOperator extends StatelessOperator {
  private readonly test: (r: StreamRecord) => boolean;

  constructor(predicate: Predicate) {
    super();
    this.test = compile(predicate);
  }

  process(record: StreamRecord): Outcome {
    return this.test(record) ? record : null;
  }
}

function compile(p: Predicate): (r: StreamRecord) => boolean {
  switch (p.op) {
    case 'min-value':
      return (r) => r.value >= p.threshold;
    case 'key-in': {
      const keys = new Set(p.keys);
      return (r) => keys.has(r.key);
    }
    case 'sample':
      return (r) => unitHash(0xf117e4, 13, r.id) < p.rate;
    default:
      return assertNever(p, 'predicate');
  }
}
