import type { ComponentCounters } from '../../protocol/messages.ts';
import { formatCount } from './format.ts';

const COLUMNS = ['received', 'processed', 'delivered', 'failed', 'lost', 'queued'] as const;

/** Every component's counters, one row per component, in job order. */
export function CountersTable({ components }: { readonly components: readonly ComponentCounters[] }) {
  return (
    <table className="counters">
      <caption>Component counters</caption>
      <thead>
        <tr>
          <th scope="col">Component</th>
          {COLUMNS.map((column) => (
            <th key={column} scope="col" className="num">
              {column[0]!.toUpperCase() + column.slice(1)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {components.map((c) => (
          <tr key={c.id} data-component={c.id}>
            <th scope="row">
              {c.name}
              <span className="kind">
                {c.kind}
                {c.parallelism > 1 ? ` × ${c.parallelism}` : ''}
              </span>
            </th>
            {COLUMNS.map((column) => (
              <td key={column} className="num">
                {formatCount(c[column])}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
