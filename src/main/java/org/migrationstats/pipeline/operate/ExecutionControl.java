package org.migrationstats.pipeline.operate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.migrationstats.pipeline.batch.RunParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/**
 * Stops, abandons and recovers job executions by id, as an operator asks from the command
 * line, possibly from another process than the one running the job.
 */
@Component
public class ExecutionControl {

	private static final Logger log = LoggerFactory.getLogger(ExecutionControl.class);

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final JobLock lock;

	public ExecutionControl(JobOperator jobOperator, JobRepository jobRepository, JobLock lock) {
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.lock = lock;
	}

	/**
	 * Asks a running execution to stop at its next chunk boundary; it ends STOPPED and
	 * can be restarted.
	 * @param executionId the execution
	 * @return what was done
	 */
	public Answer stop(long executionId) {
		JobExecution execution = ExecutionHistory.load(this.jobRepository, executionId);
		if (execution == null) {
			return Answer.invalid("there is no job execution " + executionId);
		}
		if (!execution.getStatus().isRunning()) {
			return Answer.invalid("execution " + executionId + " is not running (" + execution.getStatus() + ")");
		}
		String job = execution.getJobInstance().getJobName();
		Optional<JobLock.Held> held = this.lock.isHeldHere(job) ? Optional.empty() : this.lock.tryAcquire(job);
		if (held.isPresent()) {
			held.get().close();
			return Answer.invalid("execution " + executionId + " is marked " + execution.getStatus()
					+ " but no process runs it; 'pipeline recover' marks it failed so that it can be restarted");
		}
		try {
			this.jobOperator.stop(execution);
		}
		catch (Exception ex) {
			return Answer.invalid("execution " + executionId + " cannot be stopped: " + ex.getMessage());
		}
		log.info("Asked execution {} of {} to stop", executionId, job);
		return Answer.done("asked execution " + executionId + " of " + job
				+ " to stop; it stops at the end of the chunk in progress and can then be restarted");
	}

	/**
	 * Marks a failed or stopped execution as never to be restarted.
	 * @param executionId the execution
	 * @return what was done
	 */
	public Answer abandon(long executionId) {
		JobExecution execution = ExecutionHistory.load(this.jobRepository, executionId);
		if (execution == null) {
			return Answer.invalid("there is no job execution " + executionId);
		}
		BatchStatus status = execution.getStatus();
		if (status != BatchStatus.FAILED && status != BatchStatus.STOPPED && status != BatchStatus.UNKNOWN) {
			return Answer.invalid("execution " + executionId + " is " + status
					+ ": only a failed or stopped execution can be abandoned"
					+ (status.isRunning() ? " (stop it first, or 'pipeline recover' it if its process is gone)" : ""));
		}
		try {
			this.jobOperator.abandon(execution);
		}
		catch (Exception ex) {
			return Answer.invalid("execution " + executionId + " cannot be abandoned: " + ex.getMessage());
		}
		log.info("Abandoned execution {} of {}", executionId, execution.getJobInstance().getJobName());
		return Answer.done("execution " + executionId + " of " + execution.getJobInstance().getJobName() + " for "
				+ execution.getJobParameters().getLocalDate(RunParameters.RUN_DATE)
				+ " abandoned; 'pipeline run <job> --date D --rerun' starts that date over");
	}

	/**
	 * Finds the executions left STARTED (or STARTING, STOPPING) by a process that died
	 * and marks them and their running steps FAILED, so that they can be restarted. An
	 * execution whose job is running in a live process is left alone.
	 * @return the recovered executions and those left alone
	 */
	public Recovery recover() {
		List<Long> recovered = new ArrayList<>();
		List<String> leftAlone = new ArrayList<>();
		for (String job : this.jobRepository.getJobNames()) {
			List<JobExecution> running = this.jobRepository.findRunningJobExecutions(job)
				.stream()
				.sorted(Comparator.comparing(JobExecution::getId))
				.toList();
			if (running.isEmpty()) {
				continue;
			}
			Optional<JobLock.Held> held = this.lock.isHeldHere(job) ? Optional.empty() : this.lock.tryAcquire(job);
			if (held.isEmpty()) {
				running.forEach((e) -> leftAlone
					.add("execution " + e.getId() + " of " + job + " is running in a live process; left alone"));
				continue;
			}
			try (JobLock.Held ignored = held.get()) {
				for (JobExecution execution : running) {
					recover(execution);
					recovered.add(execution.getId());
				}
			}
		}
		return new Recovery(recovered, leftAlone);
	}

	private void recover(JobExecution execution) {
		List<Long> runningSteps = execution.getStepExecutions()
			.stream()
			.filter((s) -> s.getStatus().isRunning())
			.map(StepExecution::getId)
			.toList();
		JobExecution recovered = this.jobOperator.recover(execution);
		String why = "the process running it ended without recording its end; marked FAILED by recover";
		for (StepExecution step : recovered.getStepExecutions()) {
			if (runningSteps.contains(step.getId())) {
				step.setExitStatus(ExitStatus.FAILED.addExitDescription(why));
				this.jobRepository.update(step);
			}
		}
		recovered.setExitStatus(ExitStatus.FAILED.addExitDescription(why));
		this.jobRepository.update(recovered);
		log.info("Recovered execution {} of {} for {}: marked FAILED, with step(s) {}", execution.getId(),
				execution.getJobInstance().getJobName(),
				execution.getJobParameters().getLocalDate(RunParameters.RUN_DATE), runningSteps);
	}

	/**
	 * The answer to a request about one execution.
	 *
	 * @param done whether it was carried out
	 * @param message what was done, or why not
	 */
	public record Answer(boolean done, String message) {

		static Answer done(String message) {
			return new Answer(true, message);
		}

		static Answer invalid(String message) {
			return new Answer(false, message);
		}

	}

	/**
	 * What {@link #recover()} did.
	 *
	 * @param recovered the executions marked FAILED
	 * @param leftAlone one line per running execution that a live process runs
	 */
	public record Recovery(List<Long> recovered, List<String> leftAlone) {
	}

}
