package org.migrationstats.pipeline.batch;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.migrationstats.pipeline.report.ReportWriter;
import org.migrationstats.pipeline.spec.JobSpec;
import org.migrationstats.pipeline.store.RunInput;
import org.migrationstats.pipeline.store.RunStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/**
 * Runs a job for a date the way an operator expects: a date runs once; running a
 * completed date again does nothing unless forced; running a failed date again restarts
 * it from the failed step, with the partitions that completed left as they are.
 */
@Component
public class JobRunner {

	private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final PipelineJobs jobs;

	private final JobSpecs specs;

	private final IngestCounts ingestCounts;

	private final RunStore runs;

	public JobRunner(JobOperator jobOperator, JobRepository jobRepository, PipelineJobs jobs, JobSpecs specs,
			IngestCounts ingestCounts, RunStore runs) {
		this.runs = runs;
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.jobs = jobs;
		this.specs = specs;
		this.ingestCounts = ingestCounts;
	}

	/**
	 * Runs, restarts or declines to rerun a job for a date.
	 * @param jobFile the job file
	 * @param date the run date, or {@code null} for today in the job's zone
	 * @param rerun whether to run a completed date again, as a new attempt
	 * @return the outcome
	 * @throws org.migrationstats.pipeline.spec.SpecException if the job file is invalid
	 */
	public RunOutcome run(Path jobFile, LocalDate date, boolean rerun) {
		JobSpec spec = this.specs.get(jobFile);
		LocalDate runDate = (date != null) ? date : LocalDate.now(spec.zone());
		Job job = this.jobs.job(spec);
		long attempt = lastAttempt(spec, runDate);
		if (attempt > 0) {
			JobInstance instance = this.jobRepository.getJobInstance(spec.name(),
					RunParameters.of(spec, runDate, attempt));
			JobExecution last = this.jobRepository.getLastJobExecution(instance);
			BatchStatus status = (last != null) ? last.getStatus() : BatchStatus.UNKNOWN;
			if (status == BatchStatus.COMPLETED || status == BatchStatus.ABANDONED) {
				if (!rerun) {
					String report = (last != null)
							? last.getExecutionContext().getString(WriteReportsTasklet.REPORT_FOLDER, "") : "";
					return new RunOutcome(RunOutcome.Result.ALREADY_COMPLETE, spec.name(), runDate,
							(last != null) ? last.getId() : null,
							"run date " + runDate + " of job " + spec.name() + " already " + status.name().toLowerCase()
									+ " (execution " + ((last != null) ? last.getId() : "?")
									+ "); nothing was done. To run it again from scratch, add --rerun.",
							report, steps(last), List.of());
				}
				attempt++;
				log.info("Rerunning {} for {} as attempt {}", spec.name(), runDate, attempt);
			}
			else if (status.isRunning()) {
				return new RunOutcome(RunOutcome.Result.FAILED, spec.name(), runDate,
						(last != null) ? last.getId() : null,
						"execution " + ((last != null) ? last.getId() : "?") + " of " + spec.name() + " for " + runDate
								+ " is recorded as " + status + ". If no pipeline process is running (it was killed),"
								+ " run `recover` to mark it failed, then run this command again to restart it.",
						null, steps(last), List.of());
			}
			else if (rerun) {
				attempt++;
				log.info("Running {} for {} again from scratch as attempt {} (the last attempt {})", spec.name(),
						runDate, attempt, status);
			}
			else {
				List<String> changed = changedInputs(instance);
				if (!changed.isEmpty()) {
					return new RunOutcome(RunOutcome.Result.FAILED, spec.name(), runDate,
							(last != null) ? last.getId() : null,
							"cannot restart " + spec.name() + " for " + runDate + ": input changed since the run "
									+ "started: " + String.join("; ", changed) + ". A restart would mix old and new "
									+ "rows; restore the file, or add --rerun to run the date again from scratch.",
							null, steps(last), List.of());
				}
				log.info("Restarting {} for {} (attempt {}, last execution {} {})", spec.name(), runDate, attempt,
						(last != null) ? last.getId() : "?", status);
			}
		}
		else {
			attempt = 1;
		}
		JobParameters parameters = RunParameters.of(spec, runDate, attempt);
		JobExecution execution;
		try {
			execution = this.jobOperator.start(job, parameters);
		}
		catch (Exception ex) {
			return new RunOutcome(RunOutcome.Result.FAILED, spec.name(), runDate, null,
					"could not start " + spec.name() + " for " + runDate + ": " + ex.getMessage(), null, List.of(),
					List.of());
		}
		return outcome(spec, runDate, execution);
	}

