/**
 * Operating the jobs: running a job for a date (run once, restart a failed date from the
 * failed step, rerun on request), the job lock across processes, stopping, abandoning and
 * recovering executions, their history as operators read it, retention of old runs, and
 * the outcome of a run with its exit code. It may use {@code batch}, {@code spec},
 * {@code report} (where a report lands) and {@code store}; the command line and the
 * scheduler use it, and {@code batch} never does.
 */
package org.migrationstats.pipeline.operate;
