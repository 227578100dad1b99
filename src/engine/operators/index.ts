import { assertNever } from '../core/assert.ts';
import type { OperatorSpec, SinkSpec } from '../model/types.ts';
import { Analyzer } from './analyzer.ts';
import { Dedupe } from './dedupe.ts';
import { FilterOperator } from './filter.ts';
import { KeyedAggregate } from './keyedAggregate.ts';
import { MapOperator } from './map.ts';
import type { OperatorLogic } from './Operator.ts';
import { AppendTable, type SinkTable, UpsertTable } from './sinks.ts';

/** Creates the logic of one instance of an operator. */
export function createOperator(spec: OperatorSpec): OperatorLogic {
  switch (spec.kind) {
    case 'map':
      return new MapOperator(spec.fn);
    case 'filter':
      return new FilterOperator(spec.predicate);
    case 'count':
      return new KeyedAggregate('count', spec.keyBy);
    case 'sum':
      return new KeyedAggregate('sum', spec.keyBy);
    case 'analyzer':
      return new Analyzer(spec.store, spec.mode, spec.fraudRate);
    case 'dedupe':
      return new Dedupe();
    default:
      return assertNever(spec, 'operator kind');
  }
}

/** Creates the external table a sink component writes to. */
export function createSinkTable(spec: SinkSpec): SinkTable {
  switch (spec.kind) {
    case 'append-sink':
      return new AppendTable();
    case 'upsert-sink':
      return new UpsertTable(spec.keyBy);
    default:
      return assertNever(spec, 'sink kind');
  }
}
