package org.migrationstats.pipeline.batch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.concurrent.CountDownLatch;

import javax.sql.DataSource;

import org.migrationstats.pipeline.batch.RemotePartitioning.RemoteSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.support.converter.SimpleMessageConverter;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;

/**
 * A worker of remote partitioning: takes partition requests from the RabbitMQ queue one
 * at a time (prefetch 1, one consumer) and runs each with the same ingest step the local
 * thread pool runs. It stands in for Spring Batch Integration's
 * {@code StepExecutionRequestHandler}, which runs whatever step execution a request
 * names: a request is redelivered when the worker that had it died, or when RabbitMQ's
 * consumer timeout closed its channel while the partition still ran, and a run that
 * failed or timed out leaves requests behind. So before running, the worker holds a
 * PostgreSQL advisory lock on the step execution for as long as it runs it (released by
 * the database if the worker dies; its key is the step execution's id, whole, in the
 * 64-bit key space, which PostgreSQL keeps apart from that of two 32-bit keys) and reads
 * the step execution's status from the job repository: a partition another live worker
 * holds, one already ended (completed, failed, stopped), or one of a job execution no
 * longer running is not run again; a partition left STARTED by a dead worker goes on from
 * its last committed block, as a restart does. The request is acknowledged once its
 * partition has ended.
 * <p>
 * The worker's host and process id go into the partition's step execution context
 * ({@value #WORKER}), for {@code show}; a file the worker cannot read fails the partition
 * with its path and the host.
 */
public class PartitionWorker {

	/** The step execution context key naming the worker that ran a partition. */
	public static final String WORKER = "worker";

	private static final Logger log = LoggerFactory.getLogger(PartitionWorker.class);

	private final ConnectionFactory connectionFactory;

	private final JobRepository jobRepository;

	private final DataSource dataSource;

	private final Step step;

	private final RemoteSettings settings;

	private final Queue queue;

	private final SimpleMessageConverter converter = RemotePartitioning.requestConverter();

	private final String identity;

	private final CountDownLatch stopped = new CountDownLatch(1);

	private volatile SimpleMessageListenerContainer container;

	private volatile StepExecution running;

	private volatile boolean stopping;

	PartitionWorker(ConnectionFactory connectionFactory, JobRepository jobRepository, DataSource dataSource, Step step,
			RemoteSettings settings, Queue queue) {
		this.connectionFactory = connectionFactory;
		this.jobRepository = jobRepository;
		this.dataSource = dataSource;
		this.step = step;
		this.settings = settings;
		this.queue = queue;
		this.identity = host() + " pid " + ProcessHandle.current().pid();
	}

	/**
	 * @return this worker's name: its host and process id
	 */
	public String identity() {
		return this.identity;
	}

	/**
	 * @return the queue it takes partitions from
	 */
	public String queue() {
		return this.queue.getName();
	}

	/**
	 * Starts taking partitions.
	 */
	public synchronized void start() {
		if (this.container != null) {
			return;
		}
		new RabbitAdmin(this.connectionFactory).declareQueue(this.queue);
		this.container = container();
		this.container.start();
		log.info("Worker {} takes partitions from queue {}", this.identity, this.queue.getName());
	}

	/**
	 * The listener container: one consumer, one unacknowledged request at a time, the
	 * request acknowledged when its partition has ended.
	 * @return the container, not started
	 */
	SimpleMessageListenerContainer container() {
		SimpleMessageListenerContainer listener = new SimpleMessageListenerContainer(this.connectionFactory);
		listener.setQueueNames(this.queue.getName());
		listener.setConcurrentConsumers(1);
		listener.setMaxConcurrentConsumers(1);
		listener.setPrefetchCount(1);
		listener.setAcknowledgeMode(AcknowledgeMode.AUTO);
		listener.setDefaultRequeueRejected(true);
		listener.setShutdownTimeout(this.settings.shutdownTimeout().toMillis());
		listener.setMessageListener(this::onMessage);
		listener.setBeanName("partition-worker");
		listener.afterPropertiesSet();
		return listener;
	}

	/**
	 * Stops taking partitions; the partition running stops after its current block (it
	 * ends STOPPED, and is restartable), and the call returns when it has.
	 */
	public void stop() {
		this.stopping = true;
		StepExecution current = this.running;
		if (current != null) {
			log.info("Told to stop: partition {} stops after its current block", current.getStepName());
			current.setTerminateOnly();
		}
		SimpleMessageListenerContainer listener = this.container;
		if (listener != null) {
			listener.stop();
		}
		this.stopped.countDown();
	}

	/**
	 * Waits until {@link #stop()} has returned.
	 * @throws InterruptedException if interrupted
	 */
	public void awaitStopped() throws InterruptedException {
		this.stopped.await();
	}

	void onMessage(Message message) {
		Object payload;
		try {
			payload = this.converter.fromMessage(message);
		}
		catch (RuntimeException ex) {
			log.error("Refused a message on {} that is not a partition request: {}", this.queue.getName(),
					ex.getMessage());
			throw new AmqpRejectAndDontRequeueException("not a partition request", ex);
		}
		if (!(payload instanceof StepExecutionRequest request)) {
			log.error("Refused a message on {} that is not a partition request: {}", this.queue.getName(),
					(payload != null) ? payload.getClass().getName() : null);
			throw new AmqpRejectAndDontRequeueException("not a partition request");
		}
		if (this.stopping) {
			// back to the queue, for another worker
			throw new IllegalStateException("worker " + this.identity + " is stopping");
		}
		handle(request);
	}

