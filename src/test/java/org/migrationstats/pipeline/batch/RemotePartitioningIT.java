package org.migrationstats.pipeline.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.batch.integration.partition.StepExecutionRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The whole job with remote partitioning, as on several machines: a manager and worker
 * processes ({@code -Xmx256m} each) sharing a PostgreSQL database and a RabbitMQ broker,
 * on the sample job split into 8 partitions (files). Its figures and CSV files equal
 * those of the embedded H2 run byte for byte; {@code show} names the worker of each
 * partition; requests delivered again for partitions that completed run nothing again; a
 * worker killed with {@code kill -9} after committing blocks leaves its partition to
 * another, which goes on from its last committed block; with no worker alive, the
 * manager's timeout fails the step naming the partitions no worker took, and a restart
 * with a worker running completes it; a partition still running at the manager's timeout
 * finishes on its worker and is not read again by the restart; a manager killed while a
 * worker runs a partition is recovered and restarted to the same figures; a request the
 * broker delivers again when its consumer timeout expires (on a RabbitMQ node of the
 * test's own) is dropped while its partition runs.
 * <p>
 * Runs where {@code PIPELINE_TEST_POSTGRES_URL} (with {@code _USER} and
 * {@code _PASSWORD}) and {@code PIPELINE_TEST_RABBITMQ_URI} are set ({@code .ci/run} sets
 * them); it works in a schema of its own, dropped and made again first, and a queue of
 * its own, deleted at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemotePartitioningIT {

	private static final String SCHEMA = "remote_partitioning_it";

	private static final String H2_DATE = "2031-01-01";

	private static final String BIG_FILE_STEP = "ingestFile:wb-population#1";

	private static final List<String> HEAP = List.of("-Xmx256m");

	private final Path work = ScratchFolders.create("remote");

	private final String queue = "pipeline.partitions.it-" + UUID.randomUUID().toString().substring(0, 8);

	private final List<ChildJvm.Child> workers = new ArrayList<>();

	private String postgresUrl;

	private String rabbitUri;

	private SampleJob job;

	@BeforeAll
	void cleanSchemaAndRunOnH2() throws Exception {
		String url = System.getenv("PIPELINE_TEST_POSTGRES_URL");
		this.rabbitUri = System.getenv("PIPELINE_TEST_RABBITMQ_URI");
		assumeTrue(
				url != null && url.startsWith("jdbc:postgresql:") && this.rabbitUri != null
						&& !this.rabbitUri.isBlank(),
				"needs PIPELINE_TEST_POSTGRES_URL and PIPELINE_TEST_RABBITMQ_URI");
		this.postgresUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;
		try (Connection connection = DriverManager.getConnection(url, user(), password());
				Statement statement = connection.createStatement()) {
			statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
			statement.execute("CREATE SCHEMA " + SCHEMA);
		}
		this.job = SampleJob.copyTo(this.work.resolve("sample"));
		// the 2023 vintage in two files: 8 partitions
		Path vintage = this.job.input("worldbank/population-2023-vintage.csv");
		List<String> lines = Files.readAllLines(vintage, StandardCharsets.UTF_8);
		int half = lines.size() / 2;
		Files.write(vintage.resolveSibling("population-2023-vintage-a.csv"), lines.subList(0, half),
				StandardCharsets.UTF_8);
		List<String> second = new ArrayList<>(List.of(lines.get(0)));
		second.addAll(lines.subList(half, lines.size()));
		Files.write(vintage.resolveSibling("population-2023-vintage-b.csv"), second, StandardCharsets.UTF_8);
		Files.delete(vintage);
		this.job.setJobFileText("worldbank/population-2023-vintage.csv", "worldbank/population-2023-vintage-*.csv");

		ChildJvm h2 = new ChildJvm(this.work.resolve("h2"), Map.of("pipeline.chunk-size", "100"), HEAP);
		ChildJvm.Child.Result clean = h2.run("run", this.job.jobFile().toString(), "--date", H2_DATE);
		assertThat(clean.exitCode()).as(clean.output()).isZero();
		assertThat(clean.output()).contains("ingestFile:wb-population-2023#2");
	}

	@AfterEach
	void stopWorkers() throws InterruptedException {
		for (ChildJvm.Child worker : this.workers) {
			if (worker.process().isAlive()) {
				worker.process().destroy();
				if (!worker.process().waitFor(60, TimeUnit.SECONDS)) {
					worker.kill();
				}
			}
		}
		this.workers.clear();
	}

	@AfterAll
	void deleteQueue() {
		if (this.rabbitUri != null) {
			CachingConnectionFactory connections = new CachingConnectionFactory(java.net.URI.create(this.rabbitUri));
			try {
				new RabbitAdmin(connections).deleteQueue(this.queue);
			}
			finally {
				connections.destroy();
			}
		}
	}

	@Test
	void twoWorkersIngestThePartitionsAndTheFiguresEqualTheEmbeddedRunsAndRequestsSentAgainRunNothing()
			throws Exception {
		String date = "2031-01-02";
		ChildJvm.Child first = startWorker("worker-1", Map.of());
		ChildJvm.Child second = startWorker("worker-2", Map.of());

		ChildJvm.Child.Result run = manager().run("run", this.job.jobFile().toString(), "--date", date);

		assertThat(run.exitCode()).as(run.output()).isZero();
		assertSameAsH2Run(date);
		long execution = lastExecution(date);
		List<String> partitions = text("SELECT STEP_NAME FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ? "
				+ "AND STEP_NAME LIKE 'ingestFile:%' ORDER BY STEP_NAME", execution);
		assertThat(partitions).hasSize(8);
		ChildJvm.Child.Result show = manager().run("show", Long.toString(execution));
		assertThat(show.exitCode()).as(show.output()).isZero();
		String firstPid = " pid " + first.process().pid();
		String secondPid = " pid " + second.process().pid();
		for (String partition : partitions) {
			assertThat(show.output()).as("show names the worker of " + partition)
				.containsPattern("(?m)^" + java.util.regex.Pattern.quote(partition) + " +\\S+ pid \\d+$");
		}
		assertThat(show.output()).as("each worker took partitions: one request at a time each")
			.contains(firstPid)
			.contains(secondPid);

		// every request again, as RabbitMQ redelivers one whose worker's channel closed
		String before = snapshot(execution);
		long observations = count("SELECT COUNT(*) FROM MIG_OBSERVATION WHERE RUN_ID = ?", runId(date));
		List<Long> ids = longs("SELECT STEP_EXECUTION_ID FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ? "
				+ "AND STEP_NAME LIKE 'ingestFile:%'", execution);
		sendRequests(execution, ids);
		awaitDropped(ids.size(), first, second);
		assertThat(snapshot(execution)).as("no partition ran again").isEqualTo(before);
		assertThat(count("SELECT COUNT(*) FROM MIG_OBSERVATION WHERE RUN_ID = ?", runId(date)))
			.as("no row counted twice")
			.isEqualTo(observations);
		assertSameAsH2Run(date);

		// SIGTERM: the worker stops and says so
		first.process().destroy();
		ChildJvm.Child.Result stopped = first.await();
		assertThat(stopped.output()).containsPattern("worker \\S+ pid " + first.process().pid() + " stopped");
	}

	@Test
	void aWorkerKilledAfterCommittingBlocksLeavesItsPartitionToAnotherThatGoesOnFromItsLastBlock() throws Exception {
		String date = "2031-01-03";
		Path marker = this.work.resolve("paused-worker");
		// the first worker alone takes the partitions in turn, the big file first, and is
		// paused in its third block, after committing two
		ChildJvm.Child doomed = startWorker("doomed-worker", pause(marker));
		ChildJvm.Child manager = manager().start(Map.of(), "run", this.job.jobFile().toString(), "--date", date);
		doomed.awaitPause(marker);
		doomed.kill();
		long execution = lastExecution(date);
		assertThat(stepStatus(execution, BIG_FILE_STEP)).isEqualTo("STARTED");
		assertThat(committedRows(date)).as("rows of the two blocks committed before the kill").isEqualTo(200);

		ChildJvm.Child survivor = startWorker("surviving-worker", Map.of());
		ChildJvm.Child.Result run = manager.await();

		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(survivor.text()).contains("Partition " + BIG_FILE_STEP + " was left running by a worker that is "
				+ "gone (" + hostOf(doomed) + " pid " + doomed.process().pid() + ")");
		assertThat(longs("SELECT READ_COUNT FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ? AND STEP_NAME = ?",
				execution, BIG_FILE_STEP))
			.as("one step execution, read once: 200 rows by the killed worker, the rest by the other")
			.containsExactly(1105L);
		assertSameAsH2Run(date);
		assertNoRowTwice(date);
	}

	@Test
	void aWorkerToldToStopFinishesItsBlockAndTheRestartGoesOnFromIt() throws Exception {
		String date = "2031-01-05";
		Path marker = this.work.resolve("paused-stopping-worker");
		ChildJvm.Child stopping = startWorker("stopping-worker", pause(marker));
		ChildJvm.Child manager = manager().start(Map.of(), "run", this.job.jobFile().toString(), "--date", date);
		stopping.awaitPause(marker);

		ChildJvm.Child.Result stopped = stopping.terminate();

		assertThat(stopped.output())
			.contains("Told to stop: partition " + BIG_FILE_STEP + " stops after its current block");
		long execution = lastExecution(date);
		assertThat(stepStatus(execution, BIG_FILE_STEP)).as(stopped.output()).isEqualTo("STOPPED");
		assertThat(committedRows(date)).as("the block in progress at SIGTERM is finished, then the partition stops")
			.isEqualTo(300);
		startWorker("next-worker", Map.of());
		ChildJvm.Child.Result run = manager.await();
		assertThat(run.exitCode()).as(run.output()).isEqualTo(1);

		ChildJvm.Child.Result restart = manager().run("restart", Long.toString(execution));

		assertThat(restart.exitCode()).as(restart.output()).isZero();
		assertThat(longs("SELECT s.READ_COUNT FROM BATCH_STEP_EXECUTION s JOIN BATCH_JOB_EXECUTION e "
				+ "ON e.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID WHERE e.JOB_INSTANCE_ID = ? AND s.STEP_NAME = ? "
				+ "ORDER BY s.STEP_EXECUTION_ID", runId(date), BIG_FILE_STEP))
			.containsExactly(300L, 1105L - 300L);
		assertSameAsH2Run(date);
		assertNoRowTwice(date);
	}

	@Test
	void theBrokerRestartedMidRunLosesNoPartitionAndCountsNoRowTwice() throws Exception {
		assumeTrue(rabbitmqctl("status") == 0, "needs rabbitmqctl for the local broker (run as root)");
		String date = "2031-01-06";
		// one worker, paused in the big file's third block: its request is
		// unacknowledged,
		// the partitions after it are queued, while the broker stops and starts again
		Path marker = this.work.resolve("paused-through-restart");
		ChildJvm.Child worker = startWorker("worker-through-restart", pause(marker));
		ChildJvm.Child manager = manager().start(Map.of(), "run", this.job.jobFile().toString(), "--date", date);
		worker.awaitPause(marker);

		assertThat(rabbitmqctl("stop_app")).isZero();
		int before = worker.text().split("COMPLETED on worker", -1).length - 1;
		assertThat(rabbitmqctl("start_app")).isZero();
		Files.writeString(Path.of(marker + ".release"), "go on");
		ChildJvm.Child.Result run = manager.await();

		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(before).as("partitions done before the broker stopped: the others were queued or running")
			.isLessThan(8);
		assertThat(worker.text()).as("the request in hand, unacknowledged, came back and was not run again")
			.containsPattern("Partition " + java.util.regex.Pattern.quote(BIG_FILE_STEP)
					+ " \\(step execution \\d+\\) is already COMPLETED; request dropped");
		assertSameAsH2Run(date);
		assertNoRowTwice(date);
	}

	@Test
	void aManagerThatCannotReachTheBrokerFailsTheIngestStepAndARestartWithTheBrokerCompletesTheRun() throws Exception {
		String date = "2031-01-07";
		ChildJvm.Child.Result unreachable = manager(
				Map.of("spring.rabbitmq.addresses", "amqp://pipeline_ci:pipeline_ci@127.0.0.1:1/pipeline_ci"))
			.run("run", this.job.jobFile().toString(), "--date", date);

		assertThat(unreachable.exitCode()).as(unreachable.output()).isEqualTo(1);
		assertThat(unreachable.output())
			.contains("failed: cannot send the ingest partitions to the broker at 127.0.0.1:1 (spring.rabbitmq.*): ");
		long execution = lastExecution(date);
		assertThat(text("SELECT DISTINCT STATUS FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ? "
				+ "AND STEP_NAME LIKE 'ingestFile:%'", execution))
			.as("no partition left STARTING, which Spring Batch would refuse to restart")
			.doesNotContain("STARTING", "STARTED");

		startWorker("worker-after-broker-failure", Map.of());
		ChildJvm.Child.Result restart = manager().run("restart", Long.toString(execution));

		assertThat(restart.exitCode()).as(restart.output()).isZero();
		assertSameAsH2Run(date);
		assertNoRowTwice(date);
	}

	@Test
	void stopFromAnotherMachineStopsTheWorkersPartitionsAtTheirNextBlockAndTheRestartCompletes() throws Exception {
		String date = "2031-01-08";
		Path marker = this.work.resolve("paused-before-stop");
		ChildJvm.Child worker = startWorker("worker-told-to-stop", pause(marker));
		ChildJvm.Child manager = manager().start(Map.of(), "run", this.job.jobFile().toString(), "--date", date);
		worker.awaitPause(marker);
		long execution = lastExecution(date);

		ChildJvm.Child.Result stop = manager().run("stop", Long.toString(execution));
		ChildJvm.Child.Result run = manager.await();

		assertThat(stop.exitCode()).as(stop.output()).isZero();
		assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
		assertThat(status(execution)).as(run.output()).isEqualTo("STOPPED");
		assertThat(stepStatus(execution, BIG_FILE_STEP)).isEqualTo("STOPPED");
		assertThat(text("SELECT DISTINCT STATUS FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ? "
				+ "AND STEP_NAME LIKE 'ingestFile:%'", execution))
			.doesNotContain("STARTING", "STARTED");
		assertThat(worker.process().isAlive()).as("the worker goes on taking partitions").isTrue();

		ChildJvm.Child.Result restart = manager().run("restart", Long.toString(execution));

		assertThat(restart.exitCode()).as(restart.output()).isZero();
		assertSameAsH2Run(date);
		assertNoRowTwice(date);
	}

	@Test
	void withNoWorkerTheManagerTimesOutNamingThePartitionsAndARestartWithAWorkerCompletesTheRun() throws Exception {
		String date = "2031-01-04";
		ChildJvm.Child.Result timedOut = manager(Map.of("pipeline.remote.timeout", "PT8S")).run("run",
				this.job.jobFile().toString(), "--date", date);

		assertThat(timedOut.exitCode()).as(timedOut.output()).isEqualTo(1);
		assertThat(timedOut.output()).contains("no worker took partitions 1..8 of 8 (ingestFile:")
			.contains("within PT8S (pipeline.remote.timeout)");
		long execution = lastExecution(date);
		assertThat(status(execution)).isEqualTo("FAILED");

		startWorker("late-worker", Map.of());
		ChildJvm.Child.Result restart = manager().run("restart", Long.toString(execution));

		assertThat(restart.exitCode()).as(restart.output()).isZero();
		assertSameAsH2Run(date);
		assertNoRowTwice(date);
	}

	@Test
	void aPartitionStillRunningWhenTheManagerTimesOutIsNamedFinishesOnItsWorkerAndIsNotRunAgainByTheRestart()
			throws Exception {
		String date = "2031-01-09";
		Path marker = this.work.resolve("paused-past-timeout");
		ChildJvm.Child worker = startWorker("worker-past-timeout", pause(marker));
		ChildJvm.Child manager = manager(Map.of("pipeline.remote.timeout", "PT15S")).start(Map.of(), "run",
				this.job.jobFile().toString(), "--date", date);
		worker.awaitPause(marker);

		ChildJvm.Child.Result timedOut = manager.await();

		assertThat(timedOut.exitCode()).as(timedOut.output()).isEqualTo(1);
		long execution = lastExecution(date);
		List<String> partitions = text("SELECT STEP_NAME FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ? "
				+ "AND STEP_NAME LIKE 'ingestFile:%' ORDER BY STEP_EXECUTION_ID", execution);
		int running = partitions.indexOf(BIG_FILE_STEP) + 1;
		assertThat(timedOut.output()).contains("partitions " + running + " of 8 were still running on workers after "
				+ "PT15S (pipeline.remote.timeout)");
		assertThat(status(execution)).isEqualTo("FAILED");
		assertThat(stepStatus(execution, BIG_FILE_STEP)).as("its worker still runs it").isEqualTo("STARTED");

		ChildJvm.Child.Result tooEarly = manager().run("restart", Long.toString(execution));

		assertThat(tooEarly.exitCode()).as("busy: " + tooEarly.output()).isEqualTo(5);
		assertThat(tooEarly.output()).contains("execution " + execution + " ended FAILED, but its step " + BIG_FILE_STEP
				+ " is still STARTED on worker " + hostOf(worker) + " pid " + worker.process().pid()
				+ "; try again when it has ended; nothing was done");
		assertThat(count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID = ?", runId(date)))
			.as("no execution made")
			.isEqualTo(1);

		Files.writeString(Path.of(marker + ".release"), "go on");
		awaitText(worker, "Partition " + BIG_FILE_STEP + " COMPLETED on worker");
		ChildJvm.Child.Result restart = manager().run("restart", Long.toString(execution));

		assertThat(restart.exitCode()).as(restart.output()).isZero();
		assertThat(longs("SELECT s.READ_COUNT FROM BATCH_STEP_EXECUTION s JOIN BATCH_JOB_EXECUTION e "
				+ "ON e.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID WHERE e.JOB_INSTANCE_ID = ? AND s.STEP_NAME = ? "
				+ "ORDER BY s.STEP_EXECUTION_ID", runId(date), BIG_FILE_STEP))
			.as("the big file read once, by the worker that had it when the manager gave up")
			.containsExactly(1105L);
		assertSameAsH2Run(date);
		assertNoRowTwice(date);
	}

	@Test
	void aManagerKilledWhileAWorkerRunsAPartitionIsRecoveredAndTheRestartGivesTheCleanRunsFigures() throws Exception {
		String date = "2031-01-10";
		Path marker = this.work.resolve("paused-manager-killed");
		ChildJvm.Child worker = startWorker("worker-manager-killed", pause(marker));
		ChildJvm.Child manager = manager().start(Map.of(), "run", this.job.jobFile().toString(), "--date", date);
		worker.awaitPause(marker);
		manager.kill();
		long execution = lastExecution(date);
		assertThat(status(execution)).isEqualTo("STARTED");

		ChildJvm.Child.Result recover = manager().run("recover");

		assertThat(recover.exitCode()).as(recover.output()).isZero();
		assertThat(recover.output()).contains("execution " + execution + " marked FAILED");
		assertThat(status(execution)).isEqualTo("FAILED");
		assertThat(text("SELECT DISTINCT STATUS FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ?", execution))
			.as("nothing left running that a restart would refuse")
			.doesNotContain("STARTING", "STARTED");

		// the worker goes on with its block: it must not count it beside the restart
		Files.writeString(Path.of(marker + ".release"), "go on");
		awaitText(worker, "Partition " + BIG_FILE_STEP + " was ended by another process while worker " + hostOf(worker)
				+ " pid " + worker.process().pid() + " ran it (recover?): its block in progress " + "was rolled back");
		assertThat(stepStatus(execution, BIG_FILE_STEP)).isEqualTo("FAILED");
		assertThat(committedRows(date)).as("the two blocks committed before the manager died, not the third")
			.isEqualTo(200);
		ChildJvm.Child.Result restart = manager().run("restart", Long.toString(execution));

		assertThat(restart.exitCode()).as(restart.output()).isZero();
		assertThat(longs("SELECT s.READ_COUNT FROM BATCH_STEP_EXECUTION s JOIN BATCH_JOB_EXECUTION e "
				+ "ON e.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID WHERE e.JOB_INSTANCE_ID = ? AND s.STEP_NAME = ? "
				+ "ORDER BY s.STEP_EXECUTION_ID", runId(date), BIG_FILE_STEP))
			.as("200 rows before the manager died, the rest after the restart")
			.containsExactly(200L, 1105L - 200L);
		assertSameAsH2Run(date);
		assertNoRowTwice(date);
	}

	@Test
	void aRequestRedeliveredWhenTheBrokersConsumerTimeoutExpiresIsDroppedWhileItsPartitionRunsAndRunsOnce()
			throws Exception {
		assumeTrue(PrivateBroker.available(), "needs root and rabbitmq-server here, for a node of its own");
		String date = "2031-01-11";
		try (PrivateBroker broker = PrivateBroker.start(Duration.ofSeconds(3))) {
			Map<String, String> viaBroker = Map.of("spring.rabbitmq.addresses", broker.uri(),
					"pipeline.remote.consumer-timeout", "PT3S");
			Path marker = this.work.resolve("paused-past-consumer-timeout");
			// the first worker holds the big file's request unacknowledged for longer
			// than
			// the consumer timeout: the broker closes its channel and delivers the
			// request
			// again, to the second worker
			ChildJvm.Child holder = startWorker("worker-past-consumer-timeout", pause(marker), viaBroker);
			ChildJvm.Child manager = manager(viaBroker).start(Map.of(), "run", this.job.jobFile().toString(), "--date",
					date);
			holder.awaitPause(marker);
			long execution = lastExecution(date);
			long big = count("SELECT STEP_EXECUTION_ID FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ? "
					+ "AND STEP_NAME = ?", execution, BIG_FILE_STEP);
			ChildJvm.Child other = startWorker("worker-given-the-redelivery", Map.of(), viaBroker);
			awaitText(other, "Partition " + PipelineBatchConfiguration.INGEST_FILE + " (step execution " + big
					+ ") is being run by another worker; request dropped");

			Files.writeString(Path.of(marker + ".release"), "go on");
			ChildJvm.Child.Result run = manager.await();

			assertThat(run.exitCode()).as(run.output()).isZero();
			assertThat(holder.text()).contains("Partition " + BIG_FILE_STEP + " COMPLETED on worker " + hostOf(holder)
					+ " pid " + holder.process().pid());
			assertThat(other.text()).doesNotContain("Partition " + BIG_FILE_STEP + " COMPLETED");
			assertThat(holder.text()).as("the broker's consumer timeout closed the holder's channel")
				.contains("PRECONDITION_FAILED - delivery acknowledgement on channel")
				.contains("timed out. Timeout value used: 3000 ms");
			assertThat(longs(
					"SELECT READ_COUNT FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ? " + "AND STEP_NAME = ?",
					execution, BIG_FILE_STEP))
				.as("one step execution, read once, by the worker whose channel was closed")
				.containsExactly(1105L);
			assertSameAsH2Run(date);
			assertNoRowTwice(date);
		}
	}

	private static void awaitText(ChildJvm.Child child, String text) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (!child.text().contains(text)) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("no \"" + text + "\" in:\n" + child.text());
			}
			Thread.sleep(100);
		}
	}

	/**
	 * @return the faults that pause a worker in the big file's third block, after it
	 * committed two
	 */
	private static Map<String, String> pause(Path marker) {
		return Map.of("faults.after-sql", "UPDATE MIG_FILE_COUNT SET ROWS_READ", "faults.in-step", BIG_FILE_STEP,
				"faults.after-count", "3", "faults.action", "pause", "faults.marker", marker.toString());
	}

	/**
	 * @return the big file's rows committed in the run of a date
	 */
	private long committedRows(String date) throws SQLException {
		return count("SELECT COUNT(*) FROM (SELECT SOURCE_ROW FROM MIG_OBSERVATION WHERE RUN_ID = ? "
				+ "AND DATASET_ID = 'wb-population' UNION SELECT SOURCE_ROW FROM MIG_AGGREGATE_ROW WHERE RUN_ID = ? "
				+ "AND DATASET_ID = 'wb-population') r", runId(date), runId(date));
	}

	/**
	 * @return the exit code of {@code rabbitmqctl} on the local node
	 */
	private static int rabbitmqctl(String command) throws InterruptedException {
		try {
			Process process = new ProcessBuilder("rabbitmqctl", "-n", "rabbit@localhost", "-q", command)
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (!process.waitFor(120, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return -1;
			}
			return process.exitValue();
		}
		catch (IOException ex) {
			return -1;
		}
	}

	private ChildJvm manager() {
		return manager(Map.of());
	}

	private ChildJvm manager(Map<String, String> more) {
		Map<String, String> properties = new LinkedHashMap<>(remoteProperties());
		properties.putAll(more);
		return new ChildJvm(this.work.resolve("manager"), properties, HEAP);
	}

	private ChildJvm.Child startWorker(String name, Map<String, String> faults) throws InterruptedException {
		return startWorker(name, faults, Map.of());
	}

	private ChildJvm.Child startWorker(String name, Map<String, String> faults, Map<String, String> more)
			throws InterruptedException {
		Map<String, String> properties = new LinkedHashMap<>(remoteProperties());
		properties.putAll(more);
		ChildJvm.Child worker = new ChildJvm(this.work.resolve(name), properties, HEAP).start(faults, "worker");
		this.workers.add(worker);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
		while (!worker.text().contains("takes partitions from queue " + this.queue)) {
			if (!worker.process().isAlive()) {
				throw new AssertionError("the worker ended:\n" + worker.text());
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("the worker did not start:\n" + worker.text());
			}
			Thread.sleep(100);
		}
		return worker;
	}

	private Map<String, String> remoteProperties() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.url", this.postgresUrl);
		properties.put("spring.datasource.username", user());
		properties.put("spring.datasource.password", password());
		properties.put("spring.rabbitmq.addresses", this.rabbitUri);
		properties.put("pipeline.partitioning", "remote");
		properties.put("pipeline.remote.queue", this.queue);
		properties.put("pipeline.remote.poll-interval", "PT0.5S");
		properties.put("pipeline.remote.timeout", "PT4M");
		properties.put("pipeline.chunk-size", "100");
		return properties;
	}

	private void sendRequests(long execution, List<Long> stepExecutionIds) throws SQLException {
		CachingConnectionFactory connections = new CachingConnectionFactory(java.net.URI.create(this.rabbitUri));
		try {
			RabbitTemplate template = new RabbitTemplate(connections);
			template.setMessageConverter(RemotePartitioning.requestConverter());
			for (long id : stepExecutionIds) {
				String step = text("SELECT STEP_NAME FROM BATCH_STEP_EXECUTION WHERE STEP_EXECUTION_ID = ?", id).get(0);
				template.convertAndSend("", this.queue, new StepExecutionRequest(step, id));
			}
		}
		finally {
			connections.destroy();
		}
	}

	private void awaitDropped(int requests, ChildJvm.Child... workers) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (true) {
			int dropped = 0;
			for (ChildJvm.Child worker : workers) {
				// the job execution has completed: so have its partitions
				dropped += worker.text().split("which is COMPLETED; request dropped", -1).length - 1;
			}
			if (dropped == requests) {
				return;
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError(dropped + " of " + requests + " requests dropped");
			}
			Thread.sleep(100);
		}
	}

	private static String hostOf(ChildJvm.Child worker) {
		java.util.regex.Matcher line = java.util.regex.Pattern.compile("(?m)^worker (\\S+) pid \\d+ takes partitions")
			.matcher(worker.text());
		assertThat(line.find()).as(worker.text()).isTrue();
		return line.group(1);
	}

	/**
	 * @return every step execution of the execution with its status, counts, version and
	 * end, and the pipeline's per-file counts of its run
	 */
	private String snapshot(long execution) throws SQLException {
		return String
			.join("\n", text("SELECT STEP_NAME || ' ' || STATUS || ' ' || READ_COUNT || ' ' || WRITE_COUNT "
					+ "|| ' ' || VERSION || ' ' || COALESCE(CAST(END_TIME AS VARCHAR), '-') FROM BATCH_STEP_EXECUTION "
					+ "WHERE JOB_EXECUTION_ID = ? ORDER BY STEP_EXECUTION_ID", execution))
				+ "\n"
				+ String.join("\n", text("SELECT DATASET_ID || ' ' || FILE_NAME || ' ' || ROWS_READ || ' ' "
						+ "|| ROWS_WRITTEN || ' ' || OBSERVATIONS FROM MIG_FILE_COUNT WHERE JOB_EXECUTION_ID = ? "
						+ "ORDER BY DATASET_ID, FILE_NAME", execution));
	}

	private void assertSameAsH2Run(String date) throws IOException {
		List<Path> expected = this.job.stableCsvFiles(H2_DATE);
		List<Path> actual = this.job.stableCsvFiles(date);
		for (int i = 0; i < expected.size(); i++) {
			assertThat(Files.mismatch(actual.get(i), expected.get(i))).as(actual.get(i) + " byte for byte")
				.isEqualTo(-1L);
		}
	}

	private void assertNoRowTwice(String date) throws SQLException {
		long run = runId(date);
		Map<String, String> tables = new LinkedHashMap<>();
		tables.put("MIG_OBSERVATION", "DATASET_ID, FILE_NAME, SOURCE_ROW, COUNTRY, YR, MEASURE, VAL");
		tables.put("MIG_AGGREGATE_ROW", "DATASET_ID, FILE_NAME, SOURCE_ROW, SCHEME, CODE");
		for (Map.Entry<String, String> table : tables.entrySet()) {
			long rows = count("SELECT COUNT(*) FROM " + table.getKey() + " WHERE RUN_ID = ?", run);
			long distinct = count("SELECT COUNT(*) FROM (SELECT DISTINCT " + table.getValue() + " FROM "
					+ table.getKey() + " WHERE RUN_ID = ?) d", run);
			assertThat(distinct).as(table.getKey() + ": no row twice").isEqualTo(rows).isPositive();
		}
		assertThat(count("SELECT SUM(ROWS_READ) FROM MIG_FILE_COUNT WHERE RUN_ID = ? AND DATASET_ID = 'wb-population'",
				run))
			.as("the big file's rows counted once")
			.isEqualTo(1105);
	}

	private long lastExecution(String date) throws SQLException {
		return count("SELECT MAX(e.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_EXECUTION_PARAMS p "
				+ "ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID WHERE p.PARAMETER_NAME = 'runDate' "
				+ "AND p.PARAMETER_VALUE = ?", date);
	}

	private long runId(String date) throws SQLException {
		return count("SELECT JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?", lastExecution(date));
	}

	private String status(long execution) throws SQLException {
		return text("SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?", execution).get(0);
	}

	private String stepStatus(long execution, String step) throws SQLException {
		return text("SELECT STATUS FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ? AND STEP_NAME = ?", execution,
				step)
			.get(0);
	}

	private long count(String sql, Object... args) throws SQLException {
		List<Long> values = longs(sql, args);
		return values.isEmpty() ? 0 : values.get(0);
	}

	private List<Long> longs(String sql, Object... args) throws SQLException {
		return text(sql, args).stream().map((v) -> (v != null) ? Long.parseLong(v) : 0L).toList();
	}

	private List<String> text(String sql, Object... args) throws SQLException {
		return FirstColumn.text(() -> DriverManager.getConnection(this.postgresUrl, user(), password()), sql, args);
	}

	private static String user() {
		return System.getenv("PIPELINE_TEST_POSTGRES_USER");
	}

	private static String password() {
		return System.getenv("PIPELINE_TEST_POSTGRES_PASSWORD");
	}

}
