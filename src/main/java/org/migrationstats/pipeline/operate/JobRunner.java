package org.migrationstats.pipeline.operate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.migrationstats.pipeline.batch.Failures;
import org.migrationstats.pipeline.batch.IngestCounts;
import org.migrationstats.pipeline.batch.JobSpecs;
import org.migrationstats.pipeline.batch.PartitionWorker;
import org.migrationstats.pipeline.batch.PipelineJobs;
import org.migrationstats.pipeline.batch.RunInputs;
import org.migrationstats.pipeline.batch.RunParameters;
import org.migrationstats.pipeline.report.ReportWriter;
import org.migrationstats.pipeline.spec.JobSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Runs a job for a date the way an operator expects: a date runs once; running a
 * completed date again does nothing unless forced; running a failed date again restarts
 * it from the failed step, with the partitions that completed left as they are, provided
 * its input files are still those it started with. At most one execution of a job runs at
 * a time, across every process that shares the database ({@link JobLock}).
 */
@Component
public class JobRunner {

	private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final PipelineJobs jobs;

	private final JobSpecs specs;

	private final IngestCounts ingestCounts;

	private final JobLock lock;

	private final RunInputs inputs;

	private final List<JobExecutionListener> jobListeners;

	private final ObservationRegistry observations;

	private final DatabaseBackup backup;

	private final Notifications notifications;

	private final RunRetention retention;

	private final DatabaseCompaction compaction;

	/**
	 * Runs of this process hold it shared; compacting the embedded database, which closes
	 * every connection, holds it alone, and only when no run is going.
	 */
	private final ReadWriteLock database = new ReentrantReadWriteLock();

	private final boolean remote;

	private volatile boolean shuttingDown;

	public JobRunner(JobOperator jobOperator, JobRepository jobRepository, PipelineJobs jobs, JobSpecs specs,
			IngestCounts ingestCounts, JobLock lock, RunInputs inputs, List<JobExecutionListener> jobListeners,
			ObjectProvider<ObservationRegistry> observations, DatabaseBackup backup, Notifications notifications,
			RunRetention retention, DatabaseCompaction compaction,
			@Value("${pipeline.partitioning:local}") String partitioning) {
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.jobs = jobs;
		this.specs = specs;
		this.ingestCounts = ingestCounts;
		this.lock = lock;
		this.inputs = inputs;
		this.jobListeners = List.copyOf(jobListeners);
		this.observations = observations.getIfAvailable(() -> ObservationRegistry.NOOP);
		this.backup = backup;
		this.notifications = notifications;
		this.retention = retention;
		this.compaction = compaction;
		this.remote = "remote".equals(partitioning);
	}

	/**
	 * Runs, restarts or declines to rerun a job for a date.
	 * @param jobFile the job file
	 * @param date the run date, or {@code null} for today in the job's zone
	 * @param rerun whether to start the date over as a new attempt, whether it completed
	 * or failed
	 * @return the outcome
	 * @throws org.migrationstats.pipeline.spec.SpecException if the job file is invalid
	 */
	public RunOutcome run(Path jobFile, LocalDate date, boolean rerun) {
		JobSpec spec = this.specs.get(jobFile);
		LocalDate runDate = (date != null) ? date : LocalDate.now(spec.zone());
		return locked(spec, runDate, () -> {
			long attempt = lastAttempt(spec, runDate);
			if (attempt == 0) {
				return execute(spec, runDate, 1);
			}
			JobExecution last = lastExecution(spec, runDate, attempt);
			BatchStatus status = (last != null) ? last.getStatus() : BatchStatus.UNKNOWN;
			if (status.isRunning()) {
				return orphan(spec, runDate, last);
			}
			if (status == BatchStatus.COMPLETED || status == BatchStatus.ABANDONED) {
				if (!rerun) {
					return alreadyDone(spec, runDate, last);
				}
				log.info("Rerunning {} for {} as attempt {}", spec.name(), runDate, attempt + 1);
				return execute(spec, runDate, attempt + 1);
			}
			if (rerun) {
				abandon(last);
				log.info("Starting {} for {} over as attempt {}; execution {} ({}) abandoned", spec.name(), runDate,
						attempt + 1, last.getId(), status);
				return execute(spec, runDate, attempt + 1);
			}
			return resume(spec, runDate, attempt, last);
		});
	}

