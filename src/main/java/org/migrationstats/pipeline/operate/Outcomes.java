package org.migrationstats.pipeline.operate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.migrationstats.pipeline.batch.Failures;
import org.migrationstats.pipeline.batch.PipelineJobs;
import org.migrationstats.pipeline.batch.IngestCounts;
import org.migrationstats.pipeline.report.ReportWriter;
import org.migrationstats.pipeline.spec.JobSpec;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * What an ended execution gave, in an operator's words: its result and exit code, the
 * message naming the failed file or limit rather than a stack trace, its steps' counts.
 */
final class Outcomes {

	private Outcomes() {
	}

	/**
	 * @param spec the job
	 * @param runDate the run date
	 * @param execution the execution, ended
	 * @param files what the ingest partitions of its run did, file by file
	 * @return what the execution gave, in an operator's words
	 */
	static RunOutcome of(JobSpec spec, LocalDate runDate, JobExecution execution,
			List<IngestCounts.FileCounts> counts) {
		List<RunOutcome.FileLine> files = counts.stream().map(RunOutcome.FileLine::of).toList();
		String report = execution.getExecutionContext().getString(PipelineJobs.REPORT_FOLDER, null);
		if (execution.getStatus() == BatchStatus.STOPPED) {
			return new RunOutcome(RunOutcome.Result.FAILED, spec.name(), runDate, execution.getId(),
					spec.name() + " for " + runDate + " stopped (execution " + execution.getId()
							+ ") before it finished; run the same command again, or 'pipeline restart "
							+ execution.getId() + "', to go on from where it stopped.",
					report, steps(execution), files);
		}
		if (execution.getStatus() != BatchStatus.COMPLETED) {
			String failure = firstFailure(execution);
			return new RunOutcome(RunOutcome.Result.FAILED, spec.name(), runDate, execution.getId(),
					spec.name() + " for " + runDate + " " + execution.getStatus().name().toLowerCase() + ": " + failure
							+ ". Fix the cause and run the same command again to restart from the failed step.",
					report, steps(execution), files);
		}
		long rejected = files.stream().mapToLong(RunOutcome.FileLine::rowsRejected).sum();
		RunOutcome.Result result = (rejected > 0) ? RunOutcome.Result.COMPLETED_WITH_REJECTS
				: RunOutcome.Result.SUCCESS;
		String message = spec.name() + " for " + runDate + " completed"
				+ ((rejected > 0) ? " with " + rejected + " rejected row(s), listed in the report's Rejects sheet" : "")
				+ "; report in " + ((report != null) ? report : ReportWriter.folder(spec, runDate));
		return new RunOutcome(result, spec.name(), runDate, execution.getId(), message, report, steps(execution),
				files);
	}

	private static String firstFailure(JobExecution execution) {
		List<String> own = new ArrayList<>();
		execution.getStepExecutions()
			.stream()
			.sorted(Comparator.comparing(StepExecution::getId))
			.flatMap((step) -> step.getFailureExceptions().stream())
			.map(Failures::ownMessage)
			.filter((message) -> message != null && !own.contains(message))
			.forEach(own::add);
		if (!own.isEmpty()) {
			return String.join("; ", own);
		}
		List<Throwable> failures = execution.getAllFailureExceptions();
		if (!failures.isEmpty()) {
			return Failures.describe(failures.get(0));
		}
		// read back from the job repository (partitions run by remote workers): the
		// descriptions naming an exception of the pipeline's own first, then the failed
		// partitions', then the other steps'
		execution.getStepExecutions()
			.stream()
			.filter((step) -> step.getStatus() == BatchStatus.FAILED
					&& step.getExitStatus().getExitDescription() != null
					&& !step.getExitStatus().getExitDescription().isBlank())
			.sorted(Comparator.comparing(
					(StepExecution step) -> !step.getExitStatus().getExitDescription().contains("org.migrationstats."))
				.thenComparing((StepExecution step) -> !step.getStepName().contains(":"))
				.thenComparing(StepExecution::getId))
			.map((step) -> Failures.messageOf(step.getExitStatus().getExitDescription()))
			.filter((message) -> !own.contains(message))
			.forEach(own::add);
		return !own.isEmpty() ? own.get(0) : execution.getExitStatus().getExitDescription();
	}

	static List<RunOutcome.StepLine> steps(JobExecution execution) {
		if (execution == null) {
			return List.of();
		}
		List<RunOutcome.StepLine> lines = new ArrayList<>();
		execution.getStepExecutions()
			.stream()
			.sorted(Comparator.comparing(StepExecution::getId))
			.forEach((s) -> lines.add(new RunOutcome.StepLine(s.getStepName(), s.getStatus().name(), s.getReadCount(),
					s.getWriteCount(), s.getFilterCount(), s.getSkipCount(),
					Failures.duration(s.getStartTime(), s.getEndTime()), failure(s))));
		return lines;
	}

	private static String failure(StepExecution step) {
		if (!step.getFailureExceptions().isEmpty()) {
			return Failures.describe(step.getFailureExceptions().get(0));
		}
		String description = step.getExitStatus().getExitDescription();
		return (step.getStatus() == BatchStatus.FAILED && description != null) ? Failures.messageOf(description) : "";
	}

}
