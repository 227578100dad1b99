import type { Accuracy, DiffRow, Explanation, SinkRow } from '../../engine/index.ts';
import {
  OUTPUT_MAX_CAUSES,
  OUTPUT_MAX_ROWS,
  type OutputCell,
  type OutputCounts,
  type OutputRow,
  type OutputShow,
  type OutputView,
  type RowClass,
  type UncommittedRow,
} from '../../protocol/panels/output.ts';
import type { OutputMoment } from './output.ts';
import type { PanelSource } from './types.ts';

/** The order rows are listed in: the anomalies first. */
const ORDER: Record<RowClass, number> = { missing: 0, duplicated: 1, wrong: 2, correct: 3 };

/** The output panel's view of one sink at one comparison (`moment`; null: none made yet). */
export function outputView(
  source: PanelSource,
  moment: OutputMoment | null,
  sink: string | null,
  show: OutputShow,
): OutputView {
  // Every number comes from the same comparison: the moment's, or the latest one while waiting.
  const compared = moment?.compared ?? source.compared;
  const sinks = source.scenario.job.components
    .filter((c) => c.kind.endsWith('-sink'))
    .map((c) => ({
      id: c.id,
      name: c.name ?? c.id,
      kind:
        c.kind === 'upsert-sink'
          ? ('upsert' as const)
          : c.kind === 'transactional-sink'
            ? ('transactional' as const)
            : ('append' as const),
      accuracy: counts(compared.sinks[c.id]),
    }));
  const kind = sinks.find((s) => s.id === sink)?.kind ?? 'append';
  const base = {
    sinks,
    sink,
    behind: moment === null || moment.compared !== source.compared || !source.atComparison,
    alignedBy: kind === 'upsert' ? ('key' as const) : ('key and value' as const),
    show,
  };
  if (moment === null) {
    return { ...base, time: null, totals: null, matching: 0, rows: [], causes: [], transactions: null };
  }
  const { diff, explanations, transactions } = moment.output;
  const picked = diff.rows
    .map((row, i) => ({ row, why: explanations[i] ?? null }))
    .filter(({ row }) =>
      show === 'all' ? true : show === 'anomalies' ? row.class !== 'correct' : row.class === show,
    );
  picked.sort((a, b) => ORDER[a.row.class] - ORDER[b.row.class] || timeOf(a.row) - timeOf(b.row));
  return {
    ...base,
    time: compared.time,
    totals: counts(diff.accuracy),
    matching: picked.length,
    rows: picked.slice(0, OUTPUT_MAX_ROWS).map(({ row, why }) => outputRow(row, why)),
    causes: causes(diff.rows, explanations),
    transactions:
      transactions === null
        ? null
        : {
            ...transactions.summary,
            uncommitted: transactions.pending
              .flatMap(({ txn, rows }) =>
                rows.map((r): UncommittedRow => ({
                  txn: txn.txn,
                  instance: txn.instance,
                  state: txn.state === 'pre-committed' ? 'pre-committed' : 'open',
                  checkpoint: txn.checkpoint,
                  key: r.key,
                  value: r.value,
                  event: r.id,
                  at: r.at,
                })),
              )
              .slice(0, OUTPUT_MAX_ROWS),
          },
  };
}

function counts(a: Accuracy | undefined): OutputCounts | null {
  if (a === undefined) return null;
  const { expected, actual, correct, missing, duplicated, wrong } = a;
  return { expected, actual, correct, missing, duplicated, wrong };
}

/** When the row was written (this run's write; for a missing row, the failure-free run's). */
function timeOf(r: DiffRow): number {
  return (r.actual ?? r.expected)!.at;
}

function cell(r: SinkRow | null): OutputCell | null {
  if (r === null) return null;
  return { value: r.value, event: r.id, at: r.at, ...(r.writes === undefined ? {} : { writes: r.writes }) };
}

function outputRow(row: DiffRow, why: Explanation | null): OutputRow {
  return {
    class: row.class,
    key: row.key,
    expected: cell(row.expected),
    actual: cell(row.actual),
    event: (row.actual ?? row.expected)!.id,
    why:
      why === null
        ? null
        : { cause: why.cause, text: why.text, ...(why.event === undefined ? {} : { event: why.event }) },
  };
}

/** The anomalies counted by class and cause, most first. */
function causes(
  rows: readonly DiffRow[],
  explanations: readonly (Explanation | null)[],
): OutputView['causes'] {
  const counted = new Map<string, { class: RowClass; summary: string; count: number }>();
  rows.forEach((row, i) => {
    const why = explanations[i];
    if (!why) return;
    const key = `${row.class}\n${why.summary}`;
    const entry = counted.get(key);
    if (entry) entry.count++;
    else counted.set(key, { class: row.class, summary: why.summary, count: 1 });
  });
  return [...counted.values()]
    .sort((a, b) => b.count - a.count || ORDER[a.class] - ORDER[b.class])
    .slice(0, OUTPUT_MAX_CAUSES);
}
