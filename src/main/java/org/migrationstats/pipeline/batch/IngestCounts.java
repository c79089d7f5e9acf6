package org.migrationstats.pipeline.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.migrationstats.pipeline.ingest.NumberFormatCheck;
import org.migrationstats.pipeline.store.RunInput;
import org.migrationstats.pipeline.store.RunStore;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the ingest partitions of a run did, file by file, over all its executions: a file
 * ingested before a restart counts with the execution that ingested it.
 */
@Component
public class IngestCounts {

	private final JobRepository jobRepository;

	private final RunStore runs;

	private final JdbcTemplate jdbc;

	public IngestCounts(JobRepository jobRepository, RunStore runs, JdbcTemplate jdbc) {
		this.jobRepository = jobRepository;
		this.runs = runs;
		this.jdbc = jdbc;
	}

	/**
	 * @param execution an execution of the run
	 * @return the counts per input file, in dataset order, as they stood when that
	 * execution ended: what later executions of the run did is left out, so that an
	 * earlier, failed execution is not shown with its restart's work
	 */
	public List<FileCounts> collect(JobExecution execution) {
		JobInstance instance = execution.getJobInstance();
		long runId = instance.getInstanceId();
		List<RunInput> inputs = this.runs.inputs(runId);
		Map<RunInput, String> keys = DatasetPartitioner.keys(inputs);
		List<FileCounts> counts = new ArrayList<>();
		for (RunInput input : inputs) {
			List<StepExecution> partitions = DatasetPartitioner.lastPartitions(this.jobRepository, instance,
					keys.get(input), execution.getId());
			long rowsRead = partitions.stream()
				.mapToLong((p) -> p.getExecutionContext().getLong(SourceRowReader.ROWS, 0L))
				.sum();
			NumberFormatCheck.Finding numberFormat = null;
			for (StepExecution partition : partitions) {
				String saved = partition.getExecutionContext().getString(TableMapping.NUMBER_FORMAT, null);
				if (saved != null) {
					numberFormat = NumberFormatCheck.Finding.combine(numberFormat,
							NumberFormatCheck.Finding.valueOf(saved));
				}
			}
			// the file's status: its failed sheet if one failed, else its last
			StepExecution step = partitions.stream()
				.filter((p) -> p.getStatus() != BatchStatus.COMPLETED)
				.findFirst()
				.orElse(partitions.isEmpty() ? null : partitions.get(partitions.size() - 1));
			// a row rejected while ingesting, whole or a value of it, or found to repeat
			// a
			// country, year and measure of its dataset while computing; and of those, the
			// rows rejected whole
			long[] rejectedRows = this.jdbc.queryForObject(
					"SELECT COUNT(DISTINCT SOURCE_ROW), COUNT(DISTINCT CASE WHEN WHOLE_ROW THEN SOURCE_ROW END) "
							+ "FROM MIG_REJECTION WHERE RUN_ID = ? AND DATASET_ID = ? AND FILE_NAME = ?",
					(rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) }, runId, input.datasetId(), input.fileName());
			Long aggregateRows = this.jdbc.queryForObject(
					"SELECT COUNT(*) FROM MIG_AGGREGATE_ROW WHERE RUN_ID = ? " + "AND DATASET_ID = ? AND FILE_NAME = ?",
					Long.class, runId, input.datasetId(), input.fileName());
			Long otherFilteredRows = this.jdbc.queryForObject(
					"SELECT COALESCE(SUM(ROW_COUNT), 0) FROM MIG_FILTERED_ROW WHERE RUN_ID = ? AND DATASET_ID = ? "
							+ "AND FILE_NAME = ?",
					Long.class, runId, input.datasetId(), input.fileName());
			counts.add(new FileCounts(input.datasetId(), input.fileName(), rowsRead, rejectedRows[0], rejectedRows[1],
					(aggregateRows != null) ? aggregateRows : 0, (otherFilteredRows != null) ? otherFilteredRows : 0,
					(step != null) ? step.getStatus() : BatchStatus.UNKNOWN, (step != null) ? failure(step) : "",
					numberFormat));
		}
		return counts;
	}

	/**
	 * Rows written per input file, summed over every execution of the run: a partition
	 * that failed and was restarted wrote some chunks in each.
	 * @param execution any execution of the run
	 * @return rows written, keyed by dataset id and file name joined with a colon
	 */
	public Map<String, Long> rowsWritten(JobExecution execution) {
		JobInstance instance = execution.getJobInstance();
		List<RunInput> inputs = this.runs.inputs(instance.getInstanceId());
		Map<RunInput, String> keys = DatasetPartitioner.keys(inputs);
		Map<String, Long> written = new java.util.LinkedHashMap<>();
		List<JobExecution> executions = this.jobRepository.getJobExecutions(instance);
		for (RunInput input : inputs) {
			String stepName = DatasetPartitioner.stepName(keys.get(input));
			long rows = 0;
			for (JobExecution each : executions) {
				for (StepExecution step : each.getStepExecutions()) {
					if (step.getStepName().equals(stepName) || step.getStepName().startsWith(stepName + ".")) {
						rows += step.getWriteCount();
					}
				}
			}
			written.put(input.datasetId() + ":" + input.fileName(), rows);
		}
		return written;
	}

	/**
	 * What an operator needs to read of a partition's failure: the message of the
	 * pipeline's own exception, not the stack trace Spring Batch keeps in the exit
	 * description.
	 */
	private static String failure(StepExecution step) {
		if (!step.getFailureExceptions().isEmpty()) {
			return Failures.describe(step.getFailureExceptions().get(0));
		}
		String description = step.getExitStatus().getExitDescription();
		return (description == null || description.isBlank()) ? "" : Failures.messageOf(description);
	}

	/**
	 * One file's ingest.
	 *
	 * @param datasetId the dataset
	 * @param fileName the file
	 * @param rowsRead data rows read and committed
	 * @param rowsRejected rows with at least one rejected cell, or rejected whole
	 * @param rowsRejectedWhole of those, the rows rejected whole: none of their values is
	 * used (a step's skip count)
	 * @param aggregateRows rows about aggregates, filtered
	 * @param otherFilteredRows rows filtered for another reason: of series the dataset
	 * does not map, left out by its filters, section headings
	 * @param status the status of its partition
	 * @param failure the partition's failure message, empty if none
	 * @param numberFormat what its value cells showed about the decimal separator (of
	 * several sheets, all together), or {@code null} if none was mapped
	 */
	public record FileCounts(String datasetId, String fileName, long rowsRead, long rowsRejected,
			long rowsRejectedWhole, long aggregateRows, long otherFilteredRows, BatchStatus status, String failure,
			NumberFormatCheck.Finding numberFormat) {

		/**
		 * @return every row filtered, as the step's filter count has them
		 */
		public long filteredRows() {
			return this.aggregateRows + this.otherFilteredRows;
		}

	}

}
