import { ErrorCode, type Issue } from '../core/errors.ts';
import { roleOf, type JobSpec } from '../model/types.ts';
import { validateTime } from './validateTime.ts';

/**
 * Graph-level validation of a job whose shape is already valid. Each kind of problem has its own
 * error code, and each issue names the component or edge to mark in the editor. Returns every
 * issue found (empty when the job can run).
 */
export function validateGraph(job: JobSpec): Issue[] {
  const issues: Issue[] = [];
  const index = new Map<string, number>();

  job.components.forEach((c, i) => {
    if (index.has(c.id)) {
      issues.push({
        code: ErrorCode.DuplicateId,
        path: `components[${i}].id`,
        message: `id "${c.id}" is already used by components[${index.get(c.id)}]`,
        hint: 'give every component its own id',
        componentId: c.id,
      });
    } else index.set(c.id, i);
    if (c.kind === 'records-source') {
      c.records.forEach((r, j) => {
        if ('partition' in r && r.partition !== undefined && r.partition >= c.partitions) {
          issues.push({
            code: ErrorCode.InvalidValue,
            path: `components[${i}].records[${j}].partition`,
            message: `partition ${r.partition} does not exist (the log has ${c.partitions})`,
            hint: `use a partition 0..${c.partitions - 1} or raise "partitions"`,
            componentId: c.id,
          });
        }
      });
    }
  });

  const inputs = new Map<string, number>();
  const outputs = new Map<string, number>();
  const seenEdges = new Map<string, number>();
  const adjacency = new Map<string, string[]>();

  job.edges.forEach((e, i) => {
    let dangling = false;
    for (const end of ['from', 'to'] as const) {
      if (!index.has(e[end])) {
        dangling = true;
        issues.push({
          code: ErrorCode.DanglingEdge,
          path: `edges[${i}].${end}`,
          message: `no component has id "${e[end]}"`,
          hint: `connect the edge to an existing component (${[...index.keys()].join(', ')})`,
          edgeIndex: i,
        });
      }
    }
    if (dangling) return;
    if (e.from === e.to) {
      issues.push({
        code: ErrorCode.Cycle,
        path: `edges[${i}]`,
        message: `edge connects "${e.from}" to itself`,
        hint: 'stream jobs must be acyclic: remove this edge',
        edgeIndex: i,
        componentId: e.from,
      });
      return;
    }
    const pair = `${e.from}\u0000${e.to}`;
    if (seenEdges.has(pair)) {
      issues.push({
        code: ErrorCode.DuplicateEdge,
        path: `edges[${i}]`,
        message: `"${e.from}" → "${e.to}" is already connected by edges[${seenEdges.get(pair)}]`,
        hint: 'remove the duplicate edge',
        edgeIndex: i,
      });
      return;
    }
    seenEdges.set(pair, i);
    const fromKind = job.components[index.get(e.from)!]!.kind;
    const toKind = job.components[index.get(e.to)!]!.kind;
    if (roleOf(toKind) === 'source') {
      issues.push({
        code: ErrorCode.WrongInputs,
        path: `edges[${i}].to`,
        message: `"${e.to}" is a source (${toKind}) and cannot receive events`,
        hint: 'sources read from their own log; point the edge at an operator or a sink',
        edgeIndex: i,
        componentId: e.to,
      });
    }
    if (roleOf(fromKind) === 'sink') {
      issues.push({
        code: ErrorCode.WrongInputs,
        path: `edges[${i}].from`,
        message: `"${e.from}" is a sink (${fromKind}) and cannot send events`,
        hint: 'a sink is the end of a job; start the edge at a source or an operator',
        edgeIndex: i,
        componentId: e.from,
      });
    }
    inputs.set(e.to, (inputs.get(e.to) ?? 0) + 1);
    outputs.set(e.from, (outputs.get(e.from) ?? 0) + 1);
    adjacency.set(e.from, [...(adjacency.get(e.from) ?? []), e.to]);
  });

  let sources = 0;
  let sinks = 0;
  job.components.forEach((c, i) => {
    const role = roleOf(c.kind);
    const nIn = inputs.get(c.id) ?? 0;
    const nOut = outputs.get(c.id) ?? 0;
    if (role === 'source') {
      sources++;
      if (nOut === 0) {
        issues.push({
          code: ErrorCode.WrongInputs,
          path: `components[${i}]`,
          message: `source "${c.id}" has no outgoing edge`,
          hint: 'connect it to an operator or a sink',
          componentId: c.id,
        });
      }
    } else if (nIn === 0) {
      issues.push({
        code: ErrorCode.WrongInputs,
        path: `components[${i}]`,
        message: `${role} "${c.id}" (${c.kind}) has no input`,
        hint: 'connect an edge from a source or an operator to it',
        componentId: c.id,
      });
    }
    if (role === 'sink') sinks++;
    if (role === 'operator' && nOut === 0) {
      issues.push({
        code: ErrorCode.WrongInputs,
        path: `components[${i}]`,
        message: `operator "${c.id}" (${c.kind}) has no outgoing edge, so its results go nowhere`,
        hint: 'connect it to a sink or to another operator',
        componentId: c.id,
      });
    }
  });
  if (sources === 0) {
    issues.push({
      code: ErrorCode.NoSource,
      path: 'components',
      message: 'the job has no source',
      hint: 'add a generator-source, log-source or records-source',
    });
  }
  if (sinks === 0) {
    issues.push({
      code: ErrorCode.NoSink,
      path: 'components',
      message: 'the job has no sink, so nothing it computes is kept',
      hint: 'add an append-sink or upsert-sink and connect it',
    });
  }

  const cycle = findCycle([...index.keys()], adjacency);
  // Event-time checks walk the graph: only on a sound one.
  if (!cycle && issues.length === 0) issues.push(...validateTime(job));
  if (cycle) {
    const first = job.edges.findIndex((e) => e.from === cycle[0] && e.to === cycle[1]);
    issues.push({
      code: ErrorCode.Cycle,
      path: first >= 0 ? `edges[${first}]` : 'edges',
      message: `cycle ${cycle.join(' → ')}`,
      hint: 'stream jobs must be acyclic: remove one edge of the cycle',
      componentId: cycle[0],
      ...(first >= 0 ? { edgeIndex: first } : {}),
    });
  }
  return issues;
}

/** Returns one cycle as a closed path [a, b, …, a], or undefined. Iterative DFS, deterministic order. */
export function findCycle(nodes: readonly string[], adjacency: ReadonlyMap<string, readonly string[]>) {
  const state = new Map<string, 1 | 2>(); // 1 = on the stack, 2 = done
  for (const start of nodes) {
    if (state.has(start)) continue;
    const stack: { node: string; next: number }[] = [{ node: start, next: 0 }];
    state.set(start, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const succ = adjacency.get(top.node) ?? [];
      if (top.next < succ.length) {
        const n = succ[top.next++]!;
        const s = state.get(n);
        if (s === 1) {
          const path = stack.map((f) => f.node);
          return [...path.slice(path.indexOf(n)), n];
        }
        if (s === undefined) {
          state.set(n, 1);
          stack.push({ node: n, next: 0 });
        }
      } else {
        state.set(top.node, 2);
        stack.pop();
      }
    }
  }
  return undefined;
}
