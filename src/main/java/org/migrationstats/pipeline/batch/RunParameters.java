package org.migrationstats.pipeline.batch;

import java.nio.file.Path;
import java.time.LocalDate;

import org.migrationstats.pipeline.spec.JobSpec;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The job parameters of a run. {@code runDate} and {@code attempt} identify the job
 * instance (a date runs once; a forced rerun is the next attempt); the job file and its
 * fingerprint are recorded but do not identify it.
 */
public final class RunParameters {

	/** The night the run is for. */
	public static final String RUN_DATE = "runDate";

	/** 1 for the first run of a date, counting up with each forced rerun. */
	public static final String ATTEMPT = "attempt";

	/** The job file, as a path. */
	public static final String JOB_FILE = "jobFile";

	/** The SHA-256 of the job file when the run started. */
	public static final String SPEC_FINGERPRINT = "specFingerprint";

	private RunParameters() {
	}

	/**
	 * @param spec the job
	 * @param runDate the run date
	 * @param attempt the attempt, 1 unless forced
	 * @return the parameters
	 */
	public static JobParameters of(JobSpec spec, LocalDate runDate, long attempt) {
		return new JobParametersBuilder().addLocalDate(RUN_DATE, runDate, true)
			.addLong(ATTEMPT, attempt, true)
			.addString(JOB_FILE, spec.source().toString(), false)
			.addString(SPEC_FINGERPRINT, spec.fingerprint(), false)
			.toJobParameters();
	}

	/**
	 * @param parameters a run's parameters
	 * @return the job file they name
	 */
	public static Path jobFile(JobParameters parameters) {
		return Path.of(parameters.getString(JOB_FILE));
	}

}
