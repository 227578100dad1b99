import type { AccuracySummary } from '../../protocol/messages.ts';
import { formatCount } from './format.ts';

/** Sink output against the failure-free run: the honest number, measured rather than assumed. */
export function AccuracyLine({ accuracy: a }: { readonly accuracy: AccuracySummary }) {
  return (
    <p className="accuracy">
      <strong>Accuracy {(a.score * 100).toFixed(1)} %</strong> against the failure-free run:{' '}
      {formatCount(a.correct)} correct, {formatCount(a.missing)} missing, {formatCount(a.duplicated)}{' '}
      duplicated, {formatCount(a.wrong)} wrong ({formatCount(a.actual)} rows written,{' '}
      {formatCount(a.expected)} expected).
    </p>
  );
}
