import { hashString, unitHash } from '../core/hash.ts';
import { assertNever } from '../core/assert.ts';
import type { StreamRecord } from '../model/elements.ts';
import type { OperatorSpec } from '../model/types.ts';
import { type Collector, StatelessOperator } from './Operator.ts';

type MapFn = Extract<OperatorSpec, { kind: 'map' }>['fn'];

/** Map: one output per input, computed by a small library of pure functions. */
export class MapOperator extends StatelessOperator {
  private readonly apply: (r: StreamRecord) => StreamRecord;

  constructor(fn: MapFn) {
    super();
    this.apply = compile(fn);
  }

  process(record: StreamRecord, out: Collector): boolean {
    out.emit(this.apply(record));
    return true;
  }
}

function compile(fn: MapFn): (r: StreamRecord) => StreamRecord {
  switch (fn.op) {
    case 'identity':
      return (r) => r;
    case 'scale':
      return (r) => r.withValue(r.value * fn.factor);
    case 'add':
      return (r) => r.withValue(r.value + fn.amount);
    case 'rekey': {
      const names = Array.from({ length: Math.min(fn.keys, 65536) }, (_, k) => `k${k}`);
      const hashes = names.map(hashString);
      return (r) => {
        const k = Math.floor(unitHash(0x5eed, 11, r.id) * fn.keys);
        const name = k < names.length ? names[k]! : `k${k}`;
        return r.withKey(name, k < hashes.length ? hashes[k]! : hashString(name), r.value);
      };
    }
    case 'score': {
      const salt = hashString(fn.salt);
      return (r) => r.withValue(Math.floor(unitHash(salt, 12, r.id) * 100));
    }
    default:
      return assertNever(fn, 'map function');
  }
}
