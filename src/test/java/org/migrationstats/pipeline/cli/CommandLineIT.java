package org.migrationstats.pipeline.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line as an operator uses it: exit codes and what is printed.
 */
class CommandLineIT {

	@TempDir
	static Path work;

	@Nested
	class WithoutTheDatabase {

		@Test
		void helpListsEveryCommandAndTheExitCodes() {
			Result help = execute("--help");

			assertThat(help.code()).isZero();
			assertThat(help.out())
				.contains("run", "schedule", "status", "show", "restart", "stop", "abandon", "recover", "prune",
						"validate", "jobs", "serve", "user")
				.contains("5   busy")
				.contains("6   restart refused")
				.contains("7   the database file is damaged");
		}

		@Test
		void aMistypedCommandIsAUsageErrorWithSuggestions() {
			Result typo = execute("stauts");

			assertThat(typo.code()).isEqualTo(2);
			assertThat(typo.err()).isEqualTo("""
					error: 'stauts' is not a command of pipeline
					Did you mean: pipeline status or pipeline restart or pipeline stop?
					See 'pipeline --help'.
					""");
			Result option = execute("run", "--dat", "2026-12-01", "jobs/nightly-migration.yml");
			assertThat(option.code()).isEqualTo(2);
			assertThat(option.err()).startsWith("error: '--dat' is not an option of pipeline run")
				.contains("--date")
				.doesNotContain("Unmatched", "Usage:");
		}

		@Test
		void aDateOrAnExecutionIdThatCannotBeReadIsSaidInWords() {
			Result date = execute("run", "jobs/nightly-migration.yml", "--date", "2026-13-01");
			assertThat(date.code()).isEqualTo(2);
			assertThat(date.err()).isEqualTo("""
					error: --date: '2026-13-01' is not a date: a date is written YYYY-MM-DD (a month from 01 to 12, \
					a day that the month has), for example 2026-12-01
					See 'pipeline run --help'.
					""");
			for (String command : new String[] { "show", "stop", "abandon" }) {
				Result id = execute(command, "abc");
				assertThat(id.code()).isEqualTo(2);
				assertThat(id.err()).startsWith("error: <executionId>: 'abc' is not an execution id: an execution id "
						+ "is a number, see 'pipeline status'\nSee 'pipeline " + command + " --help'.");
			}
		}

		@Test
		void jobsListsEachJobFileWithItsNextRun() throws IOException {
			Path folder = Files.createDirectories(work.resolve("jobs"));
			Files.copy(Path.of("jobs/nightly-migration.yml"), folder.resolve("nightly-migration.yml"));

			Result jobs = execute("jobs", "--dir", folder.toString());

			assertThat(jobs.code()).as(jobs.err()).isZero();
			assertThat(jobs.out()).contains("nightly-migration").contains("0 30 2 * * *").contains("UTC");
			assertThat(jobs.out()).containsPattern("02:30:00 \\+00:00 \\(run date \\d{4}-\\d\\d-\\d\\d\\)");
		}

		@Test
		void validateChecksTheInputFilesToo() throws IOException {
			Result valid = execute("validate", "jobs/nightly-migration.yml");
			assertThat(valid.code()).as(valid.err()).isZero();
			assertThat(valid.out())
				.contains("ok: dataset wb-population: input/worldbank/population.csv: header on row 1, 1,105 data rows")
				.contains("valid (7 dataset(s), 7 file(s), 2 period(s))");

			Path job = work.resolve("bad-column.yml");
			Files.writeString(job, Files.readString(Path.of("jobs/nightly-migration.yml"), StandardCharsets.UTF_8)
				.replace("year: Year", "year: Annee"), StandardCharsets.UTF_8);
			Result invalid = execute("validate", job.toString());

			assertThat(invalid.code()).isEqualTo(2);
			assertThat(invalid.err())
				.contains("input/worldbank/population.csv: no year column: expected one of [Annee]")
				.contains("2 problem(s)");
		}

