package org.migrationstats.pipeline.batch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.migrationstats.pipeline.compute.jdbc.FigureComputation;
import org.migrationstats.pipeline.reference.CountryReference;
import org.migrationstats.pipeline.reference.Membership;
import org.migrationstats.pipeline.spec.JobSpec;
import org.migrationstats.pipeline.spec.Limits;
import org.migrationstats.pipeline.store.RunStore;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Step 3: checks each file's rejects against the job's limit, then computes the figures
 * in one transaction: country-years from the observations, membership status at each year
 * end, period sums per country and per membership group, membership counts. It replaces
 * its own earlier results, so a restart gives the same figures.
 */
class ComputeFiguresTasklet implements Tasklet {

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
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		long runId = Runs.runId(chunkContext);
		JobSpec spec = Runs.spec(this.specs, chunkContext);
		// an earlier attempt's results, with its compute-stage rejects, go first, so that
		// the
		// limit counts the rows rejected while ingesting
		this.figures.clearComputed(runId);
		checkRejectLimits(spec, Runs.job(chunkContext));
		Membership membership = this.runs.membership(runId, spec.membership().toString());
		int countryYears = this.figures.compute(runId, spec, membership, this.countries);
		contribution.incrementWriteCount(countryYears);
		return RepeatStatus.FINISHED;
	}

	private void checkRejectLimits(JobSpec spec, JobExecution job) {
		List<String> over = new ArrayList<>();
		Map<String, Long> rejectedPerDataset = new LinkedHashMap<>();
		for (IngestCounts.FileCounts file : this.ingestCounts.collect(job)) {
			Limits limits = limits(spec, file.datasetId());
			double limit = limits.maxRejectRatio();
			rejectedPerDataset.merge(file.datasetId(), file.rowsRejected(), Long::sum);
			if (file.rowsRead() > 0 && (double) file.rowsRejected() / file.rowsRead() > limit) {
				over.add(
						String.format(
								"%s (dataset %s): %d of %d rows rejected (%.1f %%), more than max-reject-ratio "
										+ "%.1f %%",
								file.fileName(), file.datasetId(), file.rowsRejected(), file.rowsRead(),
								100.0 * file.rowsRejected() / file.rowsRead(), 100 * limit));
			}
		}
		rejectedPerDataset.forEach((dataset, rejected) -> {
			long limit = limits(spec, dataset).maxRejects();
			if (limit >= 0 && rejected > limit) {
				over.add(String.format("dataset %s: %d rows rejected, more than max-rejects %d", dataset, rejected,
						limit));
			}
		});
		if (!over.isEmpty()) {
			throw new RejectLimitException("too many rows rejected: " + String.join("; ", over)
					+ "; see the rejects in the database (show <execution>) or raise the limit in " + spec.source()
					+ " and restart");
		}
	}

	private static Limits limits(JobSpec spec, String datasetId) {
		Limits own = spec.dataset(datasetId).table().limits();
		return (own != null) ? own : spec.limits();
	}

}
