import type { SourceSpec, WatermarkStrategy } from '../model/types.ts';
import { hasWatermarkEntries } from '../sources/recordsLog.ts';

/**
 * A source's watermark strategy: as configured; otherwise punctuated for a timeline with explicit
 * watermarks, and none for everything else.
 */
export function watermarkStrategy(spec: SourceSpec): WatermarkStrategy {
  if (spec.watermarks !== undefined) return spec.watermarks;
  if (spec.kind === 'records-source' && hasWatermarkEntries(spec.records))
    return { strategy: 'punctuated', interval: 200 };
  return { strategy: 'none' };
}
