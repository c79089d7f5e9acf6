package org.migrationstats.pipeline.batch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.migrationstats.pipeline.ingest.NumberFormatCheck;
import org.migrationstats.pipeline.store.FileCountStore;
import org.migrationstats.pipeline.store.RowCounts;
import org.migrationstats.pipeline.store.RunInput;
import org.migrationstats.pipeline.store.RunStore;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/**
 * What the ingest partitions of a run did, file by file, over all its executions: a file
 * ingested before a restart counts with the execution that ingested it. The counts come
 * from the pipeline's own table, written with the blocks they count, in one query
 * whatever the number of files; a file's status from the partitions of the execution
 * asked about, or, for a file it did not read, from whether an earlier one read it to its
 * end.
 */
@Component
public class IngestCounts {

	private final JobRepository jobRepository;

	private final RunStore runs;

	private final FileCountStore counts;

	public IngestCounts(JobRepository jobRepository, RunStore runs, FileCountStore counts) {
		this.jobRepository = jobRepository;
		this.runs = runs;
		this.counts = counts;
	}

	/**
	 * @param execution an execution of the run
	 * @return the counts per input file, in dataset order, as they stood when that
	 * execution ended: what later executions of the run did is left out, so that an
	 * earlier, failed execution is not shown with its restart's work
	 */
	public List<FileCounts> collect(JobExecution execution) {
		long runId = execution.getJobInstance().getInstanceId();
		List<RunInput> inputs = this.runs.inputs(runId);
		Map<String, List<FileCountStore.TableCounts>> tables = byFile(this.counts.asOf(runId, execution.getId()));
		Map<String, Long> rejectedWhileComputing = this.counts.rowsRejectedOnlyWhileComputing(runId);
		Map<String, List<String>> yearsNotSummed = this.counts.yearsNotSummed(runId);
		Map<RunInput, String> keys = DatasetPartitioner.keys(inputs);
		Map<String, StepExecution> earlier = null;
		List<FileCounts> files = new ArrayList<>();
		for (RunInput input : inputs) {
			String file = key(input.datasetId(), input.fileName());
			String stepName = DatasetPartitioner.stepName(keys.get(input));
			List<FileCountStore.TableCounts> counted = tables.getOrDefault(file, List.of());
			List<StepExecution> partitions = DatasetPartitioner.partitionsOf(execution.getStepExecutions(), stepName);
			if (partitions.isEmpty() && !readToItsEnd(counted)) {
				// neither read by this execution nor to its end before it, or
				// ingested by a version that kept no counts: as the job
				// repository has it
				if (earlier == null) {
					earlier = DatasetPartitioner.lastPartitions(this.jobRepository, execution.getJobInstance(),
							execution.getId());
				}
				partitions = DatasetPartitioner.partitionsOf(earlier.values(), stepName);
			}
			// the file's status: its failed sheet if one failed, else its last;
			// a file read to its end before this execution, and not read again,
			// is complete
			StepExecution step = partitions.stream()
				.filter((p) -> p.getStatus() != BatchStatus.COMPLETED)
				.findFirst()
				.orElse(partitions.isEmpty() ? null : partitions.get(partitions.size() - 1));
			BatchStatus status = (step != null) ? step.getStatus()
					: readToItsEnd(counted) ? BatchStatus.COMPLETED : BatchStatus.UNKNOWN;
			RowCounts sum = sum(counted);
			NumberFormatCheck.Finding numberFormat = null;
			for (FileCountStore.TableCounts table : counted) {
				if (table.numberFormat() != null) {
					numberFormat = NumberFormatCheck.Finding.combine(numberFormat,
							NumberFormatCheck.Finding.valueOf(table.numberFormat()));
				}
			}
			files.add(new FileCounts(input.datasetId(), input.fileName(), sum.rowsRead(), sum.rowsWritten(),
					sum.rowsRejected() + rejectedWhileComputing.getOrDefault(file, 0L), sum.rowsRejectedWhole(),
					sum.aggregateRows(), sum.otherFilteredRows(), sum.missingNotAvailable(), sum.missingConfidential(),
					yearsNotSummed.getOrDefault(file, List.of()), status, (step != null) ? failure(step) : "",
					numberFormat));
		}
		return files;
	}

