package org.migrationstats.pipeline.batch;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.migrationstats.pipeline.spec.JobSpec;
import org.migrationstats.pipeline.store.RunInput;
import org.migrationstats.pipeline.store.RunStore;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * One ingest partition per input file recorded by the prepare step (per sheet, for a
 * dataset naming several). On a restart Spring Batch reuses the partitions of the failed
 * execution, so completed files are not read again.
 */
class DatasetPartitioner implements Partitioner {

	static final String DATASET = "dataset";

	static final String FILE = "file";

	static final String SHEET = "sheet";

	private final RunStore runs;

	private final long runId;

	private final JobSpec spec;

	DatasetPartitioner(RunStore runs, long runId, JobSpec spec) {
		this.runs = runs;
		this.runId = runId;
		this.spec = spec;
	}

	/**
	 * One partition per file, or per sheet where a dataset names several sheets
	 * ({@code undesa#1.2} for the second sheet of the first file).
	 */
	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		List<RunInput> inputs = this.runs.inputs(this.runId);
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		Map<RunInput, String> keys = keys(inputs);
		for (RunInput input : inputs) {
			List<String> sheets = this.spec.dataset(input.datasetId()).table().sheets();
			if (sheets.size() <= 1) {
				partitions.put(keys.get(input), context(input, null));
				continue;
			}
			for (int i = 0; i < sheets.size(); i++) {
				partitions.put(keys.get(input) + "." + (i + 1), context(input, sheets.get(i)));
			}
		}
		return partitions;
	}

	private static ExecutionContext context(RunInput input, String sheet) {
		ExecutionContext context = new ExecutionContext();
		context.putString(DATASET, input.datasetId());
		context.putString(FILE, input.fileName());
		if (sheet != null) {
			context.putString(SHEET, sheet);
		}
		return context;
	}

	/**
	 * The last execution of each ingest partition of a run as it stood when a given job
	 * execution ran: later executions of the run are left out. Reads every execution of
	 * the run with its steps' contexts: for a question about all files at once.
	 * @param repository the job repository
	 * @param instance the run
	 * @param asOf the last job execution id taken into account
	 * @return the partitions' last executions up to {@code asOf}, by step name
	 */
	static Map<String, StepExecution> lastPartitions(JobRepository repository, JobInstance instance, long asOf) {
		Map<String, StepExecution> last = new TreeMap<>();
		for (JobExecution execution : repository.getJobExecutions(instance)) {
			if (execution.getId() > asOf) {
				continue;
			}
			for (StepExecution step : execution.getStepExecutions()) {
				if (step.getStepName().startsWith(PipelineBatchConfiguration.INGEST_FILE + ":")) {
					last.merge(step.getStepName(), step, (a, b) -> (a.getId() >= b.getId()) ? a : b);
				}
			}
		}
		return last;
	}

	/**
	 * @param steps step executions, of one job execution or the last of each step
	 * @param stepName the name of a file's partition step
	 * @return those of the file's partition: one, or one per sheet, by step name
	 */
	static List<StepExecution> partitionsOf(Collection<StepExecution> steps, String stepName) {
		return steps.stream()
			.filter((s) -> s.getStepName().equals(stepName) || s.getStepName().startsWith(stepName + "."))
			.sorted(Comparator.comparing(StepExecution::getStepName))
			.toList();
	}

	/**
	 * Names each file's partition by its dataset and its place among the dataset's files
	 * ({@code wb-population#1}): short enough for Spring Batch's step name column
	 * whatever the path.
	 * @param inputs the run's files, in dataset order
	 * @return the partition key of each file
	 */
	static Map<RunInput, String> keys(List<RunInput> inputs) {
		Map<RunInput, String> keys = new LinkedHashMap<>();
		Map<String, Integer> counters = new LinkedHashMap<>();
		for (RunInput input : inputs) {
			int n = counters.merge(input.datasetId(), 1, Integer::sum);
			keys.put(input, input.datasetId() + "#" + n);
		}
		return keys;
	}

	/**
	 * @param key a partition key
	 * @return the name of the worker step execution that ingests it
	 */
	static String stepName(String key) {
		return PipelineBatchConfiguration.INGEST_FILE + ":" + key;
	}

}
