package org.migrationstats.pipeline.batch;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Logs the start and end of each job execution and puts the job, run date and execution
 * id into the logging context ({@link MDC}) of the thread that runs it, so that every
 * line logged meanwhile can be told apart by run.
 */
@Component
class RunLogging implements JobExecutionListener {

	static final String JOB = "job";

	static final String EXECUTION = "execution";

	static final String RUN_DATE = "runDate";

	private static final Logger log = LoggerFactory.getLogger(RunLogging.class);

	@Override
	public void beforeJob(JobExecution execution) {
		MDC.put(JOB, execution.getJobInstance().getJobName());
		MDC.put(EXECUTION, String.valueOf(execution.getId()));
		MDC.put(RUN_DATE, String.valueOf(execution.getJobParameters().getLocalDate(RunParameters.RUN_DATE)));
		log.info("Job {} started for {} (attempt {}, execution {}, run {})", execution.getJobInstance().getJobName(),
				execution.getJobParameters().getLocalDate(RunParameters.RUN_DATE),
				execution.getJobParameters().getLong(RunParameters.ATTEMPT), execution.getId(),
				execution.getJobInstance().getInstanceId());
	}

	@Override
	public void afterJob(JobExecution execution) {
		try {
			for (Throwable failure : execution.getFailureExceptions()) {
				if (failure instanceof JobInterruptedException) {
					continue;
				}
				Failures.log(log, "Job " + execution.getJobInstance().getJobName() + " failed", failure);
			}
			Duration took = Failures.duration(execution.getStartTime(), execution.getEndTime());
			log.info("Job {} ended {} for {} in {} s (execution {})", execution.getJobInstance().getJobName(),
					execution.getStatus(), execution.getJobParameters().getLocalDate(RunParameters.RUN_DATE),
					String.format("%.1f", took.toMillis() / 1000.0), execution.getId());
		}
		finally {
			MDC.remove(JOB);
			MDC.remove(EXECUTION);
			MDC.remove(RUN_DATE);
		}
	}

}
