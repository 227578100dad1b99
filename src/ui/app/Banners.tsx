import { useRun } from '../../store/run.ts';
import { useRunError, useRunHandle, useRunState } from '../run/RunController.tsx';
import { IssueList } from './Problem.tsx';

/**
 * What went wrong, in words, with the way out: the engine stopped (restart it — the job is kept),
 * a failure could not be injected.
 */
export function Banners() {
  const state = useRunState();
  const { error, notice } = useRunError();
  const { actor } = useRunHandle();
  return (
    <>
      {(state === 'crashed' || state === 'restarting') && (
        <div className="banner banner-error" role="alert">
          <p>
            <strong>The engine stopped.</strong> {error} Your job is kept.
          </p>
          <button
            type="button"
            disabled={state === 'restarting'}
            onClick={() => actor.send({ type: 'RESTART' })}
          >
            Restart engine
          </button>
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

/**
 * Why the job being edited cannot run, from the engine's validator, over the top of the canvas
 * (it does not push the workspace around while someone is dragging things into place).
 */
export function JobProblems() {
  const state = useRunState();
  const { error } = useRunError();
  const issues = useRun((s) => s.issues);
  if (state !== 'invalid') return null;
  return (
    <div className="job-problems" role="status">
      <p>
        <strong>The job cannot run yet.</strong> {issues.length > 0 ? 'The engine says:' : error}
      </p>
      <IssueList issues={issues} />
    </div>
  );
}
