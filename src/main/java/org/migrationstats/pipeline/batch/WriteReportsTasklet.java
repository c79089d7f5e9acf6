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
import org.migrationstats.pipeline.store.RunStore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Step 4: writes the workbook and the CSV files and publishes them in one move.
 */
class WriteReportsTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(WriteReportsTasklet.class);

	/**
	 * The key under which the published folder is kept in the job's execution context.
	 */
	static final String REPORT_FOLDER = "report.folder";

	private final JobSpecs specs;

	private final ReportWriter writer;

	private final IngestCounts ingestCounts;

	private final RunStore runs;

	WriteReportsTasklet(JobSpecs specs, ReportWriter writer, IngestCounts ingestCounts, RunStore runs) {
		this.specs = specs;
		this.writer = writer;
		this.ingestCounts = ingestCounts;
		this.runs = runs;
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
			folder = this.writer.write(spec, run, files, () -> Runs.stopRequested(this.runs, job));
		}
		catch (ReportNotPublishedException ex) {
			// the step ends STOPPED, as a step told to stop between two chunks does
			log.info("Stopped: {}", ex.getMessage());
			throw new JobInterruptedException(ex.getMessage());
		}
		job.getExecutionContext().putString(REPORT_FOLDER, folder.toString());
		return RepeatStatus.FINISHED;
	}

}
