package org.migrationstats.pipeline.operate;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;

import org.migrationstats.pipeline.batch.Failures;
import org.migrationstats.pipeline.batch.PartitionWorker;
import org.migrationstats.pipeline.batch.IngestCounts;
import org.migrationstats.pipeline.batch.PipelineJobs;
import org.migrationstats.pipeline.batch.RunParameters;
import org.migrationstats.pipeline.store.RunInput;
import org.migrationstats.pipeline.store.RunStore;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.stereotype.Component;

/**
 * What the job repository knows about past and running executions, in the terms an
 * operator reads: job, run date, attempt, status, times and per-step counts.
 */
@Component
public class ExecutionHistory {

	private final JobRepository jobRepository;

	private final RunStore runs;

	private final IngestCounts ingestCounts;

	public ExecutionHistory(JobRepository jobRepository, RunStore runs, IngestCounts ingestCounts) {
		this.jobRepository = jobRepository;
		this.runs = runs;
		this.ingestCounts = ingestCounts;
	}

	/**
	 * @param jobName a job, or {@code null} for every job
	 * @param limit how many executions at most
	 * @return the most recent executions, newest first
	 */
	public List<Execution> recent(String jobName, int limit) {
		List<String> names = (jobName != null) ? List.of(jobName) : this.jobRepository.getJobNames();
		List<JobExecution> executions = new ArrayList<>();
		for (String name : names) {
			for (JobInstance instance : this.jobRepository.getJobInstances(name, 0, limit)) {
				executions.addAll(this.jobRepository.getJobExecutions(instance));
			}
		}
		return executions.stream()
			.sorted(Comparator.comparing(JobExecution::getId).reversed())
			.limit(limit)
			.map(ExecutionHistory::execution)
			.toList();
	}

	/**
	 * @param executionId a job execution
	 * @return it, with its inputs and report, if it exists
	 */
	public Optional<Details> find(long executionId) {
		JobExecution execution = load(this.jobRepository, executionId);
		if (execution == null) {
			return Optional.empty();
		}
		long runId = execution.getJobInstance().getInstanceId();
		// The run's inputs are recorded by its prepare step: an execution that failed
		// before that step completed, with no earlier one that completed it, read none,
		// whatever a later execution of the run recorded.
		List<InputFile> inputs = prepared(execution) ? this.runs.inputs(runId).stream().map(InputFile::of).toList()
				: List.of();
		List<RunOutcome.FileLine> files = inputs.isEmpty() ? List.of()
				: this.ingestCounts.collect(execution).stream().map(RunOutcome.FileLine::of).toList();
		String report = execution.getExecutionContext().getString(PipelineJobs.REPORT_FOLDER, null);
		String exit = execution.getExitStatus().getExitDescription();
		return Optional.of(new Details(execution(execution), runId,
				execution.getJobParameters().getString(RunParameters.JOB_FILE), execution.getExitStatus().getExitCode(),
				(exit != null && !exit.isBlank()) ? Failures.messageOf(exit) : "", inputs, files, report,
				workers(execution)));
	}

	/**
	 * @return the worker (host and process id) that ran each partition of a
	 * remote-partitioned execution, by step name; empty for a local run
	 */
	private static Map<String, String> workers(JobExecution execution) {
		Map<String, String> workers = new TreeMap<>();
		for (StepExecution step : execution.getStepExecutions()) {
			String worker = step.getExecutionContext().getString(PartitionWorker.WORKER, null);
			if (worker != null) {
				workers.put(step.getStepName(), worker);
			}
		}
		return workers;
	}

	private boolean prepared(JobExecution execution) {
		return this.jobRepository.getJobExecutions(execution.getJobInstance())
			.stream()
			.filter((e) -> e.getId() <= execution.getId())
			.flatMap((e) -> e.getStepExecutions().stream())
			.anyMatch((step) -> step.getStepName().equals(PipelineJobs.PREPARE_INPUTS)
					&& step.getStatus() == BatchStatus.COMPLETED);
	}

	/**
	 * @param jobRepository the job repository
	 * @param executionId a job execution id
	 * @return the execution, or {@code null} if there is none with that id
	 */
	static JobExecution load(JobRepository jobRepository, long executionId) {
		try {
			return jobRepository.getJobExecution(executionId);
		}
		catch (EmptyResultDataAccessException ex) {
			return null;
		}
	}

	private static Execution execution(JobExecution e) {
		Long attempt = e.getJobParameters().getLong(RunParameters.ATTEMPT);
		return new Execution(e.getId(), e.getJobInstance().getJobName(),
				e.getJobParameters().getLocalDate(RunParameters.RUN_DATE), (attempt != null) ? attempt : 0,
				e.getStatus().name(), e.getStartTime(), e.getEndTime(), Outcomes.steps(e));
	}

	/**
	 * One job execution.
	 *
	 * @param id the execution id
	 * @param job the job's name
	 * @param runDate the run date
	 * @param attempt the attempt
	 * @param status its batch status
	 * @param start when it started, or {@code null}
	 * @param end when it ended, or {@code null} while it runs
	 * @param steps its steps, in order
	 */
	public record Execution(long id, String job, LocalDate runDate, long attempt, String status, LocalDateTime start,
			LocalDateTime end, List<RunOutcome.StepLine> steps) {

		/**
		 * @return how long it ran, or {@code null} if it has not ended
		 */
		public Duration duration() {
			return (this.start != null && this.end != null) ? Duration.between(this.start, this.end) : null;
		}

	}

	/**
	 * One job execution with what it read and wrote.
	 *
	 * @param execution the execution
	 * @param runId its run (job instance)
	 * @param jobFile the job file it ran from
	 * @param exitCode its exit code
	 * @param exitMessage the message of its exit status, empty if none
	 * @param inputs the input files recorded when the run was prepared
	 * @param files what each input gave
	 * @param report the published report folder, or {@code null}
	 */
	public record Details(Execution execution, long runId, String jobFile, String exitCode, String exitMessage,
			List<InputFile> inputs, List<RunOutcome.FileLine> files, String report, Map<String, String> workers) {

		/**
		 * @return what the execution ended with as the command line reports it, with the
		 * exit code {@code run} returned for it; empty while it runs
		 */
		public Optional<RunOutcome.Result> result() {
			return switch (this.execution.status()) {
				case "COMPLETED" -> Optional.of(this.files.stream().anyMatch((f) -> f.rowsRejected() > 0)
						? RunOutcome.Result.COMPLETED_WITH_REJECTS : RunOutcome.Result.SUCCESS);
				case "STARTING", "STARTED", "STOPPING" -> Optional.empty();
				default -> Optional.of(RunOutcome.Result.FAILED);
			};
		}

		/**
		 * @param input one of the run's input files
		 * @return its counts, where this or an earlier execution of the run read it
		 */
		public Optional<RunOutcome.FileLine> countsRead(InputFile input) {
			return this.files.stream()
				.filter((f) -> f.datasetId().equals(input.datasetId()) && f.fileName().equals(input.fileName()))
				.findFirst()
				.filter(RunOutcome.FileLine::read);
		}

	}

	/**
	 * An input file as the run's prepare step recorded it.
	 *
	 * @param datasetId the dataset
	 * @param fileName the file
	 * @param size its size in bytes
	 * @param sha256 its SHA-256, hex
	 */
	public record InputFile(String datasetId, String fileName, long size, String sha256) {

		static InputFile of(RunInput input) {
			return new InputFile(input.datasetId(), input.fileName(), input.size(), input.sha256());
		}

	}

}