	/**
	 * Restarts a failed or stopped execution from where it stopped.
	 * @param executionId the job execution
	 * @return the outcome
	 * @throws org.migrationstats.pipeline.spec.SpecException if its job file is invalid
	 */
	public RunOutcome restart(long executionId) {
		JobExecution execution = ExecutionHistory.load(this.jobRepository, executionId);
		if (execution == null) {
			return RunOutcome.nothingDone(RunOutcome.Result.INVALID, null, null, executionId,
					"there is no job execution " + executionId + "; 'pipeline status' lists the recent ones");
		}
		String jobName = execution.getJobInstance().getJobName();
		LocalDate runDate = execution.getJobParameters().getLocalDate(RunParameters.RUN_DATE);
		JobSpec spec = this.specs.get(RunParameters.jobFile(execution.getJobParameters()));
		if (!spec.name().equals(jobName)) {
			return RunOutcome.nothingDone(RunOutcome.Result.INVALID, jobName, runDate, executionId,
					spec.source() + " now declares job '" + spec.name() + "', not '" + jobName + "': execution "
							+ executionId + " cannot be restarted from it");
		}
		return locked(spec, runDate, () -> {
			JobExecution last = this.jobRepository.getLastJobExecution(execution.getJobInstance());
			if (last != null && last.getId() != executionId) {
				return RunOutcome.nothingDone(RunOutcome.Result.INVALID, jobName, runDate, executionId,
						"execution " + executionId + " is not the latest of " + jobName + " for " + runDate
								+ ": the latest is " + last.getId() + " (" + last.getStatus() + ")");
			}
			long attempt = execution.getJobParameters().getLong(RunParameters.ATTEMPT);
			return restartLatest(spec, runDate, attempt, execution);
		});
	}

	/**
	 * Restarts the latest execution of a job for a date, if it failed or was stopped.
	 * @param jobFile the job file
	 * @param date the run date, or {@code null} for today in the job's zone
	 * @return the outcome
	 * @throws org.migrationstats.pipeline.spec.SpecException if the job file is invalid
	 */
	public RunOutcome restart(Path jobFile, LocalDate date) {
		JobSpec spec = this.specs.get(jobFile);
		LocalDate runDate = (date != null) ? date : LocalDate.now(spec.zone());
		return locked(spec, runDate, () -> {
			long attempt = lastAttempt(spec, runDate);
			JobExecution last = (attempt > 0) ? lastExecution(spec, runDate, attempt) : null;
			if (last == null) {
				return RunOutcome.nothingDone(RunOutcome.Result.INVALID, spec.name(), runDate, null,
						spec.name() + " has not run for " + runDate + ": there is nothing to restart ('pipeline run "
								+ spec.source() + " --date " + runDate + "' starts it)");
			}
			return restartLatest(spec, runDate, attempt, last);
		});
	}

	/**
	 * Asks every execution running in this process to stop at its next chunk boundary and
	 * refuses new runs from now on: what a process does when told to terminate.
	 * @return the executions asked to stop
	 */
	public List<Long> stopRunningExecutions() {
		this.shuttingDown = true;
		List<Long> stopped = new ArrayList<>();
		for (String jobName : this.lock.heldHere()) {
			for (JobExecution execution : this.jobRepository.findRunningJobExecutions(jobName)) {
				try {
					this.jobOperator.stop(execution);
					stopped.add(execution.getId());
					log.info("Asked execution {} of {} to stop", execution.getId(), jobName);
				}
				catch (Exception ex) {
					log.warn("Could not stop execution {} of {}: {}", execution.getId(), jobName, ex.getMessage());
				}
			}
		}
		return stopped;
	}

	private RunOutcome locked(JobSpec spec, LocalDate runDate, Supplier<RunOutcome> action) {
		if (this.shuttingDown) {
			return RunOutcome.nothingDone(RunOutcome.Result.BUSY, spec.name(), runDate, null,
					"the process is shutting down; " + spec.name() + " for " + runDate + " was not started");
		}
		RunOutcome outcome;
		boolean ran = false;
		// held from before the job's lock is taken (on a connection of its own) until it
		// is released, so that a compaction never closes the database under a run
		this.database.readLock().lock();
		try {
			Optional<JobLock.Held> held = this.lock.tryAcquire(spec.name());
			if (held.isEmpty()) {
				List<String> running = this.jobRepository.findRunningJobExecutions(spec.name())
					.stream()
					.sorted(Comparator.comparing(JobExecution::getId))
					.map((e) -> "execution " + e.getId() + " for "
							+ e.getJobParameters().getLocalDate(RunParameters.RUN_DATE) + ", " + e.getStatus())
					.toList();
				return RunOutcome.nothingDone(RunOutcome.Result.BUSY, spec.name(), runDate, null,
						"another execution of " + spec.name() + " is running"
								+ (running.isEmpty() ? "" : " (" + String.join("; ", running) + ")")
								+ "; nothing was done for " + runDate + ". Try again when it has ended.");
			}
			try (JobLock.Held ignored = held.get()) {
				outcome = action.get();
				ran = outcome.executionId() != null && (outcome.result() == RunOutcome.Result.SUCCESS
						|| outcome.result() == RunOutcome.Result.COMPLETED_WITH_REJECTS
						|| outcome.result() == RunOutcome.Result.FAILED);
				// a process told to terminate leaves them to the next run: copying or
				// compacting a large file could outlast its shutdown timeout
				if (ran && !this.shuttingDown) {
					this.retention.afterRun(spec.name());
				}
			}
		}
		finally {
			this.database.readLock().unlock();
		}
		if (ran && !this.shuttingDown) {
			compactUnlessBusy();
			backUp();
		}
		this.notifications.afterRun(outcome);
		return outcome;
	}

