package org.migrationstats.pipeline.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.migrationstats.pipeline.ingest.ByteRange;
import org.migrationstats.pipeline.ingest.DelimitedRowSource;
import org.migrationstats.pipeline.spec.DatasetSpec;
import org.migrationstats.pipeline.spec.JobSpec;
import org.migrationstats.pipeline.store.RunInput;
import org.migrationstats.pipeline.store.RunStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/**
 * The input files of a run as the prepare step recorded them, compared with the files as
 * they are now, before a restart.
 * <p>
 * A changed file whose partition completed, or a file that is gone, refuses the restart:
 * the run's figures were built from a file that no longer exists. A file read in byte
 * ranges may be mended in the ranges that did not complete, as long as the completed
 * ranges' bytes are unchanged where they were. A changed file whose partition did not
 * complete is what an operator does to mend a broken file: its new size and checksum are
 * recorded, and its reader checks on restart that the rows already committed are
 * unchanged (a SHA-256 of them is kept with the reader's position), so a mended file is
 * read on from where the failure stopped and a file changed above that point fails its
 * partition with a message.
 * <p>
 * A dataset declared differently than when the run started refuses the restart as soon as
 * rows of one of its files were taken, by a completed partition or by blocks committed
 * before a failure: those rows were read under the old declaration.
 */
@Component
public class RunInputs {

	private static final Logger log = LoggerFactory.getLogger(RunInputs.class);

	private final RunStore runs;

	public RunInputs(RunStore runs) {
		this.runs = runs;
	}

	/**
	 * Compares a run's recorded inputs with the files on disk, recording the new checksum
	 * of each mended file whose partition has not completed.
	 * @param instance the run (job instance)
	 * @param repository where the run's partitions are recorded
	 * @param spec the job file as it is now
	 * @return one line per file or dataset that refuses the restart, naming it; empty if
	 * none
	 */
	public List<String> changes(JobInstance instance, JobRepository repository, JobSpec spec) {
		List<String> refused = new ArrayList<>();
		List<RunInput> inputs = this.runs.inputs(instance.getInstanceId());
		Map<RunInput, String> keys = DatasetPartitioner.keys(inputs);
		Collection<StepExecution> partitions = DatasetPartitioner.lastPartitions(repository, instance, Long.MAX_VALUE)
			.values();
		StepExecution prepare = repository.getLastStepExecution(instance, PipelineBatchConfiguration.PREPARE_INPUTS);
		Set<String> checked = new HashSet<>();
		for (RunInput input : inputs) {
			if (prepare != null && anyIngested(partitions, keys.get(input)) && checked.add(input.datasetId())) {
				String then = prepare.getExecutionContext()
					.getString(PrepareInputsTasklet.DEFINITION + input.datasetId(), null);
				DatasetSpec now = spec.datasets()
					.stream()
					.filter((d) -> d.id().equals(input.datasetId()))
					.findFirst()
					.orElse(null);
				if (now == null) {
					refused
						.add("dataset " + input.datasetId() + ", already ingested, is no longer in " + spec.source());
				}
				else if (then != null && !then.equals(PrepareInputsTasklet.definition(now))) {
					refused.add("dataset " + input.datasetId() + ", already ingested, is declared differently in "
							+ spec.source() + " (line " + now.line() + ") than when the run started");
				}
			}
		}
		for (RunInput input : inputs) {
			Path file = Path.of(input.fileName());
			if (!Files.isRegularFile(file)) {
				refused.add(input.fileName() + " (dataset " + input.datasetId() + ") is missing");
				continue;
			}
			String now = PrepareInputsTasklet.sha256(file);
			if (input.sha256().equals(now)) {
				continue;
			}
			long size = PrepareInputsTasklet.size(file);
			if (anyCompleted(partitions, keys.get(input))
					&& !completedRangesUnchanged(partitions, keys.get(input), file)) {
				refused.add(input.fileName() + " (dataset " + input.datasetId() + ") changed after it was ingested: "
						+ describe(input, size, now));
			}
			else {
				log.info(
						"Input {} changed since the run started ({}); it was not completely ingested, so the "
								+ "restart reads the new file on, after checking the rows already taken",
						input.fileName(), describe(input, size, now));
				this.runs.updateInput(instance.getInstanceId(), input, size, now);
			}
		}
		return refused;
	}

	/**
	 * Whether rows of a file were taken under the run's first declaration: a partition
	 * completed, or committed blocks before it failed (a file that failed half-way for a
	 * number format its cells contradict holds rows read under the declaration the
	 * operator is about to change).
	 */
	private static boolean anyIngested(Collection<StepExecution> partitions, String key) {
		return DatasetPartitioner.partitionsOf(partitions, DatasetPartitioner.stepName(key))
			.stream()
			.anyMatch((p) -> p.getStatus() == BatchStatus.COMPLETED
					|| p.getExecutionContext().getLong(SourceRowReader.ROWS, 0L) > 0);
	}

	private static boolean anyCompleted(Collection<StepExecution> partitions, String key) {
		return DatasetPartitioner.partitionsOf(partitions, DatasetPartitioner.stepName(key))
			.stream()
			.anyMatch((p) -> p.getStatus() == BatchStatus.COMPLETED);
	}

	/**
	 * Whether a file read in byte ranges was changed only in ranges not completed: each
	 * completed range's bytes are where and what they were (their checksum, kept when the
	 * range was read to its end), so its rows stand and the others are read on.
	 */
	private static boolean completedRangesUnchanged(Collection<StepExecution> partitions, String key, Path file) {
		List<StepExecution> ranges = DatasetPartitioner.partitionsOf(partitions, DatasetPartitioner.stepName(key));
		for (StepExecution range : ranges) {
			ByteRange bytes = DatasetPartitioner.range(range.getExecutionContext());
			if (bytes == null) {
				return false;
			}
			if (range.getStatus() != BatchStatus.COMPLETED) {
				continue;
			}
			long then = range.getExecutionContext().getLong(SourceRowReader.RANGE_CHECKSUM, -1L);
			try {
				if (then < 0 || then != DelimitedRowSource.checksum(file, bytes.start(), bytes.end())) {
					return false;
				}
			}
			catch (IOException ex) {
				return false;
			}
		}
		log.info("Input {} changed only in byte ranges not completely ingested: the completed ranges' bytes are "
				+ "unchanged", file);
		return true;
	}

	private static String describe(RunInput input, long size, String sha256) {
		return (size != input.size()) ? input.size() + " bytes then, " + size + " now"
				: "same size, different content (SHA-256 " + abbreviate(input.sha256()) + " then, " + abbreviate(sha256)
						+ " now)";
	}

	/**
	 * Expands a dataset's path, which may be a glob, as the prepare step does.
	 * @param dataset the dataset
	 * @return the files, sorted by name
	 * @throws InputException if no file matches
	 */
	public static List<Path> files(DatasetSpec dataset) {
		return PrepareInputsTasklet.files(dataset);
	}

	private static String abbreviate(String sha256) {
		return sha256.substring(0, 12) + "\u2026";
	}

}
