package org.migrationstats.pipeline.batch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.migrationstats.pipeline.PipelineApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills the pipeline with SIGKILL in the middle of a step, in a child JVM against an H2
 * file, then runs {@code recover} and the same {@code run} again in new JVMs, and checks
 * that the report equals a clean run's byte for byte, that steps completed before the
 * kill were not run again, and that no record was lost or counted twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashRecoveryTest {

	private static final String RUN_DATE = "2026-06-01";

	private static final List<String> STABLE = List.of("country_year.csv", "periods.csv", "groups.csv", "rejects.csv",
			"aggregates.csv", "sources.csv", "checks.csv");

	private final Path work = ScratchFolders.create("crash");

	private Path cleanReport;

	@BeforeAll
	void writeTheInputAndRunItCleanly() throws Exception {
		StringBuilder csv = new StringBuilder("Office,ISO3,Year,Arrivals,Departures\n");
		Random random = new Random(1951);
		List<String> countries = List.of("KAZ", "KGZ", "TJK", "TKM", "UZB", "NGA", "RWA", "KHM", "ZWE", "BDI");
		for (int i = 0; i < 150_000; i++) {
			csv.append("office-")
				.append(i % 211)
				.append(',')
				.append(countries.get(random.nextInt(countries.size())))
				.append(',')
				.append(1990 + random.nextInt(30))
				.append(',')
				.append(random.nextInt(5000))
				.append(',')
				.append(random.nextInt(5000))
				.append('\n');
		}
		Files.writeString(this.work.resolve("registrations.csv"), csv, StandardCharsets.UTF_8);
		Files.writeString(this.work.resolve("registrations.yml"), """
				name: registrations
				membership: %s
				output: OUTPUT
				datasets:
				  - id: registrations
				    path: %s
				    layout: long
				    sum-records: true
				    columns: { country: ISO3, year: Year, immigrants: Arrivals, emigrants: Departures }
				periods:
				  - { name: "1991-2002", from: 1991, to: 2002 }
				""".formatted(Path.of("input/membership/iom.csv").toAbsolutePath(),
				this.work.resolve("registrations.csv")), StandardCharsets.UTF_8);
		Path clean = this.work.resolve("clean");
		Child run = Child.start(clean, "run", job(clean).toString(), "--date", RUN_DATE);
		assertThat(run.waitFor()).as(run.output()).isZero();
		this.cleanReport = clean.resolve("output/registrations/" + RUN_DATE);
	}

	@Test
	void killedDuringIngestThenRecoveredAndRestartedGivesTheCleanRunsReport() throws Exception {
		Path dir = this.work.resolve("kill-ingest");
		Child run = Child.start(dir, "run", job(dir).toString(), "--date", RUN_DATE);
		run.awaitOutput("Step ingestFile:registrations#1 started");
		Thread.sleep(1500);
		run.kill();
		assertThat(statuses(dir, "ingestFile:registrations#1")).containsExactly("STARTED");
		long committedBeforeKill = committedRows(dir);
		assertThat(committedBeforeKill).as("rows committed before the kill").isPositive().isLessThan(150_000);

		recoverAndRestart(dir);

		assertThat(statuses(dir, "ingestFile:registrations#1")).containsExactly("FAILED", "COMPLETED");
		assertThat(statuses(dir, "prepareInputs")).containsExactly("COMPLETED");
		assertThat(readOnRestart(dir)).isEqualTo(150_000 - committedBeforeKill);
		assertSameReportAsCleanRun(dir);
	}

	@Test
	void killedDuringComputeThenRecoveredAndRestartedReadsNoFileAgain() throws Exception {
		Path dir = this.work.resolve("kill-compute");
		Child run = Child.start(dir, "run", job(dir).toString(), "--date", RUN_DATE);
		run.awaitOutput("Step computeFigures started");
		Thread.sleep(200);
		run.kill();

		recoverAndRestart(dir);

		assertThat(statuses(dir, "ingestFile:registrations#1")).containsExactly("COMPLETED");
		assertThat(statuses(dir, "computeFigures")).hasSize(2).endsWith("COMPLETED");
		assertSameReportAsCleanRun(dir);
	}

	@Test
	void aSecondProcessOnTheSameDatabaseIsToldItIsInUseWithoutAStackTrace() throws Exception {
		Path dir = this.work.resolve("locked");
		Child run = Child.start(dir, "run", job(dir).toString(), "--date", RUN_DATE);
		run.awaitOutput("Step ingestFile:registrations#1 started");
		Child second = Child.start(dir, "run", job(dir).toString(), "--date", RUN_DATE);
		int exit = second.waitFor();
		run.kill();
		assertThat(exit).isEqualTo(1);
		assertThat(second.output())
			.contains("error: the database " + dir.resolve("db/pipeline.mv.db").toAbsolutePath()
					+ " is in use by another pipeline process")
			.doesNotContain("\tat ");
	}

	private void recoverAndRestart(Path dir) throws Exception {
		Child recover = Child.start(dir, "recover");
		assertThat(recover.waitFor()).as(recover.output()).isZero();
		assertThat(recover.output()).contains("recovered execution 1 of registrations for " + RUN_DATE);
		Child restart = Child.start(dir, "run", job(dir).toString(), "--date", RUN_DATE);
		assertThat(restart.waitFor()).as(restart.output()).isZero();
		assertThat(restart.output()).contains("registrations for " + RUN_DATE + " completed");
	}

	private void assertSameReportAsCleanRun(Path dir) {
		Path report = dir.resolve("output/registrations/" + RUN_DATE);
		for (String file : STABLE) {
			assertThat(report.resolve(file)).as(file).hasSameTextualContentAs(this.cleanReport.resolve(file));
		}
	}

	/** The job file, with the output under the scenario's folder. */
	private Path job(Path dir) throws IOException {
		Files.createDirectories(dir);
		Path job = dir.resolve("registrations.yml");
		Files.writeString(job, Files.readString(this.work.resolve("registrations.yml"))
			.replace("output: OUTPUT", "output: " + dir.resolve("output")));
		return job;
	}

	private static List<String> statuses(Path dir, String step) throws SQLException {
		List<String> statuses = new ArrayList<>();
		try (Connection db = database(dir);
				ResultSet rs = db.createStatement()
					.executeQuery("SELECT STATUS FROM BATCH_STEP_EXECUTION WHERE STEP_NAME = '" + step
							+ "' ORDER BY STEP_EXECUTION_ID")) {
			while (rs.next()) {
				statuses.add(rs.getString(1));
			}
		}
		return statuses;
	}

	/** Records committed so far, from the reader position saved with the last chunk. */
	private static long committedRows(Path dir) throws Exception {
		try (Connection db = database(dir);
				ResultSet rs = db.createStatement()
					.executeQuery(
							"SELECT c.SHORT_CONTEXT FROM BATCH_STEP_EXECUTION_CONTEXT c JOIN BATCH_STEP_EXECUTION s "
									+ "ON s.STEP_EXECUTION_ID = c.STEP_EXECUTION_ID "
									+ "WHERE s.STEP_NAME = 'ingestFile:registrations#1' ORDER BY s.STEP_EXECUTION_ID")) {
			assertThat(rs.next()).isTrue();
			byte[] serialized = java.util.Base64.getDecoder().decode(rs.getString(1));
			try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
					new java.io.ByteArrayInputStream(serialized))) {
				java.util.Map<?, ?> context = (java.util.Map<?, ?>) in.readObject();
				return (Long) context.get("reader.rows");
			}
		}
	}

	private static long readOnRestart(Path dir) throws SQLException {
		try (Connection db = database(dir);
				ResultSet rs = db.createStatement()
					.executeQuery("SELECT READ_COUNT FROM BATCH_STEP_EXECUTION WHERE STEP_NAME = "
							+ "'ingestFile:registrations#1' ORDER BY STEP_EXECUTION_ID DESC")) {
			assertThat(rs.next()).isTrue();
			return rs.getLong(1);
		}
	}

	private static Connection database(Path dir) throws SQLException {
		return DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("db/pipeline").toAbsolutePath(), "sa", "");
	}

	/** The pipeline's command line in a JVM of its own, as an operator would run it. */
	private static final class Child {

		private final Process process;

		private final StringBuffer output = new StringBuffer();

		private Child(Process process) {
			this.process = process;
			Thread reader = new Thread(() -> {
				try (BufferedReader in = new BufferedReader(
						new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
					String line;
					while ((line = in.readLine()) != null) {
						this.output.append(line).append('\n');
					}
				}
				catch (IOException ex) {
					this.output.append("(output lost: ").append(ex.getMessage()).append(")\n");
				}
			});
			reader.setDaemon(true);
			reader.start();
		}

		static Child start(Path dir, String... args) throws IOException {
			Files.createDirectories(dir);
			List<String> command = new ArrayList<>(
					List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-cp",
							System.getProperty("java.class.path"),
							"-Dspring.datasource.url=jdbc:h2:file:" + dir.resolve("db/pipeline").toAbsolutePath()
									+ ";WRITE_DELAY=0",
							"-Dlogging.file.name=" + dir.resolve("pipeline.log"), "-Dpipeline.chunk-size=500",
							PipelineApplication.class.getName()));
			command.addAll(List.of(args));
			return new Child(new ProcessBuilder(command).redirectErrorStream(true).start());
		}

		void awaitOutput(String text) throws InterruptedException {
			for (int i = 0; i < 1200 && this.output.indexOf(text) < 0; i++) {
				assertThat(this.process.isAlive()).as("the child ended before printing '" + text + "':\n" + this.output)
					.isTrue();
				Thread.sleep(50);
			}
			assertThat(this.output.indexOf(text)).as("'" + text + "' within a minute").isNotNegative();
		}

		void kill() throws InterruptedException {
			// destroyForcibly is SIGKILL on Linux: no shutdown hook, no rollback but the
			// database's own.
			this.process.destroyForcibly();
			assertThat(this.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}

		int waitFor() throws InterruptedException {
			assertThat(this.process.waitFor(5, TimeUnit.MINUTES)).as(this.output.toString()).isTrue();
			Thread.sleep(100);
			return this.process.exitValue();
		}

		String output() {
			return this.output.toString();
		}

	}

}