	/**
	 * Compacts the embedded database if it is worth it, once the job's lock is released
	 * (its connection would be closed under it), and only if no other run is going in
	 * this process; otherwise the last run to end does it.
	 */
	private void compactUnlessBusy() {
		if (!this.database.writeLock().tryLock()) {
			return;
		}
		try {
			this.compaction.afterRun();
		}
		finally {
			this.database.writeLock().unlock();
		}
	}

	/**
	 * Backs the embedded database up once it is compacted: the file a job of 3,000
	 * one-row files leaves is 529 MB, 1 % of it live, and took 9 s to copy, against 0.3 s
	 * to compact. Held as a run holds the database, so that no compaction closes it under
	 * the copy.
	 */
	private void backUp() {
		this.database.readLock().lock();
		try {
			this.backup.afterRun();
		}
		finally {
			this.database.readLock().unlock();
		}
	}

	private RunOutcome restartLatest(JobSpec spec, LocalDate runDate, long attempt, JobExecution last) {
		return switch (last.getStatus()) {
			case COMPLETED -> alreadyDone(spec, runDate, last);
			case FAILED, STOPPED -> resume(spec, runDate, attempt, last);
			case STARTING, STARTED, STOPPING -> orphan(spec, runDate, last);
			case ABANDONED -> RunOutcome.nothingDone(RunOutcome.Result.INVALID, spec.name(), runDate, last.getId(),
					"execution " + last.getId() + " of " + spec.name() + " for " + runDate
							+ " was abandoned and cannot be restarted; 'pipeline run " + spec.source() + " --date "
							+ runDate + " --rerun' starts the date over");
			default -> RunOutcome.nothingDone(RunOutcome.Result.INVALID, spec.name(), runDate, last.getId(),
					"execution " + last.getId() + " of " + spec.name() + " for " + runDate + " is " + last.getStatus()
							+ " and cannot be restarted; 'pipeline run " + spec.source() + " --date " + runDate
							+ " --rerun' starts the date over");
		};
	}

	private RunOutcome resume(JobSpec spec, LocalDate runDate, long attempt, JobExecution last) {
		List<String> changed = this.inputs.changes(last.getJobInstance(), this.jobRepository, spec);
		if (!changed.isEmpty()) {
			return RunOutcome.nothingDone(RunOutcome.Result.INPUT_CHANGED, spec.name(), runDate, last.getId(),
					"refusing to restart " + spec.name() + " for " + runDate + " (execution " + last.getId() + ", "
							+ last.getStatus() + "): input changed since it was ingested: " + String.join("; ", changed)
							+ ". The rows already ingested were read from the old file or declaration, so "
							+ "resuming would mix two versions. Restore it, or start the date over with 'pipeline run "
							+ spec.source() + " --date " + runDate + " --rerun'.");
		}
		log.info("Restarting {} for {} (attempt {}, last execution {} {})", spec.name(), runDate, attempt, last.getId(),
				last.getStatus());
		return execute(spec, runDate, attempt);
	}

	private RunOutcome orphan(JobSpec spec, LocalDate runDate, JobExecution last) {
		return RunOutcome.nothingDone(RunOutcome.Result.FAILED, spec.name(), runDate, last.getId(),
				"execution " + last.getId() + " of " + spec.name() + " for " + runDate + " is still marked "
						+ last.getStatus() + ", but no process runs it: the process that ran it ended without "
						+ "recording its end. 'pipeline recover' marks it failed; then restart it.");
	}

