package org.migrationstats.pipeline.batch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * One log line when a step starts and one when it ends, with the job, the execution and
 * the step, so that an operator reading the log knows where a run was.
 */
class StepLogListener implements StepExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(StepLogListener.class);

	@Override
	public void beforeStep(StepExecution step) {
		log.info("Step {} started (job {}, execution {}{})", step.getStepName(),
				step.getJobExecution().getJobInstance().getJobName(), step.getJobExecution().getId(),
				step.getExecutionContext().containsKey(DatasetPartitioner.FILE)
						? ", file " + step.getExecutionContext().getString(DatasetPartitioner.FILE) : "");
	}

	@Override
	public ExitStatus afterStep(StepExecution step) {
		log.info("Step {} ended {} (job {}, execution {}): read {}, written {}, filtered {}, skipped {}",
				step.getStepName(), step.getStatus(), step.getJobExecution().getJobInstance().getJobName(),
				step.getJobExecution().getId(), step.getReadCount(), step.getWriteCount(), step.getFilterCount(),
				step.getSkipCount());
		return null;
	}

}
