import { useRun } from '../../store/run.ts';
import { useRunError, useRunHandle, useRunState } from '../run/RunController.tsx';
import { describeIssues } from './documentIo.ts';

/**
 * What went wrong, in words, with the way out: the engine stopped (restart it — the job is kept),
 * the job does not validate (the engine's messages), a failure could not be injected.
 */
export function Banners() {
  const state = useRunState();
  const { error, notice } = useRunError();
  const issues = useRun((s) => s.issues);
  const { actor } = useRunHandle();
  return (
    <>
      {(state === 'crashed' || state === 'restarting') && (
        <div className="banner banner-error" role="alert">
          <p>
            <strong>The engine stopped.</strong> {error} Your job is kept.
          </p>
          <button type="button" disabled={state === 'restarting'} onClick={() => actor.send({ type: 'RESTART' })}>
            Restart engine
          </button>
        </div>
      )}
      {state === 'invalid' && (
        <div className="banner banner-warning" role="status">
          <p>
            <strong>The job cannot run yet:</strong> {issues.length > 0 ? describeIssues(issues) : error}
          </p>
        </div>
      )}
      {notice !== null && (
        <div className="banner banner-warning" role="alert">
          <p>{notice}</p>
          <button type="button" onClick={() => actor.send({ type: 'NOTICE', message: null })}>
            Dismiss
          </button>
        </div>
      )}
    </>
  );
}