	/**
	 * Runs a partition request, unless its partition is running elsewhere or has ended.
	 * @param request the request
	 * @return whether the partition was run
	 */
	boolean handle(StepExecutionRequest request) {
		long id = request.getStepExecutionId();
		try (Connection lock = this.dataSource.getConnection()) {
			lock.setAutoCommit(true);
			if (!lock(lock, "pg_try_advisory_lock", id)) {
				log.info("Partition {} (step execution {}) is being run by another worker; request dropped",
						request.getStepName(), id);
				return false;
			}
			try {
				return runIfDue(request);
			}
			finally {
				lock(lock, "pg_advisory_unlock", id);
			}
		}
		catch (SQLException ex) {
			// back to the queue: the database may be back for the next delivery
			throw new IllegalStateException("cannot lock partition " + request.getStepName() + ": " + ex.getMessage(),
					ex);
		}
	}

	private boolean runIfDue(StepExecutionRequest request) {
		StepExecution partition = this.jobRepository.getStepExecution(request.getStepExecutionId());
		if (partition == null) {
			log.warn("No step execution {} for partition {}; request dropped", request.getStepExecutionId(),
					request.getStepName());
			return false;
		}
		JobExecution job = partition.getJobExecution();
		if ((job.getStatus() == BatchStatus.STOPPING || job.getStatus() == BatchStatus.STOPPED)
				&& partition.getStatus() == BatchStatus.STARTING) {
			// the run was told to stop before this partition began: it ends STOPPED, so
			// that the manager's wait ends and the restart runs it
			log.info("Partition {} belongs to execution {}, which was told to stop; marked STOPPED without "
					+ "running it", partition.getStepName(), job.getId());
			partition.setStatus(BatchStatus.STOPPED);
			partition.setExitStatus(ExitStatus.STOPPED);
			partition.setStartTime(LocalDateTime.now());
			partition.setEndTime(LocalDateTime.now());
			this.jobRepository.update(partition);
			return false;
		}
		if (job.getStatus() != BatchStatus.STARTED && job.getStatus() != BatchStatus.STARTING) {
			log.info("Partition {} belongs to execution {}, which is {}; request dropped", partition.getStepName(),
					job.getId(), job.getStatus());
			return false;
		}
		if (partition.getStatus() != BatchStatus.STARTING && partition.getStatus() != BatchStatus.STARTED) {
			log.info("Partition {} (step execution {}) is already {}; request dropped", partition.getStepName(),
					partition.getId(), partition.getStatus());
			return false;
		}
		if (partition.getStatus() == BatchStatus.STARTED) {
			log.info(
					"Partition {} was left running by a worker that is gone ({}); it goes on from its last "
							+ "committed block",
					partition.getStepName(), partition.getExecutionContext().getString(WORKER, "?"));
		}
		String file = partition.getExecutionContext().getString(DatasetPartitioner.FILE, null);
		partition.getExecutionContext().putString(WORKER, this.identity);
		if (file != null && !Files.isReadable(Path.of(file))) {
			fail(partition,
					"dataset " + partition.getExecutionContext().getString(DatasetPartitioner.DATASET, "?")
							+ ": cannot read " + Path.of(file).toAbsolutePath() + " on worker " + this.identity
							+ (Files.exists(Path.of(file)) ? " (not readable)" : " (no such file)")
							+ ": every worker must see the input files at the same path");
			return true;
		}
		this.jobRepository.updateExecutionContext(partition);
		this.running = partition;
		if (this.stopping) {
			partition.setTerminateOnly();
		}
		try {
			this.step.execute(partition);
		}
		catch (JobInterruptedException ex) {
			partition.setStatus(BatchStatus.STOPPED);
			this.jobRepository.update(partition);
		}
		catch (Throwable ex) {
			partition.addFailureException(ex);
			partition.setStatus(BatchStatus.FAILED);
			partition.setExitStatus(ExitStatus.FAILED.addExitDescription(ex));
			this.jobRepository.update(partition);
		}
		finally {
			this.running = null;
		}
		if (partition.getStatus() == BatchStatus.UNKNOWN) {
			// its step execution was changed under it: recover marked it FAILED after the
			// manager died; the block in progress was rolled back
			log.warn(
					"Partition {} was ended by another process while worker {} ran it (recover?): its block in "
							+ "progress was rolled back; a restart goes on from its last committed block",
					partition.getStepName(), this.identity);
		}
		log.info("Partition {} {} on worker {}", partition.getStepName(), partition.getStatus(), this.identity);
		return true;
	}

	private void fail(StepExecution partition, String message) {
		log.error("{}", message);
		partition.setStartTime(LocalDateTime.now());
		partition.setStatus(BatchStatus.FAILED);
		partition
			.setExitStatus(ExitStatus.FAILED.addExitDescription(RemoteInputException.class.getName() + ": " + message));
		partition.setEndTime(LocalDateTime.now());
		this.jobRepository.update(partition);
		this.jobRepository.updateExecutionContext(partition);
	}

	/**
	 * Calls an advisory lock function with the step execution's id as its bigint key:
	 * every id has a lock of its own, past 2^31 and 2^32 too.
	 */
	private static boolean lock(Connection connection, String function, long id) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT " + function + "(CAST(? AS BIGINT))")) {
			statement.setLong(1, id);
			try (ResultSet result = statement.executeQuery()) {
				return result.next() && result.getBoolean(1);
			}
		}
	}

	private static String host() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			String name = System.getenv("HOSTNAME");
			return (name != null) ? name : "unknown-host";
		}
	}

	/** A worker cannot read a partition's file. */
	static class RemoteInputException extends RuntimeException {

		RemoteInputException(String message) {
			super(message);
		}

	}

}
