package org.migrationstats.pipeline.batch;

import org.migrationstats.pipeline.spec.JobSpec;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Builds the Spring Batch job of a job file: the job takes the file's name, so that each
 * job file has its own instances and history; its steps are the shared four.
 */
@Component
public class PipelineJobs {

	/** The name of every job's first step, which checks and records the run's inputs. */
	public static final String PREPARE_INPUTS = PipelineBatchConfiguration.PREPARE_INPUTS;

	/**
	 * The job execution context key under which the report step puts the report's folder.
	 */
	public static final String REPORT_FOLDER = WriteReportsTasklet.REPORT_FOLDER;

	private final JobRepository jobRepository;

	private final Step prepareInputs;

	private final Step ingestDatasets;

	private final Step computeFigures;

	private final Step writeReports;

	public PipelineJobs(JobRepository jobRepository, @Qualifier("prepareInputs") Step prepareInputs,
			@Qualifier("ingestDatasets") Step ingestDatasets, @Qualifier("computeFigures") Step computeFigures,
			@Qualifier("writeReports") Step writeReports) {
		this.jobRepository = jobRepository;
		this.prepareInputs = prepareInputs;
		this.ingestDatasets = ingestDatasets;
		this.computeFigures = computeFigures;
		this.writeReports = writeReports;
	}

	/**
	 * @param spec the job file's spec
	 * @return the job
	 */
	public Job job(JobSpec spec) {
		return new JobBuilder(spec.name(), this.jobRepository).start(this.prepareInputs)
			.next(this.ingestDatasets)
			.next(this.computeFigures)
			.next(this.writeReports)
			.build();
	}

}
