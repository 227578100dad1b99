import type { z } from 'zod';
import { Engine } from '../runtime/Engine.ts';
import { parseJob } from '../model/parse.ts';
import {
  AckingSettings as AckingSettingsSchema,
  CheckpointSettings as CheckpointSettingsSchema,
  ScheduledFailure,
} from '../model/schema.ts';
import type {
  AckingSettings,
  AckMode,
  JobSpecInput,
  ScheduledFailure as Failure,
  Semantics,
} from '../model/types.ts';
import type { TraceEvent } from '../model/trace.ts';
import type { SinkRow } from '../operators/sinks.ts';

export interface TestOptions {
  seed?: number;
  runFor?: number;
  semantics?: Semantics;
  ackMode?: AckMode;
  acking?: Partial<AckingSettings>;
  checkpointing?: z.input<typeof CheckpointSettingsSchema>;
  failures?: unknown[];
  trace?: boolean;
  /** Called on every trace event, with the engine (to check its state at that very moment). */
  observe?: (event: TraceEvent, engine: Engine) => void;
  keepTrees?: number;
}

/**
 * A fluent harness around the engine for tests:
 * `TestEngine.of(job).failing(...).run().rows('sink')`.
 */
export class TestEngine {
  readonly engine: Engine;
  readonly events: TraceEvent[] = [];

  private constructor(job: unknown, options: TestOptions) {
    const failures: Failure[] = (options.failures ?? []).map((f) => ScheduledFailure.parse(f));
    this.engine = new Engine(parseJob(job), {
      seed: options.seed ?? 1,
      semantics: options.semantics ?? 'at-most-once',
      ackMode: options.ackMode ?? 'acking',
      acking: AckingSettingsSchema.parse(options.acking ?? {}),
      checkpointing: CheckpointSettingsSchema.parse(options.checkpointing ?? {}),
      keepTrees: options.keepTrees ?? 0,
      runFor: options.runFor ?? 1000,
      failures,
      ...(options.trace || options.observe
        ? {
            observer: (e: TraceEvent) => {
              if (options.trace) this.events.push(e);
              options.observe?.(e, this.engine);
            },
          }
        : {}),
    });
  }

  /** `job` is validated like a scenario's job (so tests can write plain object literals). */
  static of(job: unknown, options: TestOptions = {}): TestEngine {
    return new TestEngine(job, options);
  }

  /** Runs to completion (or until virtual time `maxTime`, so a replay storm cannot hang a test). */
  run(maxTime = 1_000_000): this {
    this.engine.runToCompletion(maxTime);
    return this;
  }

  runUntil(t: number): this {
    this.engine.runUntil(t);
    return this;
  }

  /** Runs step by step (until virtual time `maxTime`), calling `check` after every step. */
  everyStep(check: (engine: Engine) => void, maxTime = 1_000_000): this {
    check(this.engine);
    while (this.engine.step(maxTime)) check(this.engine);
    return this;
  }

  rows(sink: string): SinkRow[] {
    return this.engine.sinkRows(sink);
  }

  component(id: string) {
    const c = this.engine.snapshot().components.find((x) => x.id === id);
    if (!c) throw new Error(`no component ${id}`);
    return c;
  }
}

/** source → map → sink, the smallest job. */
export function pipeline(
  overrides: { rate?: number; cost?: number; parallelism?: number } = {},
): JobSpecInput {
  return {
    components: [
      { id: 'src', kind: 'generator-source', rate: overrides.rate ?? 100, keys: 5 },
      { id: 'op', kind: 'map', parallelism: overrides.parallelism ?? 1, cost: overrides.cost ?? 1 },
      { id: 'sink', kind: 'append-sink', cost: 0.5 },
    ],
    edges: [
      { from: 'src', to: 'op' },
      { from: 'op', to: 'sink' },
    ],
  };
}
