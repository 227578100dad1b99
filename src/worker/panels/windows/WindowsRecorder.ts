import { planJob, type Scenario, type TraceEvent } from '../../../engine/index.ts';
import { PANES_SHOWN, STRAGGLERS_SHOWN } from '../../../protocol/panels/windows.ts';
import type { PanelRecorder } from '../types.ts';
import { Ring } from '../eventTime/Ring.ts';

type Of<T extends TraceEvent['type']> = Extract<TraceEvent, { type: T }>;

/** A pane as recorded: the trace event, its number at the operator, and whether it corrects its window. */
export interface RecordedPane {
  readonly seq: number;
  readonly event: Of<'pane'>;
  /** A later pane that changes its window's result (see PaneRow.correction); null otherwise. */
  readonly correction: { readonly previous: number } | null;
}

export interface PaneTotals {
  panes: number;
  early: number;
  onTime: number;
  late: number;
  retractions: number;
  corrections: number;
}

/** Per window operator. */
interface OperatorRecord {
  readonly panes: Ring<RecordedPane>;
  readonly totals: PaneTotals;
  /** The last non-retraction pane's value per window (instance, key, bounds); the oldest forgotten first. */
  readonly lastValue: Map<string, number>;
  readonly stragglers: Ring<Of<'late'>>;
  readonly late: { dropped: number; sideOutput: number; accepted: number };
}

/** Windows whose last value is remembered per operator (a correction needs the previous pane). */
const WINDOWS_REMEMBERED = 5000;

const TIMING_TOTAL = { EARLY: 'early', ON_TIME: 'onTime', LATE: 'late' } as const;

/**
 * What the windows panel lists that the engine does not keep: every window operator's panes (the
 * newest PANES_SHOWN, with exact totals), which of them correct an earlier pane, and the records
 * that came too late. From time 0, bounded.
 */
export class WindowsRecorder implements PanelRecorder {
  readonly types = ['pane', 'late'] as const;
  /** Instance index → its window operator's record (undefined for other components). */
  private readonly byInstance: (OperatorRecord | undefined)[];
  private readonly byComponent: (OperatorRecord | undefined)[];
  private readonly discarding: boolean[];
  private readonly componentOf: number[];

  constructor(scenario: Scenario) {
    const plan = planJob(scenario.job);
    this.byComponent = plan.components.map((c) =>
      c.spec.kind === 'window'
        ? {
            panes: new Ring<RecordedPane>(PANES_SHOWN),
            totals: { panes: 0, early: 0, onTime: 0, late: 0, retractions: 0, corrections: 0 },
            lastValue: new Map(),
            stragglers: new Ring<Of<'late'>>(STRAGGLERS_SHOWN),
            late: { dropped: 0, sideOutput: 0, accepted: 0 },
          }
        : undefined,
    );
    this.discarding = plan.components.map(
      (c) => c.spec.kind === 'window' && c.spec.accumulation === 'discarding',
    );
    this.byInstance = plan.instances.map((i) => this.byComponent[i.component]);
    this.componentOf = plan.instances.map((i) => i.component);
  }

  observe(event: TraceEvent): void {
    if (event.type === 'pane') this.pane(event);
    else if (event.type === 'late') this.late(event);
  }

  /** The window operator's record (undefined: not a window operator). */
  of(component: number): Readonly<OperatorRecord> | undefined {
    return this.byComponent[component];
  }

  private pane(event: Of<'pane'>): void {
    const op = this.byInstance[event.instance];
    if (op === undefined) return;
    const { totals } = op;
    const pane = event.pane;
    totals.panes++;
    totals[TIMING_TOTAL[pane.timing]]++;
    let correction: RecordedPane['correction'] = null;
    if (pane.retraction) totals.retractions++;
    else {
      const id = `${event.instance}\u0000${event.key}\u0000${pane.start}\u0000${pane.end}`;
      const previous = op.lastValue.get(id);
      if (previous !== undefined && this.corrects(event, previous)) {
        correction = { previous };
        totals.corrections++;
      }
      op.lastValue.delete(id);
      op.lastValue.set(id, event.value);
      if (op.lastValue.size > WINDOWS_REMEMBERED) op.lastValue.delete(op.lastValue.keys().next().value!);
    }
    op.panes.push({ seq: totals.panes, event, correction });
  }

  /**
   * Whether a pane changes what its window's earlier panes said: accumulating, its value differs
   * from the previous one; discarding, it adds something (an empty pane is 0, or NaN for min, max
   * and average).
   */
  private corrects(event: Of<'pane'>, previous: number): boolean {
    const value = event.value;
    if (this.discarding[this.componentOf[event.instance]!]) return value !== 0 && !Number.isNaN(value);
    const same = value === previous || (Number.isNaN(value) && Number.isNaN(previous));
    return !same;
  }

  private late(event: Of<'late'>): void {
    const op = this.byInstance[event.instance];
    if (op === undefined) return;
    if (event.outcome === 'accepted') {
      op.late.accepted++;
      return;
    }
    if (event.outcome === 'dropped') op.late.dropped++;
    else op.late.sideOutput++;
    op.stragglers.push(event);
  }
}
