package org.migrationstats.pipeline.operate;

import org.migrationstats.pipeline.batch.IngestCounts;

import org.springframework.batch.core.BatchStatus;

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
		List<StepLine> steps, List<FileLine> files) {

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

	/**
	 * What one input file gave, over the executions of the run up to this one.
	 *
	 * @param datasetId the dataset
	 * @param fileName the file
	 * @param rowsRead data rows read and committed
	 * @param rowsRejected rows with at least one rejected value, or rejected whole
	 * @param rowsRejectedWhole of those, the rows none of whose values is used
	 * @param aggregateRows rows about aggregates, set aside
	 * @param filteredRows rows filtered: the aggregate rows and those of series the
	 * dataset does not map, left out by its filters, or section headings
	 * @param missingNotAvailable value cells of an agency's file that hold no value as it
	 * is not available (Eurostat's {@code :}, SDMX's empty {@code OBS_VALUE})
	 * @param missingConfidential value cells that hold no value as it is confidential
	 * (Eurostat's {@code : c})
	 * @param yearsNotSummed the years whose months or quarters were not summed as some
	 * are missing, with the ones missing ({@code AUT 2022 emigrants: 3 of 4 quarters,
	 * missing 2022-Q4})
	 * @param status the status of its partition, empty when no execution read it yet
	 * @param failure the partition's failure message, empty if none
	 */
	public record FileLine(String datasetId, String fileName, long rowsRead, long rowsRejected, long rowsRejectedWhole,
			long aggregateRows, long filteredRows, long missingNotAvailable, long missingConfidential,
			List<String> yearsNotSummed, String status, String failure) {

		static FileLine of(IngestCounts.FileCounts counts) {
			return new FileLine(counts.datasetId(), counts.fileName(), counts.rowsRead(), counts.rowsRejected(),
					counts.rowsRejectedWhole(), counts.aggregateRows(), counts.filteredRows(),
					counts.missingNotAvailable(), counts.missingConfidential(), List.copyOf(counts.yearsNotSummed()),
					(counts.status() == BatchStatus.UNKNOWN) ? "" : counts.status().name(), counts.failure());
		}

		/**
		 * @return the value cells without a value, by reason, as a file summary says them
		 * ({@code 12 missing (:), 3 confidential (: c)}), empty when there are none
		 */
		public String valuesNotGiven() {
			return valuesNotGiven(this.missingNotAvailable, this.missingConfidential);
		}

		/**
		 * @param notAvailable value cells without a value, not available
		 * @param confidential value cells without a value, confidential
		 * @return both counts as a file summary says them ({@code 12 missing (:), 3
		 * confidential (: c)}), the reasons with none left out; empty when both are none
		 */
		public static String valuesNotGiven(long notAvailable, long confidential) {
			StringBuilder text = new StringBuilder();
			if (notAvailable != 0) {
				text.append(String.format("%,d missing (:)", notAvailable));
			}
			if (confidential != 0) {
				text.append(text.isEmpty() ? "" : ", ").append(String.format("%,d confidential (: c)", confidential));
			}
			return text.toString();
		}

		/**
		 * @return whether an execution of the run up to this one read the file
		 */
		public boolean read() {
			return !this.status.isEmpty();
		}

	}

}
