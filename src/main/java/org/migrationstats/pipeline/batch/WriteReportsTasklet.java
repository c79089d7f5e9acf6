package org.migrationstats.pipeline.batch;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

import org.migrationstats.pipeline.ingest.NumberFormatCheck;
import org.migrationstats.pipeline.report.IngestedFile;
import org.migrationstats.pipeline.report.ReportWriter;
import org.migrationstats.pipeline.report.RunInfo;
import org.migrationstats.pipeline.spec.JobSpec;

import org.springframework.batch.core.job.JobExecution;
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

	WriteReportsTasklet(JobSpecs specs, ReportWriter writer, IngestCounts ingestCounts) {
		this.specs = specs;
		this.writer = writer;
		this.ingestCounts = ingestCounts;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
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
		Path folder = this.writer.write(spec, run, files);
		job.getExecutionContext().putString(REPORT_FOLDER, folder.toString());
		return RepeatStatus.FINISHED;
	}

}
