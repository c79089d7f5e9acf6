package org.migrationstats.pipeline.batch;

import java.nio.file.Path;

import org.migrationstats.pipeline.compute.jdbc.FigureComputation;
import org.migrationstats.pipeline.ingest.ByteRange;
import org.migrationstats.pipeline.reference.CountryReference;
import org.migrationstats.pipeline.report.ReportWriter;
import org.migrationstats.pipeline.spec.DatasetSpec;
import org.migrationstats.pipeline.spec.JobSpec;
import org.migrationstats.pipeline.spec.TableSpec;
import org.migrationstats.pipeline.store.FileCountStore;
import org.migrationstats.pipeline.store.IngestStore;
import org.migrationstats.pipeline.store.RunStore;

import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.unit.DataSize;

/**
 * The four steps every pipeline job runs, and the per-partition reader, mapping and
 * writer of the ingest step. The steps are shared by all jobs; what a step reads comes
 * from the job file named in the run's parameters.
 */
@Configuration(proxyBeanMethods = false)
class PipelineBatchConfiguration {

	static final String PREPARE_INPUTS = "prepareInputs";

	static final String INGEST_DATASETS = "ingestDatasets";

	static final String INGEST_FILE = "ingestFile";

	/**
	 * How many times the chunk size a record-level dataset's blocks are by default (ten
	 * million rows): a block of such a dataset holds only its sums per country, year and
	 * measure, and each block writes them, which compute and the report group again (H2
	 * groups in a sorted map). A ten-million-row file in blocks of a million stored
	 * 175,000 sums, and its compute and report steps took 2.0 and 2.0 s; in one block per
	 * byte range, 35,000 sums, 1.4 and 1.7 s. A restart re-reads at most one block (a
	 * range of a large file, seconds of work), and a stop does not wait for the block's
	 * end: the block ends early ({@link IngestFileTasklet#STOP_CHECK_ROWS}).
	 */
	static final int RECORD_BLOCKS = 1000;

	static final String COMPUTE_FIGURES = "computeFigures";

	static final String WRITE_REPORTS = "writeReports";

	@Bean
	CountryReference countryReference() {
		return CountryReference.shipped();
	}

	@Bean
	Step prepareInputs(JobRepository jobRepository, PlatformTransactionManager transactionManager, JobSpecs specs,
			CountryReference countries, RunStore runs) {
		return new StepBuilder(PREPARE_INPUTS, jobRepository)
			.tasklet(new PrepareInputsTasklet(specs, countries, runs), transactionManager)
			.build();
	}

	/**
	 * The partitioned ingest, made for each job execution: its thread pool is as large as
	 * the job file's {@code ingest-threads}, else the {@code pipeline.ingest.threads}
	 * setting, else the machine's processors. With {@code pipeline.partitioning=remote}
	 * the partitions are sent to worker processes instead ({@link RemotePartitioning}).
	 */
	@Bean
	@JobScope
	Step ingestDatasets(JobRepository jobRepository, Step ingestFile, DatasetPartitioner datasetPartitioner,
			JobSpecs specs, @Value("#{jobParameters['jobFile']}") String jobFile,
			@Value("${pipeline.ingest.threads:0}") int configured, ObjectProvider<PartitionRequests> remote) {
		PartitionRequests requests = remote.getIfAvailable();
		if (requests != null) {
			// pipeline.partitioning=remote: the partitions go to the workers
			return new StepBuilder(INGEST_DATASETS, jobRepository).partitioner(INGEST_FILE, datasetPartitioner)
				.step(ingestFile)
				.partitionHandler(requests.handler(Math.max(configured, 1)))
				.build();
		}
		int fromJob = specs.get(Path.of(jobFile)).ingestThreads();
		int threads = (fromJob > 0) ? fromJob
				: (configured > 0) ? configured : Runtime.getRuntime().availableProcessors();
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("ingest-");
		executor.setConcurrencyLimit(threads);
		return new StepBuilder(INGEST_DATASETS, jobRepository).partitioner(INGEST_FILE, datasetPartitioner)
			.step(ingestFile)
			.gridSize(threads)
			.taskExecutor(executor)
			.build();
	}

	@Bean
	Step ingestFile(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			IngestFileTasklet ingestFileTasklet) {
		return new StepBuilder(INGEST_FILE, jobRepository).tasklet(ingestFileTasklet, transactionManager)
			.stream(ingestFileTasklet)
			.build();
	}

