import type { Accuracy } from '../engine/index.ts';
import { formatTable, type Column } from './formatTable.ts';
import type { ComponentReport, SimReport } from './report.ts';

/** The counter columns of the component table, named as in the JSON report. */
const COUNTERS = [
  'received',
  'processed',
  'delivered',
  'failed',
  'emitted',
  'lost',
  'dropped',
  'queued',
] as const satisfies readonly (keyof ComponentReport)[];

/** How many places the loss summary names before "… and N more". */
const MAX_PLACES = 6;

/** The human-readable report: what ran, the counters of every component, the sinks, accuracy, losses. */
export function formatHuman(report: SimReport): string {
  const out: string[] = [];
  out.push(`StreamLab sim: ${report.scenario}`);
  out.push(`${report.file}, ${report.semantics}, seed ${report.seed}`);
  out.push('');
  out.push(...componentTable(report));
  out.push('');
  out.push(...sinkLines(report));
  out.push('');
  out.push(`accuracy vs failure-free run: ${describeAccuracy(report.accuracy)}`);
  const end = report.done ? 'done' : 'stopped before the end';
  out.push(
    `virtual time ${report.virtualTimeMs} ms (${end}, ${report.steps} steps), trace hash ${report.traceHash}`,
  );
  out.push(...lossLines(report));
  out.push(...timeLines(report));
  out.push(...deliveryLines(report));
  return out.join('\n') + '\n';
}

/** Event time: each window's and join's watermark and late drops; each sink's panes by timing. */
function timeLines(report: SimReport): string[] {
  const out: string[] = [];
  for (const [id, c] of Object.entries(report.components)) {
    if (c.kind !== 'window' && c.kind !== 'join') continue;
    const w =
      c.watermark === null ? 'none yet' : c.watermark === 'Infinity' ? 'end of input' : `${c.watermark} ms`;
    const clock = c.streamTime !== null ? `stream time ${c.streamTime} ms` : `watermark ${w}`;
    out.push(`event time at ${id}: ${clock}, ${plural(c.lateDropped, 'late element')} dropped`);
  }
  for (const [id, rows] of Object.entries(report.sinks)) {
    const panes = rows.filter((r) => r.pane !== undefined);
    if (panes.length === 0) continue;
    const timing = { EARLY: 0, ON_TIME: 0, LATE: 0 };
    let retractions = 0;
    for (const r of panes) {
      if (r.pane!.retraction) retractions++;
      else timing[r.pane!.timing]++;
    }
    out.push(
      `panes at ${id}: ${timing.EARLY} early, ${timing.ON_TIME} on time, ${timing.LATE} late` +
        (retractions > 0 ? `, ${plural(retractions, 'retraction')}` : ''),
    );
  }
  return out;
}

