package org.migrationstats.pipeline.batch;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

import org.migrationstats.pipeline.ingest.NumberFormatCheck;
import org.migrationstats.pipeline.report.IngestedFile;
import org.migrationstats.pipeline.report.ReportNotPublishedException;
import org.migrationstats.pipeline.report.ReportWriter;
import org.migrationstats.pipeline.report.RunInfo;
import org.migrationstats.pipeline.spec.JobSpec;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Step 4: writes the workbook and the CSV files and publishes them in one move.
 */
class WriteReportsTasklet implements Tasklet {

	/**
	 * The key under which the published folder is kept in the job's execution context.
	 */
	static final String REPORT_FOLDER = "report.folder";

	private final JobSpecs specs;

	private final ReportWriter writer;

	private final IngestCounts ingestCounts;

	private final JobRepository jobRepository;

	WriteReportsTasklet(JobSpecs specs, ReportWriter writer, IngestCounts ingestCounts, JobRepository jobRepository) {
		this.specs = specs;
		this.writer = writer;
		this.ingestCounts = ingestCounts;
		this.jobRepository = jobRepository;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext)
			throws JobInterruptedException {
		JobExecution job = Runs.job(chunkContext);
		JobSpec spec = Runs.spec(this.specs, chunkContext);
		List<IngestedFile> files = this.ingestCounts.collect(job)
			.stream()
			.map((f) -> new IngestedFile(f.datasetId(), f.fileName(), f.rowsRead(), f.rowsWritten(), f.rowsRejected(),
					f.filteredRows(),
					NumberFormatCheck.describe(spec.dataset(f.datasetId()).table().decimalComma(), f.numberFormat())))
			.toList();
		LocalDateTime started = (job.getStartTime() != null) ? job.getStartTime() : LocalDateTime.now();
		RunInfo run = new RunInfo(spec.name(), spec.source().toString(),
				job.getJobParameters().getLocalDate(RunParameters.RUN_DATE),
				job.getJobParameters().getLong(RunParameters.ATTEMPT), job.getJobInstance().getInstanceId(),
				job.getId(), started, spec.membership().toString());
		Path folder;
		try {
			folder = this.writer.write(spec, run, files, () -> stopping(job));
		}
		catch (ReportNotPublishedException ex) {
			// the step ends STOPPED, as a step told to stop between two chunks does
			throw new JobInterruptedException(ex.getMessage());
		}
		job.getExecutionContext().putString(REPORT_FOLDER, folder.toString());
		return RepeatStatus.FINISHED;
	}

	/**
	 * @return whether the execution was told to stop (by {@code stop}, or SIGTERM to this
	 * process): the repository says so, as it does to a chunk-oriented step between
	 * chunks
	 */
	private boolean stopping(JobExecution job) {
		JobExecution stored = this.jobRepository.getJobExecution(job.getId());
		// a stop records STOPPING, or STOPPED at once where it sets the end time too
		return stored != null
				&& (stored.getStatus() == BatchStatus.STOPPING || stored.getStatus() == BatchStatus.STOPPED);
	}

}