	private RunOutcome alreadyDone(JobSpec spec, LocalDate runDate, JobExecution last) {
		String report = last.getExecutionContext().getString(PipelineJobs.REPORT_FOLDER, "");
		return new RunOutcome(RunOutcome.Result.ALREADY_COMPLETE, spec.name(), runDate, last.getId(),
				"run date " + runDate + " of job " + spec.name() + " already " + last.getStatus().name().toLowerCase()
						+ " (execution " + last.getId()
						+ "); nothing was done. To run it again from scratch, add --rerun.",
				report, Outcomes.steps(last), List.of());
	}

	/**
	 * Names the steps still running of an execution that has ended: a remote partition
	 * goes on on its worker after the manager stopped waiting for it, and Spring Batch
	 * restarts nothing until it has ended.
	 * @return {@code ": execution N ended FAILED, but its step ... is still STARTED on
	 * worker ...; try again when it has ended"}, or empty
	 */
	private String stepsStillRunning(String jobName, JobParameters parameters) {
		JobExecution last = this.jobRepository.getLastJobExecution(jobName, parameters);
		if (last == null || last.getStatus().isRunning()) {
			return "";
		}
		List<String> steps = last.getStepExecutions()
			.stream()
			.filter((s) -> s.getStatus().isRunning())
			.sorted(Comparator.comparing(StepExecution::getId))
			.map((s) -> this.jobRepository.getStepExecution(s.getId()))
			.map((s) -> s.getStepName() + " is still " + s.getStatus()
					+ Optional.ofNullable(s.getExecutionContext().getString(PartitionWorker.WORKER, null))
						.map((worker) -> " on worker " + worker)
						.orElse(""))
			.toList();
		if (steps.isEmpty()) {
			return "";
		}
		return ": execution " + last.getId() + " ended " + last.getStatus() + ", but its step "
				+ String.join(", ", steps) + "; try again when it has ended";
	}

	private void abandon(JobExecution execution) {
		try {
			this.jobOperator.abandon(execution);
		}
		catch (JobExecutionAlreadyRunningException ex) {
			throw new IllegalStateException("execution " + execution.getId() + " is running", ex);
		}
	}

	private RunOutcome execute(JobSpec spec, LocalDate runDate, long attempt) {
		UnpublishedReports.remove(spec, runDate);
		Job job = this.jobs.job(spec);
		if (job instanceof AbstractJob abstractJob) {
			this.jobListeners.forEach(abstractJob::registerJobExecutionListener);
			abstractJob.setObservationRegistry(this.observations);
		}
		JobParameters parameters = RunParameters.of(spec, runDate, attempt);
		if (this.shuttingDown) {
			return RunOutcome.nothingDone(RunOutcome.Result.BUSY, spec.name(), runDate, null,
					"the process is shutting down; " + spec.name() + " for " + runDate + " was not started");
		}
		JobExecution execution;
		try {
			execution = this.jobOperator.start(job, parameters);
		}
		catch (JobExecutionAlreadyRunningException ex) {
			return RunOutcome.nothingDone(RunOutcome.Result.BUSY, spec.name(), runDate, null,
					spec.name() + " for " + runDate + " is already running"
							+ stepsStillRunning(job.getName(), parameters) + "; nothing was done");
		}
		catch (JobInstanceAlreadyCompleteException ex) {
			return RunOutcome.nothingDone(RunOutcome.Result.ALREADY_COMPLETE, spec.name(), runDate, null,
					"run date " + runDate + " of job " + spec.name() + " is already complete; nothing was done");
		}
		catch (Exception ex) {
			return RunOutcome.nothingDone(RunOutcome.Result.FAILED, spec.name(), runDate, null,
					"could not start " + spec.name() + " for " + runDate + ": " + Failures.describe(ex));
		}
		if (this.remote) {
			// the workers ran the partitions: what they recorded is in the job
			// repository,
			// not in the step executions this process made for them
			JobExecution stored = ExecutionHistory.load(this.jobRepository, execution.getId());
			if (stored != null) {
				execution = stored;
			}
		}
		return Outcomes.of(spec, runDate, execution, this.ingestCounts.collect(execution));
	}

	private long lastAttempt(JobSpec spec, LocalDate runDate) {
		long attempt = 0;
		while (this.jobRepository.getJobInstance(spec.name(), RunParameters.of(spec, runDate, attempt + 1)) != null) {
			attempt++;
		}
		return attempt;
	}

	private JobExecution lastExecution(JobSpec spec, LocalDate runDate, long attempt) {
		JobInstance instance = this.jobRepository.getJobInstance(spec.name(), RunParameters.of(spec, runDate, attempt));
		return (instance != null) ? this.jobRepository.getLastJobExecution(instance) : null;
	}

}