/** The delivery machinery: the acker's counters, checkpoints, failovers, transactions, replays. */
function deliveryLines(report: SimReport): string[] {
  const out: string[] = [];
  const a = report.acker;
  if (a !== null) {
    out.push(
      `acker: ${plural(a.emitted, 'root')} emitted, ${a.acked} acked, ${a.failed} failed, ${a.timedOut} timed out, ` +
        `${a.replayed} replayed; pending max ${a.pendingMax}; ` +
        `complete latency p50 ${round(a.completeLatency.p50)} ms, p99 ${round(a.completeLatency.p99)} ms`,
    );
  }
  if (report.checkpoints.length > 0) {
    const completed = report.checkpoints.filter((c) => c.completedAt !== null);
    const aborted = report.checkpoints.filter((c) => c.failure !== null).length;
    const last = completed[completed.length - 1];
    const alignment = Math.max(...report.checkpoints.map((c) => c.alignmentMs));
    out.push(
      `checkpoints: ${report.checkpoints.length} triggered, ${completed.length} completed, ${aborted} aborted` +
        (last ? ` (last completed #${last.id} at ${round(last.completedAt!)} ms)` : '') +
        `; longest alignment ${round(alignment)} ms`,
    );
  }
  if (report.recoveries.length > 0) {
    out.push(`recoveries: ${report.recoveries.length}`);
    for (const r of report.recoveries.slice(0, MAX_PLACES)) {
      const outcome =
        r.restartedAt === null
          ? 'the restart strategy gave up: the job failed'
          : `${r.restoredCheckpoint === null ? 'no checkpoint yet: from the start' : `restored #${r.restoredCheckpoint}`}; back at ${round(r.restartedAt)} ms`;
      out.push(`  at ${round(r.at)} ms: ${r.reason}; ${outcome}`);
    }
    if (report.recoveries.length > MAX_PLACES)
      out.push(`  and ${report.recoveries.length - MAX_PLACES} more`);
  }
  for (const [id, t] of Object.entries(report.transactions)) {
    out.push(
      `transactions of ${id}: ${t.committedTxns} committed, ${t.abortedTxns} aborted; ` +
        `${plural(t.committedRows, 'row')} committed, ${t.uncommittedRows} uncommitted` +
        (t.expiredTxns > 0
          ? `; ${t.expiredTxns} expired by the store, ${plural(t.lostRows, 'row')} lost`
          : ''),
    );
  }
  if (report.replays.total > 0)
    out.push(`replays: ${plural(report.replays.total, 'event')} re-emitted by their source`);
  return out;
}

function round(ms: number): string {
  return String(Math.round(ms * 10) / 10);
}

/** `799/1000 correct, 201 missing, 0 duplicated, 0 wrong (score 79.9%)` */
export function describeAccuracy(a: Accuracy): string {
  return (
    `${a.correct}/${a.expected} correct, ${a.missing} missing, ${a.duplicated} duplicated, ` +
    `${a.wrong} wrong (score ${percent(a.score)})`
  );
}

function componentTable(report: SimReport): string[] {
  const columns: Column[] = [
    { header: 'component', align: 'left' },
    { header: 'kind', align: 'left' },
    { header: 'parallelism', align: 'right' },
    ...COUNTERS.map((header) => ({ header, align: 'right' as const })),
  ];
  const rows = Object.entries(report.components).map(([id, c]) => [
    id,
    c.kind,
    String(c.parallelism),
    ...COUNTERS.map((k) => String(c[k])),
  ]);
  return formatTable(columns, rows);
}

function sinkLines(report: SimReport): string[] {
  const ids = Object.keys(report.sinks);
  const several = ids.length > 1;
  return ids.map((id) => {
    const rows = report.sinks[id]!;
    const kind = report.components[id]?.kind ?? 'sink';
    const writes = rows.reduce((n, r) => n + (r.writes ?? 1), 0);
    const extra = writes !== rows.length ? ` (${writes} writes)` : '';
    const accuracy = report.accuracy.sinks[id];
    const own = several && accuracy ? `; ${describeAccuracy(accuracy)}` : '';
    return `sink ${id} (${kind}): ${plural(rows.length, 'row')}${extra}${own}`;
  });
}

function lossLines(report: SimReport): string[] {
  const { losses } = report;
  if (losses.total === 0) return ['losses: none'];
  const replayed = losses.replayed > 0 ? `, ${losses.replayed} of them replayed afterwards` : '';
  return [
    `losses: ${plural(losses.total, 'event')} lost${replayed}`,
    `  by reason: ${listCounts(losses.byReason)}`,
    `  where: ${listCounts(losses.byWhere)}`,
  ];
}

function listCounts(counts: Record<string, number | undefined>): string {
  const entries = Object.entries(counts);
  const shown = entries.slice(0, MAX_PLACES).map(([name, n]) => `${name} ${n}`);
  const rest = entries.length - MAX_PLACES;
  return shown.join(', ') + (rest > 0 ? `, and ${rest} more` : '');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** One decimal; never rounds an inexact result up to 100%. */
function percent(score: number): string {
  const p = (score * 100).toFixed(1);
  return score < 1 && p === '100.0' ? '99.9%' : `${p}%`;
}
