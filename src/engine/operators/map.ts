import { hashString, unitHash } from '../core/hash.ts';
import type { KeyTable } from '../core/KeyTable.ts';
import { assertNever } from '../core/assert.ts';
import type { StreamRecord } from '../model/elements.ts';
import type { OperatorSpec } from '../model/types.ts';
import { type Outcome, StatelessOperator } from './Operator.ts';

type MapFn = Extract<OperatorSpec, { kind: 'map' }>['fn'];

/** Map: one output per input, computed by a small library of pure functions. */
export class MapOperator extends StatelessOperator {
  private readonly apply: (r: StreamRecord) => StreamRecord;

  constructor(fn: MapFn, keys: KeyTable) {
    super();
    this.apply = compile(fn, keys);
  }

  process(record: StreamRecord): Outcome {
    return this.apply(record);
  }
}

function compile(fn: MapFn, keys: KeyTable): (r: StreamRecord) => StreamRecord {
  switch (fn.op) {
    case 'identity':
      return (r) => r;
    case 'scale':
      return (r) => r.withValue(r.value * fn.factor);
    case 'add':
      return (r) => r.withValue(r.value + fn.amount);
    case 'rekey': {
      const ids = Array.from({ length: Math.min(fn.keys, 65536) }, (_, k) => keys.intern(`k${k}`));
      return (r) => {
        const k = Math.floor(unitHash(0x5eed, 11, r.id) * fn.keys);
        return r.withKey(keys, k < ids.length ? ids[k]! : keys.intern(`k${k}`), r.value);
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
