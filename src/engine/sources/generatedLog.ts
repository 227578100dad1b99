import { mix2 } from '../core/hash.ts';
import type { KeyTable } from '../core/KeyTable.ts';
import { StreamRecord } from '../model/elements.ts';
import type { PartitionLog } from './PartitionLog.ts';

/** What generated records look like (see the generator-source and log-source specs). */
export interface GeneratorParams {
  readonly seed: number;
  readonly sourceIndex: number;
  readonly sourceCount: number;
  readonly partitions: number;
  /** Records available at time 0. */
  readonly prefill: number;
  /** Records appended per second after that (0: none). */
  readonly rate: number;
  /** Records are appended strictly before this time. */
  readonly stopAt: number;
  /** At most this many records in total. */
  readonly count: number;
  readonly keys: number;
  readonly distribution: 'uniform' | 'skewed';
  readonly skew: number;
  readonly valueMin: number;
  readonly valueMax: number;
  readonly disorder: number;
}

/**
 * A generated log. Nothing is stored: record n (over all partitions, round-robin) is a pure
 * function of (seed, source, n), so a rewind re-reads identical records and a failure-free
 * reference run sees exactly the same input.
 */
export class GeneratedLog {
  private readonly keyNames: string[];
  private readonly keyIds: Int32Array;
  /** Salts of the hashes that draw keys, values and disorder (one stream each). */
  private readonly keySalt: number;
  private readonly valueSalt: number;
  private readonly lagSalt: number;
  /** The record-id stride: ids interleave the job's sources. */
  private readonly idStride: number;
  private readonly idOffset: number;
  private readonly cdf: Float64Array | null;
  private readonly interval: number;
  private readonly total: number;

  constructor(
    private readonly p: GeneratorParams,
    keys: KeyTable,
  ) {
    this.keyNames = [];
    this.keyIds = new Int32Array(p.keys);
    for (let k = 0; k < p.keys; k++) {
      const id = keys.intern(`k${k}`);
      this.keyIds[k] = id;
      this.keyNames.push(keys.names[id]!);
    }
    const stream = p.sourceIndex * 8;
    this.keySalt = mix2(p.seed, stream);
    this.valueSalt = mix2(p.seed, stream + 1);
    this.lagSalt = mix2(p.seed, stream + 2);
    this.idStride = p.sourceCount;
    this.idOffset = p.sourceIndex;
    this.cdf = p.distribution === 'skewed' ? zipfCdf(p.keys, p.skew) : null;
    this.interval = p.rate > 0 ? 1000 / p.rate : Infinity;
    const appended = p.rate > 0 ? Math.max(0, Math.ceil(p.stopAt / this.interval)) : 0;
    this.total = Math.min(p.count, p.prefill + appended);
  }

  /** Arrival time of sequence number n, or Infinity past the end. */
  timeOf(n: number): number {
    if (n >= this.total) return Infinity;
    if (n < this.p.prefill) return 0;
    const t = (n - this.p.prefill) * this.interval;
    return t < this.p.stopAt ? t : Infinity;
  }

  record(n: number): StreamRecord {
    const p = this.p;
    const u = mix2(this.keySalt, n) / 4294967296;
    const k = this.cdf ? searchCdf(this.cdf, u) : Math.floor(u * p.keys);
    const span = p.valueMax - p.valueMin + 1;
    const value =
      span === 1 ? p.valueMin : p.valueMin + Math.floor((mix2(this.valueSalt, n) / 4294967296) * span);
    const at = this.timeOf(n);
    const lag = p.disorder > 0 ? Math.floor((mix2(this.lagSalt, n) / 4294967296) * (p.disorder + 1)) : 0;
    return new StreamRecord(
      n * this.idStride + this.idOffset, // = recordId(n, sourceIndex, sourceCount)
      this.keyNames[k]!,
      this.keyIds[k]!,
      value,
      Math.floor(at) - lag,
      at,
    );
  }

  /** Partition p of this log: every `partitions`-th record, starting at record p. */
  partition(p: number): PartitionLog {
    return new GeneratedPartition(this, p, this.p.partitions, this.total);
  }
}

class GeneratedPartition implements PartitionLog {
  constructor(
    private readonly log: GeneratedLog,
    private readonly p: number,
    private readonly parts: number,
    private readonly total: number,
  ) {}

  availableAt(offset: number): number {
    return this.log.timeOf(offset * this.parts + this.p);
  }

  read(offset: number): StreamRecord {
    return this.log.record(offset * this.parts + this.p);
  }

  endOffsetAt(t: number): number {
    // Count offsets o with timeOf(o × parts + p) ≤ t; timeOf is non-decreasing in n.
    let lo = 0;
    let hi = Math.ceil(this.total / this.parts) + 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.log.timeOf(mid * this.parts + this.p) <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function zipfCdf(n: number, s: number): Float64Array {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let k = 0; k < n; k++) {
    sum += 1 / Math.pow(k + 1, s);
    cdf[k] = sum;
  }
  for (let k = 0; k < n; k++) cdf[k]! /= sum;
  return cdf;
}

function searchCdf(cdf: Float64Array, u: number): number {
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cdf[mid]! > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
