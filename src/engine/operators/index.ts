import { assertNever } from '../core/assert.ts';
import type { KeyTable } from '../core/KeyTable.ts';
import type { OperatorSpec, SinkSpec } from '../model/types.ts';
import { Analyzer } from './analyzer.ts';
import { BatchOperator } from './batch.ts';
import { Dedupe } from './dedupe.ts';
import { FilterOperator } from './filter.ts';
import { KeyedAggregate } from './keyedAggregate.ts';
import { StreamJoin } from './join/StreamJoin.ts';
import { TableJoin } from './join/TableJoin.ts';
import { MapOperator } from './map.ts';
import { WindowOperator } from './window/WindowOperator.ts';
import type { OperatorLogic } from './Operator.ts';
import { AppendTable, type SinkTable, UpsertTable } from './sinks.ts';
import { TransactionalTable } from './TransactionalTable.ts';

/** Creates the logic of one instance of an operator; `inputFrom`: its input components, in input order. */
export function createOperator(
  spec: OperatorSpec,
  keys: KeyTable,
  inputFrom: readonly string[],
): OperatorLogic {
  switch (spec.kind) {
    case 'map':
      return new MapOperator(spec.fn, keys);
    case 'filter':
      return new FilterOperator(spec.predicate);
    case 'count':
      return new KeyedAggregate('count', spec.keyBy, keys);
    case 'sum':
      return new KeyedAggregate('sum', spec.keyBy, keys);
    case 'analyzer':
      return new Analyzer(spec.store, spec.mode, spec.fraudRate, keys);
    case 'dedupe':
      return new Dedupe();
    case 'batch':
      return new BatchOperator(spec.size, keys);
    case 'window':
      return new WindowOperator(spec, keys);
    case 'join':
      return new StreamJoin(spec, keys, inputFrom);
    case 'table-join':
      return new TableJoin(spec, keys, inputFrom);
    default:
      return assertNever(spec, 'operator kind');
  }
}

/**
 * Creates the external table a sink component writes to. `checkpointed`: checkpoints will commit a
 * transactional sink's transactions (otherwise its writes commit at once).
 */
export function createSinkTable(spec: SinkSpec, keys: KeyTable, checkpointed: boolean): SinkTable {
  switch (spec.kind) {
    case 'append-sink':
      return new AppendTable(keys);
    case 'upsert-sink':
      return new UpsertTable(spec.keyBy, keys, spec.skipReplays);
    case 'transactional-sink':
      return new TransactionalTable(spec.parallelism, checkpointed, keys, spec.transactionTimeout);
    default:
      return assertNever(spec, 'sink kind');
  }
}
