package org.migrationstats.pipeline.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.apache.commons.csv.CSVRecord;

import org.migrationstats.pipeline.operate.JobRunner;
import org.migrationstats.pipeline.operate.RunOutcome;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What a whole-job test that writes its own job needs: a scratch folder with the test's
 * H2 database, its job files and inputs, and the reports under {@link #output()}; a run
 * of a job file; the CSV files of the report a run published.
 */
final class JobFixture {

	private final Path work;

	/**
	 * @param prefix the scratch folder's name's start
	 */
	JobFixture(String prefix) {
		this.work = ScratchFolders.create(prefix);
	}

	/**
	 * @return the scratch folder
	 */
	Path work() {
		return this.work;
	}

	/**
	 * Points the test's Spring context at an H2 file database in the scratch folder.
	 * @param registry the test's dynamic properties
	 */
	void database(DynamicPropertyRegistry registry) {
		ScratchFolders.database(registry, this.work);
	}

	/**
	 * @return the folder the job files name as their {@code output}
	 */
	Path output() {
		return this.work.resolve("output");
	}

	/**
	 * Writes a file in the scratch folder.
	 * @param name its name
	 * @param text its text, written in UTF-8
	 * @return the file
	 */
	Path write(String name, CharSequence text) {
		try {
			return Files.writeString(this.work.resolve(name), text, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Runs a job file for a date, as {@code run} without {@code --rerun} does.
	 * @param runner the job runner of the test's context
	 * @param jobFile the job file
	 * @param runDate the run date, {@code yyyy-MM-dd}
	 * @return how the run ended
	 */
	static RunOutcome run(JobRunner runner, Path jobFile, String runDate) {
		return runner.run(jobFile, LocalDate.parse(runDate), false);
	}

	/**
	 * @param job the job's name
	 * @param runDate the run date, {@code yyyy-MM-dd}
	 * @return the folder the run of that date publishes its report in
	 */
	Path report(String job, String runDate) {
		return output().resolve(job).resolve(runDate);
	}

	/**
	 * @param job the job's name
	 * @param runDate the run date, {@code yyyy-MM-dd}
	 * @param table the table's CSV file, such as {@code rejects.csv}
	 * @return its rows, by header
	 */
	List<CSVRecord> csv(String job, String runDate, String table) throws IOException {
		return csv(report(job, runDate), table);
	}

	/**
	 * @param report a published report folder
	 * @param table the table's CSV file, such as {@code rejects.csv}
	 * @return its rows, by header
	 */
	static List<CSVRecord> csv(Path report, String table) throws IOException {
		return NightlyJobIT.csv(report.resolve(table), ',');
	}

}