		@Test
		void validateRefusesAFileWhoseNumbersContradictTheDecimalSeparatorAndNamesTheSetting() throws IOException {
			Path job = decimalCommaJob("validate-commas", "");

			Result refused = execute("validate", job.toString());

			assertThat(refused.code()).isEqualTo(2);
			assertThat(refused.err()).contains("error: dataset kaz-net-migration: " + work.resolve("commas.csv")
					+ ", row 3, column \"Value\": \"-481,38\" has a decimal comma (a comma followed by 2 digits), "
					+ "but dataset kaz-net-migration reads numbers with a decimal point (the default); add 'decimal: "
					+ "comma' to the dataset in the job file")
				.contains("1 problem(s)");

			Result valid = execute("validate",
					decimalCommaJob("validate-commas-declared", "decimal: comma").toString());

			assertThat(valid.code()).as(valid.err()).isZero();
			assertThat(valid.out()).contains("commas.csv: header on row 1, 2 data rows, the mapped columns present; "
					+ "number format: decimal comma, checked");
		}

		@Test
		void aYamlAliasBombIsAnInvalidJobFileNamedAsSuch() throws IOException {
			StringBuilder yaml = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
			for (char c = 'b'; c <= 'i'; c++) {
				yaml.append(c).append(": &").append(c).append(" [");
				yaml.append(String.join(", ", java.util.Collections.nCopies(9, "*" + (char) (c - 1)))).append("]\n");
			}
			Path job = Files.writeString(work.resolve("laughs.yml"), yaml + "name: laughs\n", StandardCharsets.UTF_8);

			for (String command : new String[] { "validate", "run" }) {
				Result refused = execute(command, job.toString());

				assertThat(refused.code()).as(command).isEqualTo(2);
				assertThat(refused.err()).as(command)
					.startsWith("error: " + job + ": the YAML is refused: Number of aliases for non-scalar nodes "
							+ "exceeds the specified max=50")
					.doesNotContain("\tat ");
			}
		}

	}

	/**
	 * A job whose one dataset is Kazakhstan's net migration of 1990 and 1997 in
	 * thousands, written with decimal commas (-103,336 and -481,38).
	 */
	static Path decimalCommaJob(String name, String setting) throws IOException {
		Path file = Files.writeString(work.resolve("commas.csv"),
				"Country;Year;Value\nKAZ;1990;-103,336\nKAZ;1997;-481,38\n", StandardCharsets.UTF_8);
		Path job = work.resolve(name + ".yml");
		Files.writeString(job, """
				name: %s
				membership: input/membership/iom.csv
				output: %s
				datasets:
				  - id: kaz-net-migration
				    path: %s
				    layout: long
				    measure: net-migration
				    scale: thousands
				    %s
				    columns: { country: Country, year: Year, value: Value }
				""".formatted(name, work.resolve("output"), file, setting), StandardCharsets.UTF_8);
		return job;
	}

	@Nested
	@TestInstance(TestInstance.Lifecycle.PER_CLASS)
	class WithTheDatabase {

		private long execution;

		@BeforeAll
		void runTheSampleJob() throws IOException {
			System.setProperty("spring.datasource.url", "jdbc:h2:file:" + work.resolve("db/pipeline"));
			Path job = work.resolve("nightly.yml");
			Files.writeString(job, Files.readString(Path.of("jobs/nightly-migration.yml"), StandardCharsets.UTF_8)
				.replace("output: output", "output: " + work.resolve("output")), StandardCharsets.UTF_8);
			Result run = execute("run", job.toString(), "--date", "2026-01-01");
			assertThat(run.code()).as(run.err()).isZero();
			assertThat(run.out()).contains("report: " + work.resolve("output/nightly-migration/2026-01-01"));
			Matcher id = Pattern.compile("^\\s+(\\d+)\\s+nightly-migration\\s+2026-01-01", Pattern.MULTILINE)
				.matcher(execute("status").out());
			assertThat(id.find()).isTrue();
			this.execution = Long.parseLong(id.group(1));
		}

		@AfterAll
		void forgetTheDatabase() {
			System.clearProperty("spring.datasource.url");
		}