	/**
	 * What ingest counted of each file of a run, over all its executions so far, for the
	 * reject limits: rows rejected while computing are not counted.
	 * @param runId the run
	 * @return per file blocks were taken of, in dataset order: its counts, its sheets'
	 * together
	 */
	public List<Ingested> ingested(long runId) {
		Map<String, List<FileCountStore.TableCounts>> tables = byFile(this.counts.totals(runId));
		List<Ingested> files = new ArrayList<>();
		for (RunInput input : this.runs.inputs(runId)) {
			List<FileCountStore.TableCounts> counted = tables.get(key(input.datasetId(), input.fileName()));
			if (counted != null) {
				files.add(new Ingested(input.datasetId(), input.fileName(), sum(counted),
						counted.stream().anyMatch(FileCountStore.TableCounts::range)));
			}
		}
		return files;
	}

	private static boolean readToItsEnd(List<FileCountStore.TableCounts> tables) {
		return !tables.isEmpty() && tables.stream().allMatch(FileCountStore.TableCounts::ended);
	}

	private static RowCounts sum(List<FileCountStore.TableCounts> tables) {
		return tables.stream().map(FileCountStore.TableCounts::counts).reduce(RowCounts.NONE, RowCounts::plus);
	}

	private static Map<String, List<FileCountStore.TableCounts>> byFile(List<FileCountStore.TableCounts> tables) {
		Map<String, List<FileCountStore.TableCounts>> files = new LinkedHashMap<>();
		for (FileCountStore.TableCounts table : tables) {
			files.computeIfAbsent(key(table.datasetId(), table.fileName()), (k) -> new ArrayList<>()).add(table);
		}
		return files;
	}

	private static String key(String datasetId, String fileName) {
		return datasetId + ":" + fileName;
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
	 * What ingest counted of one file.
	 *
	 * @param datasetId the dataset
	 * @param fileName the file
	 * @param counts its counts, its sheets' or byte ranges' together
	 * @param inRanges whether it was read in byte ranges, whose partitions do not check
	 * its limit
	 */
	public record Ingested(String datasetId, String fileName, RowCounts counts, boolean inRanges) {
	}

	/**
	 * One file's ingest.
	 *
	 * @param datasetId the dataset
	 * @param fileName the file
	 * @param rowsRead data rows read and committed
	 * @param rowsWritten rows that gave observations
	 * @param rowsRejected rows with at least one rejected cell, or rejected whole, while
	 * ingesting or computing (a second value for a country, year and measure)
	 * @param rowsRejectedWhole of those, the rows rejected whole: none of their values is
	 * used (a step's skip count)
	 * @param aggregateRows rows about aggregates, filtered
	 * @param otherFilteredRows rows filtered for another reason: of series the dataset
	 * does not map, left out by its filters, section headings
	 * @param missingNotAvailable value cells of an agency's file without a value, as it
	 * is not available (Eurostat's {@code :})
	 * @param missingConfidential value cells without a value, as it is confidential
	 * (Eurostat's {@code : c})
	 * @param yearsNotSummed the years whose months or quarters were not summed, as some
	 * are missing ({@code AUT 2022 emigrants: 3 of 4 quarters, missing 2022-Q4})
	 * @param status the status of its partition
	 * @param failure the partition's failure message, empty if none
	 * @param numberFormat what its value cells showed about the decimal separator (of
	 * several sheets, all together), or {@code null} if none was mapped
	 */
	public record FileCounts(String datasetId, String fileName, long rowsRead, long rowsWritten, long rowsRejected,
			long rowsRejectedWhole, long aggregateRows, long otherFilteredRows, long missingNotAvailable,
			long missingConfidential, List<String> yearsNotSummed, BatchStatus status, String failure,
			NumberFormatCheck.Finding numberFormat) {

		/**
		 * @return every row filtered, as the step's filter count has them
		 */
		public long filteredRows() {
			return this.aggregateRows + this.otherFilteredRows;
		}

	}

}
