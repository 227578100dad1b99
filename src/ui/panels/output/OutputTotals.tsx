import type { OutputCounts, OutputView } from '../../../protocol/panels/output.ts';
import { formatCount } from '../../app/format.ts';
import { CLASS_MARK, ROW_CLASSES } from './classes.ts';

/** The shown sink's rows by class (its accuracy), and how many rows each side wrote. */
export function OutputTotals({
  totals,
  alignedBy,
}: {
  totals: OutputCounts;
  alignedBy: OutputView['alignedBy'];
}) {
  const rows = alignedBy === 'key' ? 'keys' : 'rows';
  return (
    <div className="output-totals">
      <ul aria-label="Totals">
        {ROW_CLASSES.map((c) => (
          <li key={c} className={`output-class output-${c}`}>
            <span aria-hidden="true" className="output-glyph">
              {CLASS_MARK[c].glyph}
            </span>{' '}
            <strong>{formatCount(totals[c])}</strong> {CLASS_MARK[c].word}
          </li>
        ))}
      </ul>
      <p className="muted">
        failure-free run: {formatCount(totals.expected)} {rows} · this run: {formatCount(totals.actual)}{' '}
        {rows} · aligned by {alignedBy}
      </p>
    </div>
  );
}

/** The anomalies counted by cause: the story of the run in a few lines. */
export function OutputCauses({ causes }: { causes: OutputView['causes'] }) {
  if (causes.length === 0) return null;
  return (
    <section aria-label="Causes" className="output-causes">
      <h3>Why</h3>
      <ul>
        {causes.map((c) => (
          <li key={`${c.class}\n${c.summary}`}>
            <span className={`output-class output-${c.class}`}>
              <span aria-hidden="true" className="output-glyph">
                {CLASS_MARK[c.class].glyph}
              </span>{' '}
              {formatCount(c.count)} {CLASS_MARK[c.class].word}
            </span>
            : {c.summary}
          </li>
        ))}
      </ul>
    </section>
  );
}