		@Test
		void statusListsTheExecutionWithItsStepCounts() {
			Result status = execute("status", "nightly-migration", "--limit", "5");

			assertThat(status.code()).isZero();
			assertThat(status.out()).containsPattern("\\s+" + this.execution
					+ "\\s+nightly-migration\\s+2026-01-01\\s+1\\s+COMPLETED\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
			assertThat(status.out())
				.containsPattern("ingestFile:wb-population#1\\s+COMPLETED\\s+1,105\\s+975\\s+130\\s+0");
		}

		@Test
		void showGivesTheStepsAndTheInputsWithTheirChecksums() {
			Result show = execute("show", Long.toString(this.execution));

			assertThat(show.code()).isZero();
			assertThat(show.out()).contains("status      COMPLETED, exit code 0 (success)")
				.contains("run date    2026-01-01, attempt 1")
				.containsPattern("wb-population\\s+input/worldbank/population.csv\\s+33,388\\s+[0-9a-f]{16}\\s+1,105");
			assertThat(execute("show", "987654").code()).isEqualTo(2);
		}

		@Test
		void aDamagedDatabaseFileIsSaidToBeDamagedAndTheBackupOfTheRunRestoresIt() throws IOException {
			Path backups = work.resolve("db/backups");
			assertThat(backups).as("the run backed the database up when it ended").isDirectory();
			Result backup = execute("backup");
			assertThat(backup.code()).as(backup.err()).isZero();
			assertThat(backup.out()).startsWith("backed up to " + backups.resolve("pipeline-"))
				.contains("kept copies (newest first):");
			Path newest;
			try (var copies = Files.list(backups)) {
				List<Path> zips = copies.filter((f) -> f.toString().endsWith(".zip")).sorted().toList();
				assertThat(zips).hasSizeGreaterThanOrEqualTo(2);
				newest = zips.get(zips.size() - 1);
			}
			Path damaged = Files.createDirectories(work.resolve("damaged"));
			byte[] database = Files.readAllBytes(work.resolve("db/pipeline.mv.db"));
			// both file headers overwritten, as by a crash of the machine while they were
			// written
			Arrays.fill(database, 0, 8192, (byte) 0);
			Files.write(damaged.resolve("pipeline.mv.db"), database);
			String url = System.getProperty("spring.datasource.url");
			System.setProperty("spring.datasource.url", "jdbc:h2:file:" + damaged.resolve("pipeline"));
			try {
				Result status = execute("status");
				assertThat(status.code()).isEqualTo(7);
				assertThat(status.err())
					.startsWith("error: the database file " + damaged.resolve("pipeline.mv.db")
							+ " is damaged and cannot be opened (File corrupted")
					.contains("restore the newest copy from the backups folder")
					.doesNotContain("\tat ");
				try (var zip = new ZipInputStream(Files.newInputStream(newest))) {
					assertThat(zip.getNextEntry().getName()).isEqualTo("pipeline.mv.db");
					Files.copy(zip, damaged.resolve("pipeline.mv.db"), StandardCopyOption.REPLACE_EXISTING);
				}
				Result restored = execute("status");
				assertThat(restored.code()).as(restored.err()).isZero();
				assertThat(restored.out())
					.containsPattern("\\s+" + this.execution + "\\s+nightly-migration\\s+2026-01-01");
			}
			finally {
				System.setProperty("spring.datasource.url", url);
			}
		}

		@Test
		void restartingACompletedExecutionDoesNothing() {
			Result restart = execute("restart", Long.toString(this.execution));

			assertThat(restart.code()).isEqualTo(4);
			assertThat(restart.out()).contains("already completed")
				.startsWith("Execution " + this.execution + " completed run date 2026-01-01 earlier; its steps and "
						+ "files were:");

		}

		@Test
		void onlyRunningExecutionsCanBeStoppedAndOnlyFailedOnesAbandoned() {
			Result stop = execute("stop", Long.toString(this.execution));
			assertThat(stop.code()).isEqualTo(2);
			assertThat(stop.err()).contains("is not running (COMPLETED)");

			Result abandon = execute("abandon", Long.toString(this.execution));
			assertThat(abandon.code()).isEqualTo(2);
			assertThat(abandon.err()).contains("only a failed or stopped execution can be abandoned");
		}

		@Test
		void runWithMetricsPrintsTheJobAndStepTimers() {
			Result run = execute("run", work.resolve("nightly.yml").toString(), "--date", "2026-01-02", "--metrics");

			assertThat(run.code()).as(run.err()).isZero();
			assertThat(run.out()).containsPattern("spring\\.batch\\.job\\s+1\\s+[0-9.]+\\s+.*job\\.status=COMPLETED")
				.containsPattern("spring\\.batch\\.step\\s+1\\s+.*step\\.name=ingestFile:wb-population#1");
		}

		@Test
		void pruneDeletesTheRowsOfFinishedRunsOnlyAndKeepsTheirHistory() throws Exception {
			Path out = work.resolve("prune-out");
			Path job = work.resolve("prune-me.yml");
			Files.writeString(job,
					Files.readString(Path.of("jobs/nightly-migration.yml"), StandardCharsets.UTF_8)
						.replace("name: nightly-migration", "name: prune-me")
						.replace("output: output", "output: " + out),
					StandardCharsets.UTF_8);
			assertThat(execute("run", job.toString(), "--date", "2026-02-01").code()).isZero();
			Files.move(out, work.resolve("prune-out-published"));
			Files.writeString(out, "a file where the report folder should be");
			assertThat(execute("run", job.toString(), "--date", "2026-02-02").code()).as("report step fails")
				.isEqualTo(1);
			long completed = runId("2026-02-01");
			long failed = runId("2026-02-02");
			long observations = observations(completed);
			assertThat(observations).isEqualTo(observations(failed)).isPositive();

			Result dryRun = execute("prune", "prune-me", "--older-than", "0d", "--dry-run");

			assertThat(dryRun.code()).as(dryRun.err()).isZero();
			assertThat(dryRun.out()).containsPattern("prune-me\\s+2026-02-01\\s+1\\s+\\d+\\s+COMPLETED")
				.doesNotContain("2026-02-02")
				.contains("would delete");
			assertThat(observations(completed)).isEqualTo(observations);

			Result prune = execute("prune", "prune-me", "--older-than", "0d");

			assertThat(prune.code()).as(prune.err()).isZero();
			assertThat(prune.out()).contains("deleted").contains("of 1 run(s)");
			assertThat(observations(completed)).isZero();
			assertThat(observations(failed)).as("a failed run keeps its rows for its restart").isEqualTo(observations);
			assertThat(execute("prune", "prune-me", "--older-than", "0d").out()).startsWith("nothing to prune");
			assertThat(execute("status", "prune-me").out()).contains("2026-02-01").contains("COMPLETED");
			assertThat(execute("prune", "--older-than", "a month").err())
				.contains("--older-than must be an age such as 30d, 12h or P30D, found 'a month'");
		}

		private long runId(String runDate) throws SQLException {
			return query("SELECT i.JOB_INSTANCE_ID FROM BATCH_JOB_INSTANCE i JOIN BATCH_JOB_EXECUTION e "
					+ "ON e.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID JOIN BATCH_JOB_EXECUTION_PARAMS p "
					+ "ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID WHERE i.JOB_NAME = 'prune-me' "
					+ "AND p.PARAMETER_NAME = 'runDate' AND p.PARAMETER_VALUE = '" + runDate + "'");
		}

		private long observations(long runId) throws SQLException {
			return query("SELECT COUNT(*) FROM MIG_OBSERVATION WHERE RUN_ID = " + runId);
		}

		private long query(String sql) throws SQLException {
			try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + work.resolve("db/pipeline"),
					"sa", "");
					Statement statement = connection.createStatement();
					ResultSet result = statement.executeQuery(sql)) {
				assertThat(result.next()).as(sql).isTrue();
				return result.getLong(1);
			}
		}

		@Test
		void runFailsTheNightOnAFileWhoseNumbersContradictTheDecimalSeparator() throws IOException {
			Result run = execute("run", decimalCommaJob("run-commas", "").toString(), "--date", "2026-03-01");

			assertThat(run.code()).isEqualTo(1);
			assertThat(run.err()).contains(work.resolve("commas.csv") + ", row 3, column \"Value\": \"-481,38\" has a "
					+ "decimal comma (a comma followed by 2 digits), but dataset kaz-net-migration reads numbers with "
					+ "a decimal point (the default); add 'decimal: comma' to the dataset in the job file");
		}

		@Test
		void recoverFindsNothingWhenNoProcessDied() {
			Result recover = execute("recover");

			assertThat(recover.code()).isZero();
			assertThat(recover.out()).contains("no execution to recover");
		}

	}

	static Result execute(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int code = PipelineCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
		return new Result(code, out.toString(), err.toString());
	}

	record Result(int code, String out, String err) {
	}

}
