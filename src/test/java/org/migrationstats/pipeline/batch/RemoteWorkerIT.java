package org.migrationstats.pipeline.batch;

import java.net.InetAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import org.migrationstats.pipeline.batch.RemotePartitioning.RemoteSettings;

import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * The worker's side of remote partitioning against the shared PostgreSQL job repository
 * (a schema of its own, made afresh) and, for the delivery settings, RabbitMQ: a request
 * for a partition that completed, that another live worker holds, or of a job execution
 * that ended is dropped without running it; a partition a dead worker left STARTED is run
 * again; a file the worker cannot read fails the partition naming the path and host; the
 * listener takes one request at a time (prefetch 1, one consumer).
 */
@SpringBootTest
@EnabledIfEnvironmentVariable(named = "PIPELINE_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.+")
class RemoteWorkerIT {

	private static final String SCHEMA = "remote_worker_it";

	private static final Path WORK = ScratchFolders.create("remote-worker");

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) throws Exception {
		String url = System.getenv("PIPELINE_TEST_POSTGRES_URL");
		try (Connection connection = DriverManager.getConnection(url, System.getenv("PIPELINE_TEST_POSTGRES_USER"),
				System.getenv("PIPELINE_TEST_POSTGRES_PASSWORD")); Statement statement = connection.createStatement()) {
			statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
			statement.execute("CREATE SCHEMA " + SCHEMA);
		}
		ScratchFolders.postgres(registry);
		registry.add("spring.datasource.url", () -> url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA);
		registry.add("pipeline.partitioning", () -> "remote");
		registry.add("logging.file.name", () -> WORK.resolve("pipeline.log").toString());
		String rabbit = System.getenv("PIPELINE_TEST_RABBITMQ_URI");
		if (rabbit != null && !rabbit.isBlank()) {
			registry.add("spring.rabbitmq.addresses", () -> rabbit);
		}
	}

	@Autowired
	private JobRepository jobRepository;

	@Autowired
	private DataSource dataSource;

	private final Step step = mock(Step.class);

	@Test
	void aRequestForAPartitionThatCompletedIsDroppedAndNothingRuns() throws Exception {
		StepExecution partition = partition(BatchStatus.STARTED, BatchStatus.COMPLETED, "f.csv");

		assertThat(worker().handle(request(partition))).isFalse();

		verify(this.step, never()).execute(any());
		assertThat(stored(partition).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(stored(partition).getVersion()).isEqualTo(partition.getVersion());
	}

	@Test
	void aRequestForAPartitionAnotherLiveWorkerRunsIsDropped() throws Exception {
		StepExecution partition = partition(BatchStatus.STARTED, BatchStatus.STARTED, "f.csv");
		try (Connection otherWorker = this.dataSource.getConnection();
				PreparedStatement lock = otherWorker.prepareStatement("SELECT pg_advisory_lock(CAST(? AS BIGINT))")) {
			lock.setLong(1, partition.getId());
			lock.execute();

			assertThat(worker().handle(request(partition))).isFalse();
		}
		verify(this.step, never()).execute(any());
		assertThat(stored(partition).getVersion()).isEqualTo(partition.getVersion());
	}

	@Test
	void stepExecutionIdsThatAgreeInTheirLow32BitsHaveLocksOfTheirOwn() throws Exception {
		Path file = WORK.resolve("readable-past-2-32.csv");
		java.nio.file.Files.writeString(file, "a,b\n");
		StepExecution held = partition(BatchStatus.STARTED, BatchStatus.STARTED, file.toString());
		long twin = held.getId() + (1L << 32);
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement sequence = connection
					.prepareStatement("SELECT setval('BATCH_STEP_EXECUTION_SEQ', CAST(? AS BIGINT), false)")) {
			sequence.setLong(1, twin);
			sequence.execute();
		}
		StepExecution free = partition(BatchStatus.STARTED, BatchStatus.STARTED, file.toString());
		assertThat(free.getId()).as("an id past 2^32 whose int cast is the held one's").isEqualTo(twin);
		assertThat((int) free.getId()).isEqualTo((int) held.getId());
		try (Connection otherWorker = this.dataSource.getConnection();
				PreparedStatement lock = otherWorker.prepareStatement("SELECT pg_advisory_lock(CAST(? AS BIGINT))")) {
			lock.setLong(1, held.getId());
			lock.execute();

			assertThat(worker().handle(request(held))).as("held by another worker").isFalse();
			assertThat(worker().handle(request(free))).as("its own lock, free").isTrue();
		}
		verify(this.step).execute(any());
		assertThat(stored(free).getExecutionContext().getString(PartitionWorker.WORKER))
			.isEqualTo(InetAddress.getLocalHost().getHostName() + " pid " + ProcessHandle.current().pid());
	}

	@Test
	void aPartitionADeadWorkerLeftStartedIsRunAgainFromWhereItsContextSays() throws Exception {
		Path file = WORK.resolve("readable.csv");
		java.nio.file.Files.writeString(file, "a,b\n");
		StepExecution partition = partition(BatchStatus.STARTED, BatchStatus.STARTED, file.toString());

		assertThat(worker().handle(request(partition))).isTrue();

		verify(this.step).execute(any());
		assertThat(stored(partition).getExecutionContext().getString(PartitionWorker.WORKER))
			.isEqualTo(InetAddress.getLocalHost().getHostName() + " pid " + ProcessHandle.current().pid());
	}

	@Test
	void aRequestOfAJobExecutionThatEndedIsDropped() throws Exception {
		StepExecution partition = partition(BatchStatus.FAILED, BatchStatus.STARTING, "f.csv");

		assertThat(worker().handle(request(partition))).isFalse();

		verify(this.step, never()).execute(any());
	}

	@Test
	void aFileTheWorkerCannotReadFailsThePartitionNamingThePathAndTheHost() throws Exception {
		Path missing = WORK.resolve("not-on-this-machine.csv");
		StepExecution partition = partition(BatchStatus.STARTED, BatchStatus.STARTING, missing.toString());

		assertThat(worker().handle(request(partition))).isTrue();

		verify(this.step, never()).execute(any());
		StepExecution failed = stored(partition);
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(org.migrationstats.pipeline.batch.Failures.messageOf(failed.getExitStatus().getExitDescription()))
			.isEqualTo("dataset d: cannot read " + missing.toAbsolutePath() + " on worker "
					+ InetAddress.getLocalHost().getHostName() + " pid " + ProcessHandle.current().pid()
					+ " (no such file): every worker must see the input files at the same path");
	}

	@Test
	void theListenerTakesOneRequestAtATime() throws Exception {
		String uri = System.getenv("PIPELINE_TEST_RABBITMQ_URI");
		assumeTrue(uri != null && !uri.isBlank(), "needs PIPELINE_TEST_RABBITMQ_URI");
		CachingConnectionFactory connections = new CachingConnectionFactory(java.net.URI.create(uri));
		Queue queue = QueueBuilder.durable("pipeline.partitions.prefetch-it-" + UUID.randomUUID()).build();
		RabbitAdmin admin = new RabbitAdmin(connections);
		admin.declareQueue(queue);
		SimpleMessageListenerContainer container = null;
		try {
			RabbitTemplate template = new RabbitTemplate(connections);
			template.setMessageConverter(RemotePartitioning.requestConverter());
			for (int i = 1; i <= 3; i++) {
				template.convertAndSend("", queue.getName(), new StepExecutionRequest("ingestFile:d#" + i, i));
			}
			PartitionWorker worker = new PartitionWorker(connections, this.jobRepository, this.dataSource, this.step,
					settings(queue), queue);
			container = worker.container();
			AtomicInteger running = new AtomicInteger();
			AtomicInteger most = new AtomicInteger();
			CountDownLatch entered = new CountDownLatch(1);
			CountDownLatch release = new CountDownLatch(1);
			container.setMessageListener((message) -> {
				most.accumulateAndGet(running.incrementAndGet(), Math::max);
				entered.countDown();
				try {
					release.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				running.decrementAndGet();
			});
			container.start();
			assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
			Thread.sleep(1000);
			assertThat(admin.getQueueInfo(queue.getName()).getMessageCount())
				.as("requests still ready for other workers while this one runs a partition: prefetch 1")
				.isEqualTo(2);
			assertThat(admin.getQueueInfo(queue.getName()).getConsumerCount()).as("one consumer").isEqualTo(1);
			release.countDown();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (admin.getQueueInfo(queue.getName()).getMessageCount() > 0 && System.nanoTime() < deadline) {
				Thread.sleep(50);
			}
			assertThat(most.get()).as("partitions run at once").isEqualTo(1);
		}
		finally {
			if (container != null) {
				container.stop();
			}
			admin.deleteQueue(queue.getName());
			connections.destroy();
		}
	}

	private PartitionWorker worker() {
		Queue queue = new Queue("unused");
		return new PartitionWorker(null, this.jobRepository, this.dataSource, this.step, settings(queue), queue);
	}

	private static RemoteSettings settings(Queue queue) {
		return new RemoteSettings(queue.getName(), Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofHours(1),
				Duration.ofSeconds(10));
	}

	/**
	 * @return a partition's step execution, in a job execution of its own
	 */
	private StepExecution partition(BatchStatus job, BatchStatus status, String file) {
		JobParameters parameters = new JobParametersBuilder().addString("id", UUID.randomUUID().toString())
			.toJobParameters();
		JobInstance instance = this.jobRepository.createJobInstance("remote-worker-it", parameters);
		JobExecution execution = this.jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
		execution.setStatus(job);
		this.jobRepository.update(execution);
		StepExecution partition = this.jobRepository.createStepExecution("ingestFile:d#1", execution);
		partition.getExecutionContext().putString(DatasetPartitioner.DATASET, "d");
		partition.getExecutionContext().putString(DatasetPartitioner.FILE, file);
		this.jobRepository.updateExecutionContext(partition);
		partition.setStatus(status);
		this.jobRepository.update(partition);
		return stored(partition);
	}

	private StepExecution stored(StepExecution partition) {
		return this.jobRepository.getStepExecution(partition.getId());
	}

	private static StepExecutionRequest request(StepExecution partition) {
		return new StepExecutionRequest(partition.getStepName(), partition.getId());
	}

}
