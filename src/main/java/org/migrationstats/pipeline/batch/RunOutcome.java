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
		ALREADY_COMPLETE(4),

		/**
		 * The request cannot be carried out as asked (no such execution, an execution
		 * that cannot be restarted); nothing was done.
		 */
		INVALID(2),

		/**
		 * Another execution of the job is running, here or in another process; nothing
		 * was done. Try again later.
		 */
		BUSY(5),

		/**
		 * A restart was refused because an input file changed since the run was prepared;
		 * nothing was done. Restore the file, or start the date over.
		 */
		INPUT_CHANGED(6);

		private final int exitCode;

		Result(int exitCode) {
			this.exitCode = exitCode;
		}

		public int exitCode() {
			return this.exitCode;
		}

	}

	/**
	 * An outcome in which no execution ran.
	 * @param result the result
	 * @param job the job's name
	 * @param runDate the run date, or {@code null}
	 * @param executionId the execution concerned, or {@code null}
	 * @param message what happened and what to do next
	 * @return the outcome
	 */
	public static RunOutcome nothingDone(Result result, String job, LocalDate runDate, Long executionId,
			String message) {
		return new RunOutcome(result, job, runDate, executionId, message, null, List.of(), List.of());
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
