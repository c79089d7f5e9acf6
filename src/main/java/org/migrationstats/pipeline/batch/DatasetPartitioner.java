package org.migrationstats.pipeline.batch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.migrationstats.pipeline.ingest.ByteRange;
import org.migrationstats.pipeline.ingest.ByteRanges;
import org.migrationstats.pipeline.ingest.excel.TableFiles;
import org.migrationstats.pipeline.spec.DatasetSpec;
import org.migrationstats.pipeline.spec.JobSpec;
import org.migrationstats.pipeline.store.RunInput;
import org.migrationstats.pipeline.store.RunStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * One ingest partition per input file recorded by the prepare step (per sheet, for a
 * dataset naming several), and one per byte range of a delimited file larger than the
 * split size ({@link ByteRanges}), so that one large file is read by every thread. On a
 * restart Spring Batch reuses the partitions of the failed execution, so completed files
 * and ranges are not read again; a file's ranges are not looked for again, the failed
 * execution's are kept.
 */
class DatasetPartitioner implements Partitioner {

	static final String DATASET = "dataset";

	static final String FILE = "file";

	static final String SHEET = "sheet";

	/** The suffix of a range's partition key, before its 1-based number. */
	static final String RANGE_SUFFIX = ".r";

	static final String RANGE_INDEX = "range.index";

	static final String RANGE_COUNT = "range.count";

	static final String RANGE_START = "range.start";

	static final String RANGE_END = "range.end";

	static final String RANGE_LINES = "range.lines";

	static final String RANGE_LINE_FEEDS = "range.line-feeds";

	static final String RANGE_DELIMITER = "range.delimiter";

	private static final Logger log = LoggerFactory.getLogger(DatasetPartitioner.class);

	private final RunStore runs;

	private final JobRepository repository;

	private final JobInstance instance;

	private final JobSpec spec;

	private final long splitSize;

	private final int ranges;

	/**
	 * @param runs the run's recorded inputs
	 * @param repository the job repository, for the partitions of an earlier execution
	 * @param instance the run
	 * @param spec the job
	 * @param splitSize the size in bytes above which a delimited file is read in ranges
	 * @param ranges how many ranges such a file is read in
	 */
	DatasetPartitioner(RunStore runs, JobRepository repository, JobInstance instance, JobSpec spec, long splitSize,
			int ranges) {
		this.runs = runs;
		this.repository = repository;
		this.instance = instance;
		this.spec = spec;
		this.splitSize = splitSize;
		this.ranges = ranges;
	}

	/**
	 * One partition per file, or per sheet where a dataset names several sheets
	 * ({@code undesa#1.2} for the second sheet of the first file).
	 */
	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		List<RunInput> inputs = this.runs.inputs(this.instance.getInstanceId());
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		Map<RunInput, String> keys = keys(inputs);
		Map<String, StepExecution> earlier = null;
		for (RunInput input : inputs) {
			DatasetSpec dataset = this.spec.dataset(input.datasetId());
			List<String> sheets = dataset.table().sheets();
			if (sheets.size() <= 1 && splits(dataset, input)) {
				if (earlier == null) {
					earlier = lastPartitions(this.repository, this.instance, Long.MAX_VALUE);
				}
				partitions.putAll(ranges(input, keys.get(input), dataset, earlier));
				continue;
			}
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

	private boolean splits(DatasetSpec dataset, RunInput input) {
		Path file = Path.of(input.fileName());
		if (this.ranges < 2 || input.size() <= this.splitSize || !ByteRanges.splittable(dataset, file)) {
			return false;
		}
		try {
			return TableFiles.sniff(file) == TableFiles.Kind.TEXT;
		}
		catch (IOException ex) {
			// read whole: its partition says what is wrong
			return false;
		}
	}

	/**
	 * The partitions of a file read in byte ranges, one per range; on a restart, those of
	 * the earlier execution, whose contexts Spring Batch takes up (a file read whole then
	 * is read whole again).
	 */
	private Map<String, ExecutionContext> ranges(RunInput input, String key, DatasetSpec dataset,
			Map<String, StepExecution> earlier) {
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		for (StepExecution before : partitionsOf(earlier.values(), stepName(key))) {
			String name = before.getStepName().substring(stepName("").length());
			partitions.put(name, new ExecutionContext(before.getExecutionContext()));
		}
		if (!partitions.isEmpty()) {
			return partitions;
		}
		long started = System.nanoTime();
		List<ByteRange> ranges = ByteRanges.split(Path.of(input.fileName()), input.fileName(), dataset, this.ranges);
		if (ranges.isEmpty()) {
			partitions.put(key, context(input, null));
			return partitions;
		}
		log.info("{} ({} bytes) is read in {} ranges; found their starts in {} ms", input.fileName(),
				String.format("%,d", input.size()), ranges.size(), (System.nanoTime() - started) / 1_000_000);
		for (ByteRange range : ranges) {
			ExecutionContext context = context(input, null);
			context.putInt(RANGE_INDEX, range.index());
			context.putInt(RANGE_COUNT, range.count());
			context.putLong(RANGE_START, range.start());
			context.putLong(RANGE_END, range.end());
			context.putLong(RANGE_LINES, range.lines());
			context.putLong(RANGE_LINE_FEEDS, range.lineFeeds());
			context.putString(RANGE_DELIMITER, String.valueOf(range.delimiter()));
			partitions.put(key + RANGE_SUFFIX + (range.index() + 1), context);
		}
		return partitions;
	}

	/**
	 * @param context a partition's execution context
	 * @return the byte range it reads, or {@code null} for a whole file or sheet
	 */
	static ByteRange range(ExecutionContext context) {
		if (!context.containsKey(RANGE_COUNT)) {
			return null;
		}
		return new ByteRange(context.getInt(RANGE_INDEX), context.getInt(RANGE_COUNT), context.getLong(RANGE_START),
				context.getLong(RANGE_END), context.getLong(RANGE_LINES), context.getLong(RANGE_LINE_FEEDS),
				context.getString(RANGE_DELIMITER).charAt(0));
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
