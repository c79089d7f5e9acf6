package org.migrationstats.pipeline.batch;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/**
 * How a request to run a job for a date ended, with what the operator needs to know.
 *
 * @param result the result, which the command line maps to its exit code
 * @param job the job's name
 * @param runDate the run date
 * @param executionId the job execution, or {@code null} when none was started
 * @param message one line saying what happened and what to do next
 * @param report the published report folder, or {@code null}
 * @param steps the steps of the execution, in order
 * @param files what each input file gave
 */
public record RunOutcome(Result result, String job, LocalDate runDate, Long executionId, String message, String report,
		List<StepLine> steps, List<IngestCounts.FileCounts> files) {

	/** The results a scheduler can tell apart by exit code. */
	public enum Result {

		/** Every step completed and nothing was rejected. */
		SUCCESS(0),

		/** A step failed; the run can be restarted. */
		FAILED(1),

		/** Every step completed, but some rows or cells were rejected. */
		COMPLETED_WITH_REJECTS(3),

		/** The date had already been run to completion; nothing was done. */
		ALREADY_COMPLETE(4);

		private final int exitCode;

		Result(int exitCode) {
			this.exitCode = exitCode;
		}

		public int exitCode() {
			return this.exitCode;
		}

	}

	/**
	 * One step of an execution.
	 *
	 * @param name the step's name
	 * @param status its status
	 * @param read items read
	 * @param written items written
	 * @param filtered items filtered
	 * @param skipped items skipped
	 * @param duration how long it ran
	 * @param failure the failure message, empty if none
	 */
	public record StepLine(String name, String status, long read, long written, long filtered, long skipped,
			Duration duration, String failure) {
	}

}
