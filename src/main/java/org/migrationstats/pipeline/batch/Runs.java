package org.migrationstats.pipeline.batch;

import org.migrationstats.pipeline.spec.JobSpec;
import org.migrationstats.pipeline.store.RunStore;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;

/**
 * What a step needs to know about the run it belongs to.
 */
final class Runs {

	private Runs() {
	}

	/**
	 * @param chunkContext a step's chunk context
	 * @return the run's id: the job instance id, shared by a run's restarts
	 */
	static long runId(ChunkContext chunkContext) {
		return job(chunkContext).getJobInstance().getInstanceId();
	}

	/**
	 * @param chunkContext a step's chunk context
	 * @return the job execution the step runs in
	 */
	static JobExecution job(ChunkContext chunkContext) {
		return chunkContext.getStepContext().getStepExecution().getJobExecution();
	}

	/**
	 * @param runs the runs' store
	 * @param job a running job execution
	 * @return whether it was told to stop (by {@code stop}, or SIGTERM to the process
	 * that runs it): the repository says so, as it does to a chunk-oriented step between
	 * chunks; a step that is one long piece of work asks between its parts
	 */
	static boolean stopRequested(RunStore runs, JobExecution job) {
		// a stop records STOPPING, or STOPPED at once where it sets the end time too
		return runs.executionStatus(job.getId())
			.map(BatchStatus::valueOf)
			.filter((status) -> status == BatchStatus.STOPPING || status == BatchStatus.STOPPED)
			.isPresent();
	}

	/**
	 * @param specs the specs cache
	 * @param chunkContext a step's chunk context
	 * @return the spec of the job file named in the run's parameters
	 */
	static JobSpec spec(JobSpecs specs, ChunkContext chunkContext) {
		return specs.get(RunParameters.jobFile(job(chunkContext).getJobParameters()));
	}

}
