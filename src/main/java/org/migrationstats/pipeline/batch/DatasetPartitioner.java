package org.migrationstats.pipeline.batch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.migrationstats.pipeline.store.RunInput;
import org.migrationstats.pipeline.store.RunStore;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * One ingest partition per input file recorded by the prepare step. On a restart Spring
 * Batch reuses the partitions of the failed execution, so completed files are not read
 * again.
 */
class DatasetPartitioner implements Partitioner {

	static final String DATASET = "dataset";

	static final String FILE = "file";

	private final RunStore runs;

	private final long runId;

	DatasetPartitioner(RunStore runs, long runId) {
		this.runs = runs;
		this.runId = runId;
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		List<RunInput> inputs = this.runs.inputs(this.runId);
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		Map<RunInput, String> keys = keys(inputs);
		for (RunInput input : inputs) {
			ExecutionContext context = new ExecutionContext();
			context.putString(DATASET, input.datasetId());
			context.putString(FILE, input.fileName());
			partitions.put(keys.get(input), context);
		}
		return partitions;
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
