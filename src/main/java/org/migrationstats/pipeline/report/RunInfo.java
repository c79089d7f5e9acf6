package org.migrationstats.pipeline.report;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * The facts about a run that the report's Run details sheet states.
 *
 * @param job the job's name
 * @param jobFile the job file
 * @param runDate the night the run is for
 * @param attempt 1, or the number of a forced rerun
 * @param runId the job instance id, under which the run's rows are stored
 * @param executionId the job execution that wrote the report
 * @param started when that execution started
 * @param membershipFile the membership file
 */
public record RunInfo(String job, String jobFile, LocalDate runDate, long attempt, long runId, long executionId,
		LocalDateTime started, String membershipFile) {
}
