package org.migrationstats.pipeline.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.migrationstats.pipeline.compute.MembershipTimeline;
import org.migrationstats.pipeline.reference.CountryReference;
import org.migrationstats.pipeline.reference.Membership;
import org.migrationstats.pipeline.reference.MembershipComparison;
import org.migrationstats.pipeline.reference.MembershipDifference;
import org.migrationstats.pipeline.spec.MembershipCheckSpec;
import org.migrationstats.pipeline.spec.JobSpec;
import org.migrationstats.pipeline.spec.PeriodSpec;
import org.migrationstats.pipeline.store.FiguresStore;
import org.migrationstats.pipeline.store.RunStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.job.JobExecution;
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

	private final FiguresStore figures;

	private final IngestCounts ingestCounts;

	private final CountryReference countries;

	ComputeFiguresTasklet(JobSpecs specs, RunStore runs, FiguresStore figures, IngestCounts ingestCounts,
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
		// an earlier attempt's results go first, with its compute-stage rejects
		this.figures.clearComputed(runId);
		checkRejectLimits(spec, Runs.job(chunkContext));
		int countryYears = this.figures.computeCountryYears(runId);
		Membership membership = this.runs.membership(runId, spec.membership().toString());
		Map<String, int[]> ranges = this.figures.yearRanges(runId);
		List<Object[]> statuses = new ArrayList<>();
		int firstYear = Integer.MAX_VALUE;
		int lastYear = Integer.MIN_VALUE;
		for (Map.Entry<String, int[]> range : ranges.entrySet()) {
			for (int year = range.getValue()[0]; year <= range.getValue()[1]; year++) {
				statuses.add(new Object[] { range.getKey(), year,
						MembershipTimeline.atYearEnd(membership, range.getKey(), year) });
			}
			firstYear = Math.min(firstYear, range.getValue()[0]);
			lastYear = Math.max(lastYear, range.getValue()[1]);
		}
		this.figures.saveYearEndStatuses(runId, statuses);
		for (PeriodSpec period : spec.periods()) {
			List<Object[]> atEnd = new ArrayList<>();
			for (String country : this.figures.computePeriod(runId, period)) {
				atEnd.add(new Object[] { country, MembershipTimeline.atYearEnd(membership, country, period.to()) });
			}
			this.figures.savePeriodStatuses(runId, period.name(), atEnd);
		}
		this.figures.computeGroups(runId);
		this.figures.computeSourceDifferences(runId, spec.figures().sourceTolerance(), spec.figures().revisions());
		if (!ranges.isEmpty()) {
			this.figures.saveMembershipCounts(runId,
					MembershipTimeline.counts(membership, firstYear, lastYear, spec.membershipCountDates()));
		}
		MembershipComparison comparison = new MembershipComparison(this.countries);
		for (MembershipCheckSpec check : spec.membershipChecks()) {
			List<MembershipDifference> differences = comparison.compare(membership, check,
					check.allParties() ? null : ranges.keySet());
			this.figures.saveMembershipChecks(runId, differences);
			log.info("Membership file and {} disagree on {} point(s)", check.id(), differences.size());
		}
		contribution.incrementWriteCount(countryYears);
		log.info("Computed {} country-years for {} countries and {} period(s) of run {}", countryYears, ranges.size(),
				spec.periods().size(), runId);
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
