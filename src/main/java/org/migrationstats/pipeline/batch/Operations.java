package org.migrationstats.pipeline.batch;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/**
 * What operators ask of the job repository: the recent runs, one run in detail, and the
 * recovery of runs left STARTED by a process that died.
 */
@Component
public class Operations {

	private static final Logger log = LoggerFactory.getLogger(Operations.class);

	private final JobRepository jobRepository;

	private final JobOperator jobOperator;

	public Operations(JobRepository jobRepository, JobOperator jobOperator) {
		this.jobRepository = jobRepository;
		this.jobOperator = jobOperator;
	}

	/**
	 * @param job a job name, or {@code null} for every job
	 * @param limit how many executions at most
	 * @return the most recent executions first
	 */
	public List<ExecutionLine> recent(String job, int limit) {
		List<String> names = (job != null) ? List.of(job) : this.jobRepository.getJobNames();
		List<ExecutionLine> lines = new ArrayList<>();
		for (String name : names) {
			for (JobInstance instance : this.jobRepository.getJobInstances(name, 0, limit)) {
				for (JobExecution execution : this.jobRepository.getJobExecutions(instance)) {
					lines.add(line(execution));
				}
			}
		}
		lines.sort(Comparator.comparingLong(ExecutionLine::id).reversed());
		return lines.subList(0, Math.min(limit, lines.size()));
	}

	/**
	 * @param executionId a job execution id
	 * @return the execution with its steps, or {@code null} if there is none
	 */
	public JobExecution execution(long executionId) {
		return this.jobRepository.getJobExecution(executionId);
	}

	/**
	 * Abandons a failed or stopped execution: its date will not be restarted; only a
	 * {@code --rerun} runs it again.
	 * @param executionId the execution
	 * @return the execution as it is now
	 * @throws IllegalArgumentException if there is no such execution, or it is running
	 */
	public ExecutionLine abandon(long executionId) {
		JobExecution execution = this.jobRepository.getJobExecution(executionId);
		if (execution == null) {
			throw new IllegalArgumentException("no execution " + executionId);
		}
		try {
			this.jobOperator.abandon(execution);
		}
		catch (org.springframework.batch.core.launch.JobExecutionAlreadyRunningException ex) {
			throw new IllegalArgumentException("execution " + executionId + " is running; stop it or, if its "
					+ "process died, run `recover` first");
		}
		log.info("Abandoned execution {} of {}", executionId, execution.getJobInstance().getJobName());
		return line(this.jobRepository.getJobExecution(executionId));
	}

	/**
	 * Marks every execution still recorded as running as FAILED, with its running steps,
	 * so that it can be restarted. Only right when no pipeline process is running: with
	 * the embedded database a running process holds the file lock, so this command cannot
	 * even start next to one.
	 * @return the executions recovered
	 */
	public List<ExecutionLine> recover() {
		List<ExecutionLine> recovered = new ArrayList<>();
		for (String name : this.jobRepository.getJobNames()) {
			for (JobExecution execution : this.jobRepository.findRunningJobExecutions(name)) {
				JobExecution full = this.jobRepository.getJobExecution(execution.getId());
				this.jobOperator.recover(full);
				log.info("Recovered execution {} of {}: marked FAILED, restartable", full.getId(), name);
				recovered.add(line(this.jobRepository.getJobExecution(execution.getId())));
			}
		}
		return recovered;
	}

	/**
	 * @param execution an execution
	 * @return its line in a listing
	 */
	public static ExecutionLine line(JobExecution execution) {
		LocalDate runDate = execution.getJobParameters().getLocalDate(RunParameters.RUN_DATE);
		Long attempt = execution.getJobParameters().getLong(RunParameters.ATTEMPT);
		LocalDateTime start = execution.getStartTime();
		LocalDateTime end = execution.getEndTime();
		return new ExecutionLine(execution.getId(), execution.getJobInstance().getJobName(), runDate,
				(attempt != null) ? attempt : 0, execution.getStatus(), start, end,
				(start != null && end != null) ? Duration.between(start, end) : null);
	}

	/**
	 * One execution in a listing.
	 *
	 * @param id the execution id
	 * @param job the job
	 * @param runDate the run date
	 * @param attempt the attempt
	 * @param status the status
	 * @param start when it started
	 * @param end when it ended, {@code null} while running
	 * @param duration how long it ran, {@code null} while running
	 */
	public record ExecutionLine(long id, String job, LocalDate runDate, long attempt, BatchStatus status,
			LocalDateTime start, LocalDateTime end, Duration duration) {
	}

	/**
	 * @param execution an execution
	 * @return its steps in the order they ran
	 */
	public static List<StepExecution> steps(JobExecution execution) {
		return execution.getStepExecutions().stream().sorted(Comparator.comparing(StepExecution::getId)).toList();
	}

}
