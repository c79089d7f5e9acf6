package org.migrationstats.pipeline.batch;

import org.migrationstats.pipeline.compute.jdbc.ComputationStoppedException;
import org.migrationstats.pipeline.compute.jdbc.FigureComputation;
import org.migrationstats.pipeline.reference.CountryReference;
import org.migrationstats.pipeline.reference.Membership;
import org.migrationstats.pipeline.spec.JobSpec;
import org.migrationstats.pipeline.store.RunStore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Step 3: checks each dataset's rejects against the job's limit (and the share of each
 * file read as several sheets; a file read as one table was checked as it ended), then
 * computes the figures in one transaction: country-years from the observations,
 * membership status at each year end, period sums per country and per membership group,
 * membership counts. It replaces its own earlier results, so a restart gives the same
 * figures.
 */
class ComputeFiguresTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(ComputeFiguresTasklet.class);

	private final JobSpecs specs;

	private final RunStore runs;

	private final FigureComputation figures;

	private final IngestCounts ingestCounts;

	private final CountryReference countries;

	ComputeFiguresTasklet(JobSpecs specs, RunStore runs, FigureComputation figures, IngestCounts ingestCounts,
			CountryReference countries) {
		this.countries = countries;
		this.specs = specs;
		this.runs = runs;
		this.figures = figures;
		this.ingestCounts = ingestCounts;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext)
			throws JobInterruptedException {
		long runId = Runs.runId(chunkContext);
		JobSpec spec = Runs.spec(this.specs, chunkContext);
		// an earlier attempt's results go first, with its compute-stage rejects
		this.figures.clearComputed(runId);
		checkRejectLimits(spec, Runs.job(chunkContext));
		Membership membership = this.runs.membership(runId, spec.membership().toString());
		JobExecution job = Runs.job(chunkContext);
		int countryYears;
		try {
			countryYears = this.figures.compute(runId, spec, membership, this.countries,
					() -> Runs.stopRequested(this.runs, job));
		}
		catch (ComputationStoppedException ex) {
			// rolled back with the step's transaction; the step ends STOPPED
			log.info("Stopped: {}", ex.getMessage());
			throw new JobInterruptedException(ex.getMessage());
		}
		contribution.incrementWriteCount(countryYears);
		return RepeatStatus.FINISHED;
	}

	/**
	 * The limits of each dataset, and of each file read as several sheets: a file read as
	 * one table was held to its limit as its partition ended.
	 */
	private void checkRejectLimits(JobSpec spec, JobExecution job) {
		RejectLimits.check(spec, this.ingestCounts.ingested(job.getJobInstance().getInstanceId()), job.getId());
	}

}
