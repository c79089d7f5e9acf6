package org.migrationstats.pipeline.operate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.migrationstats.pipeline.batch.RunParameters;
import org.migrationstats.pipeline.store.RunData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Keeps the database from growing night after night: a run that completed (or was
 * abandoned) longer ago than the retention period no longer needs its observations,
 * rejects and figures in the database, since its report is published and it will never be
 * restarted. A failed or stopped run keeps everything, whatever its age, as a restart
 * needs it; so does a run still going.
 */
@Component
public class RunRetention {

	private static final Logger log = LoggerFactory.getLogger(RunRetention.class);

	/**
	 * The job's instances whose last execution completed or was abandoned before a time:
	 * the only ones a prune may empty, found without reading every instance of the job.
	 */
	private static final String FINISHED_BEFORE = """
			SELECT I.JOB_INSTANCE_ID AS RUN_ID FROM BATCH_JOB_INSTANCE I
			JOIN BATCH_JOB_EXECUTION E ON E.JOB_INSTANCE_ID = I.JOB_INSTANCE_ID
			WHERE I.JOB_NAME = ? AND E.STATUS IN ('COMPLETED', 'ABANDONED') AND E.END_TIME < ?
			AND E.JOB_EXECUTION_ID = (SELECT MAX(L.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION L
				WHERE L.JOB_INSTANCE_ID = I.JOB_INSTANCE_ID)""";

	private final JobRepository jobRepository;

	private final RunData data;

	private final Duration keep;

	public RunRetention(JobRepository jobRepository, RunData data, @Value("${pipeline.retention:30d}") Duration keep) {
		this.jobRepository = jobRepository;
		this.data = data;
		this.keep = keep;
	}

	/**
	 * After a run of a job ends: removes the stored rows of its finished runs that ended
	 * longer ago than {@code pipeline.retention}, so that the database does not grow with
	 * every night. A failure is logged, not thrown: the run's outcome stands.
	 * @param jobName the job that ran
	 */
	void afterRun(String jobName) {
		if (this.keep.isZero() || this.keep.isNegative()) {
			return;
		}
		try {
			List<Pruned> pruned = prune(jobName, cutoff(this.keep), false);
			if (!pruned.isEmpty()) {
				log.info("Kept {} runs: pruned {} older run(s) of {}", this.keep, pruned.size(), jobName);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Pruning the runs of {} older than {} failed: {}", jobName, this.keep, ex.getMessage());
		}
	}

	/**
	 * Removes, or only lists, the stored rows of the finished runs that ended before a
	 * time.
	 * @param jobName a job, or {@code null} for every job
	 * @param endedBefore runs that ended at or after this time are kept
	 * @param dryRun whether to list only
	 * @return the runs with rows to remove, oldest first, with their row counts
	 */
	public List<Pruned> prune(String jobName, LocalDateTime endedBefore, boolean dryRun) {
		List<String> names = (jobName != null) ? List.of(jobName) : this.jobRepository.getJobNames();
		List<Pruned> pruned = new ArrayList<>();
		for (String name : names) {
			for (long runId : this.data.holdingRows(FINISHED_BEFORE, name, Timestamp.valueOf(endedBefore))) {
				JobInstance instance = this.jobRepository.getJobInstance(runId);
				JobExecution last = (instance != null) ? this.jobRepository.getLastJobExecution(instance) : null;
				// checked again through the repository: the query above only narrows
				if (last == null || !finished(last.getStatus()) || last.getEndTime() == null
						|| !last.getEndTime().isBefore(endedBefore)) {
					continue;
				}
				long rows = dryRun ? this.data.rows(runId) : this.data.delete(runId);
				if (rows == 0) {
					continue;
				}
				Long attempt = last.getJobParameters().getLong(RunParameters.ATTEMPT);
				pruned.add(new Pruned(name, last.getJobParameters().getLocalDate(RunParameters.RUN_DATE),
						(attempt != null) ? attempt : 0, last.getId(), last.getStatus().name(), last.getEndTime(),
						rows));
				if (!dryRun) {
					log.info("Pruned run {} of {} for {} (execution {}, {} at {}): {} rows deleted", runId, name,
							last.getJobParameters().getLocalDate(RunParameters.RUN_DATE), last.getId(),
							last.getStatus(), last.getEndTime(), rows);
				}
			}
		}
		pruned.sort(Comparator.comparing(Pruned::ended));
		return pruned;
	}

	/**
	 * @param olderThan how long ago a run must have ended to be pruned
	 * @return the time before which runs ended
	 */
	public static LocalDateTime cutoff(Duration olderThan) {
		return LocalDateTime.now().minus(olderThan);
	}

	private static boolean finished(BatchStatus status) {
		return status == BatchStatus.COMPLETED || status == BatchStatus.ABANDONED;
	}

	/**
	 * A run whose stored rows were (or would be) removed.
	 *
	 * @param job the job
	 * @param runDate its run date
	 * @param attempt its attempt
	 * @param executionId its last execution
	 * @param status that execution's status
	 * @param ended when it ended
	 * @param rows the rows removed
	 */
	public record Pruned(String job, LocalDate runDate, long attempt, long executionId, String status,
			LocalDateTime ended, long rows) {
	}

}