	/**
	 * The ingest of one partition's file. Its reader, mapper and writer are plain objects
	 * made here, not step-scoped beans: a call through a scoped proxy looks the bean up
	 * each time, which for millions of rows costs more than the row.
	 */
	@Bean
	@StepScope
	IngestFileTasklet ingestFileTasklet(JobSpecs specs, IngestStore store, FileCountStore counts, RunStore runs,
			CountryReference countries, @Value("#{jobParameters['jobFile']}") String jobFile,
			@Value("#{stepExecutionContext['dataset']}") String dataset,
			@Value("#{stepExecutionContext['file']}") String file,
			@Value("#{stepExecutionContext['sheet']}") String sheet,
			@Value("#{stepExecution}") StepExecution stepExecution,
			@Value("${pipeline.chunk-size:10000}") int chunkSize, StepProgress progress) {
		JobSpec spec = specs.get(Path.of(jobFile));
		DatasetSpec datasetSpec = spec.dataset(dataset);
		ByteRange range = DatasetPartitioner.range(stepExecution.getExecutionContext());
		SourceRowReader reader = new SourceRowReader(datasetSpec, Path.of(file), sheet, range);
		TableMapping mapping = new TableMapping(datasetSpec, file, reader, countries.withAliases(spec.aliases()),
				range == null || range.first());
		// a file's ranges count apart, as its sheets do, and are added up when read
		FileCountStore.InputTable table = new FileCountStore.InputTable(
				stepExecution.getJobExecution().getJobInstance().getInstanceId(), dataset, file,
				(range != null) ? FileCountStore.InputTable.rangeSheet(range.index(), range.count())
						: (sheet != null) ? sheet : "");
		BlockWriter writer = new BlockWriter(store, counts, table, stepExecution.getJobExecutionId(),
				datasetSpec.sumRecords());
		int rows = datasetSpec.table().chunkSize();
		if (rows == 0) {
			rows = datasetSpec.sumRecords() ? chunkSize * RECORD_BLOCKS : chunkSize;
		}
		boolean oneTable = datasetSpec.table().sheets().size() <= 1 && range == null;
		boolean leaveOut = datasetSpec.table().onError() == TableSpec.OnError.SKIP && oneTable;
		// a file read as several sheets or ranges is held to its limit once all of them
		// are in
		RejectLimits.FileLimit limit = oneTable ? new RejectLimits.FileLimit(file, dataset,
				RejectLimits.of(spec, dataset), spec.source().toString(), stepExecution.getJobExecutionId()) : null;
		JobExecution job = stepExecution.getJobExecution();
		// told to stop: the run (stop, SIGTERM to its process: the database says so), or
		// this partition alone (a remote worker told to stop marks it)
		return new IngestFileTasklet(reader, mapping, writer, rows, progress, leaveOut, limit,
				() -> stepExecution.isTerminateOnly() || Runs.stopRequested(runs, job));
	}

	@Bean
	Step computeFigures(JobRepository jobRepository, PlatformTransactionManager transactionManager, JobSpecs specs,
			RunStore runs, FigureComputation figures, IngestCounts ingestCounts, CountryReference countries) {
		return new StepBuilder(COMPUTE_FIGURES, jobRepository)
			.tasklet(new ComputeFiguresTasklet(specs, runs, figures, ingestCounts, countries), transactionManager)
			.build();
	}

	@Bean
	Step writeReports(JobRepository jobRepository, PlatformTransactionManager transactionManager, JobSpecs specs,
			ReportWriter reportWriter, IngestCounts ingestCounts, RunStore runs) {
		return new StepBuilder(WRITE_REPORTS, jobRepository)
			.tasklet(new WriteReportsTasklet(specs, reportWriter, ingestCounts, runs), transactionManager)
			.build();
	}

	/**
	 * The ingest partitions: a delimited file larger than
	 * {@code pipeline.ingest.split-size} (default 64 MB) is read in
	 * {@code pipeline.ingest.ranges} byte ranges, by default as many as the ingest step
	 * has threads.
	 */
	@Bean
	@StepScope
	DatasetPartitioner datasetPartitioner(RunStore runs, JobSpecs specs, JobRepository jobRepository,
			@Value("#{jobParameters['jobFile']}") String jobFile,
			@Value("#{stepExecution}") StepExecution stepExecution,
			@Value("${pipeline.ingest.split-size:64MB}") DataSize splitSize,
			@Value("${pipeline.ingest.ranges:0}") int ranges, @Value("${pipeline.ingest.threads:0}") int threads) {
		JobSpec spec = specs.get(Path.of(jobFile));
		int count = (ranges > 0) ? ranges : (spec.ingestThreads() > 0) ? spec.ingestThreads()
				: (threads > 0) ? threads : Runtime.getRuntime().availableProcessors();
		return new DatasetPartitioner(runs, jobRepository, stepExecution.getJobExecution().getJobInstance(), spec,
				splitSize.toBytes(), count);
	}

}