	/**
	 * Compares the files a run was prepared with against what is on disk now. A changed
	 * file whose partition completed would leave the run's figures built from a file that
	 * no longer exists: that refuses the restart. A changed file not yet (fully) ingested
	 * may be a fix: its new checksum is recorded, and its reader checks on restart that
	 * the rows already ingested are unchanged.
	 * @param instance the run
	 * @return one line per completed file that is gone or whose content changed
	 */
	private List<String> changedInputs(JobInstance instance) {
		List<String> refused = new ArrayList<>();
		List<RunInput> inputs = this.runs.inputs(instance.getInstanceId());
		java.util.Map<RunInput, String> keys = DatasetPartitioner.keys(inputs);
		for (RunInput input : inputs) {
			Path file = Path.of(input.fileName());
			String now = java.nio.file.Files.isRegularFile(file) ? PrepareInputsTasklet.sha256(file) : null;
			if (input.sha256().equals(now)) {
				continue;
			}
			StepExecution partition = this.jobRepository.getLastStepExecution(instance,
					DatasetPartitioner.stepName(keys.get(input)));
			if (now == null || (partition != null && partition.getStatus() == BatchStatus.COMPLETED)) {
				refused.add(input.fileName() + ((now == null) ? " is gone" : " has changed since it was ingested"));
			}
			else {
				log.info("Input {} changed since the run started; it was not completely ingested, so the restart "
						+ "reads the new file", input.fileName());
				this.runs.updateInput(instance.getInstanceId(), input, PrepareInputsTasklet.size(file), now);
			}
		}
		return refused;
	}

	private long lastAttempt(JobSpec spec, LocalDate runDate) {
		long attempt = 0;
		while (this.jobRepository.getJobInstance(spec.name(), RunParameters.of(spec, runDate, attempt + 1)) != null) {
			attempt++;
		}
		return attempt;
	}

	private RunOutcome outcome(JobSpec spec, LocalDate runDate, JobExecution execution) {
		List<IngestCounts.FileCounts> files = this.ingestCounts.collect(execution);
		String report = execution.getExecutionContext().getString(WriteReportsTasklet.REPORT_FOLDER, null);
		if (execution.getStatus() != BatchStatus.COMPLETED) {
			String failure = firstFailure(execution);
			return new RunOutcome(RunOutcome.Result.FAILED, spec.name(), runDate, execution.getId(),
					spec.name() + " for " + runDate + " " + execution.getStatus().name().toLowerCase() + ": " + failure
							+ ". Fix the cause and run the same command again to restart from the failed step.",
					report, steps(execution), files);
		}
		long rejected = files.stream().mapToLong(IngestCounts.FileCounts::rowsRejected).sum();
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
			.map(JobRunner::ownMessage)
			.filter((message) -> message != null && !own.contains(message))
			.forEach(own::add);
		if (!own.isEmpty()) {
			return String.join("; ", own);
		}
		List<Throwable> failures = execution.getAllFailureExceptions();
		return failures.isEmpty() ? execution.getExitStatus().getExitDescription() : describe(failures.get(0));
	}

	private static String ownMessage(Throwable failure) {
		for (Throwable t = failure; t != null; t = (t.getCause() == t) ? null : t.getCause()) {
			if (t.getClass().getName().startsWith("org.migrationstats.")) {
				return t.getMessage();
			}
		}
		return null;
	}

	/**
	 * The message an operator needs from a failure: that of the outermost exception of
	 * the pipeline's own (which names the file, row or limit), else that of the root
	 * cause.
	 * @param failure a step's or job's failure
	 * @return its message
	 */
	static String describe(Throwable failure) {
		String own = ownMessage(failure);
		if (own != null) {
			return own;
		}
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

	private static List<RunOutcome.StepLine> steps(JobExecution execution) {
		if (execution == null) {
			return List.of();
		}
		List<RunOutcome.StepLine> lines = new ArrayList<>();
		execution.getStepExecutions()
			.stream()
			.sorted(Comparator.comparing(StepExecution::getId))
			.forEach((s) -> lines
				.add(new RunOutcome.StepLine(s.getStepName(), s.getStatus().name(), s.getReadCount(), s.getWriteCount(),
						s.getFilterCount(), s.getSkipCount(), duration(s.getStartTime(), s.getEndTime()), failure(s))));
		return lines;
	}

	private static String failure(StepExecution step) {
		return step.getFailureExceptions().isEmpty() ? "" : describe(step.getFailureExceptions().get(0));
	}

	private static Duration duration(LocalDateTime start, LocalDateTime end) {
		return (start != null && end != null) ? Duration.between(start, end) : Duration.ZERO;
	}

}
