package org.migrationstats.pipeline.batch;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeoutException;

import org.migrationstats.pipeline.batch.RemotePartitioning.RemoteSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.integration.core.MessagingTemplate;
import org.springframework.messaging.MessageChannel;

/**
 * The manager's side of remote partitioning: Spring Batch Integration's
 * {@link MessageChannelPartitionHandler} in polling mode (what
 * {@code RemotePartitioningManagerStepBuilder} builds when given no reply channel), whose
 * requests go to the RabbitMQ queue; the manager then reads the partitions' status from
 * the job repository every {@code pipeline.remote.poll-interval}, for at most
 * {@code pipeline.remote.timeout}. When that runs out, the step fails with a message
 * naming the partitions no worker took, and those are marked FAILED so that a late worker
 * leaves them alone and a restart runs them.
 */
public class PartitionRequests {

	private static final Logger log = LoggerFactory.getLogger(PartitionRequests.class);

	private final RabbitTemplate template;

	private final JobRepository jobRepository;

	private final RemoteSettings settings;

	private final Queue queue;

	PartitionRequests(RabbitTemplate template, JobRepository jobRepository, RemoteSettings settings, Queue queue) {
		this.template = template;
		this.jobRepository = jobRepository;
		this.settings = settings;
		this.queue = queue;
	}

	/**
	 * @param gridSize the partitioner's grid size hint
	 * @return the partition handler of one run's ingest step
	 */
	PartitionHandler handler(int gridSize) {
		MessageChannelPartitionHandler handler = new MessageChannelPartitionHandler();
		handler.setStepName(PipelineBatchConfiguration.INGEST_FILE);
		handler.setGridSize(gridSize);
		handler.setJobRepository(this.jobRepository);
		handler.setPollInterval(this.settings.pollInterval().toMillis());
		handler.setTimeout(this.settings.timeout().toMillis());
		String queue = this.settings.queue();
		MessageChannel toQueue = (message, timeout) -> {
			this.template.convertAndSend("", queue, message.getPayload());
			return true;
		};
		MessagingTemplate messaging = new MessagingTemplate();
		messaging.setDefaultChannel(toQueue);
		handler.setMessagingOperations(messaging);
		try {
			handler.afterPropertiesSet();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		return new Handler(handler);
	}

	private final class Handler implements PartitionHandler {

		private final PartitionHandler delegate;

		Handler(PartitionHandler delegate) {
			this.delegate = delegate;
		}

		@Override
		public Collection<StepExecution> handle(StepExecutionSplitter splitter, StepExecution managerStep)
				throws Exception {
			try {
				// declared as the workers declare it, before the first request is sent
				new RabbitAdmin(PartitionRequests.this.template).declareQueue(PartitionRequests.this.queue);
			}
			catch (AmqpException ex) {
				throw unreachable(ex);
			}
			try {
				return this.delegate.handle(splitter, managerStep);
			}
			catch (TimeoutException ex) {
				throw timedOut(managerStep);
			}
			catch (Exception ex) {
				// requests not sent (the broker unreachable...): the partitions no worker
				// took are marked FAILED, as Spring Batch restarts no partition left
				// STARTING
				failUntaken(managerStep, "not run: " + Failures.describe(ex));
				throw (ex instanceof AmqpException amqp) ? unreachable(amqp) : ex;
			}
		}

	}

	private RemotePartitioningException unreachable(AmqpException ex) {
		return new RemotePartitioningException(
				"cannot send the ingest partitions to the broker at " + this.template.getConnectionFactory().getHost()
						+ ":" + this.template.getConnectionFactory().getPort() + " (spring.rabbitmq.*): "
						+ Failures.describe(ex) + "; when it is reachable, run the same command again",
				ex);
	}

	private void failUntaken(StepExecution managerStep, String why) {
		for (StepExecution partition : partitions(managerStep)) {
			if (partition.getStatus() == BatchStatus.STARTING) {
				markFailed(partition, why);
			}
		}
	}

	private List<StepExecution> partitions(StepExecution managerStep) {
		JobExecution job = this.jobRepository.getJobExecution(managerStep.getJobExecutionId());
		return job.getStepExecutions()
			.stream()
			.filter((s) -> s.getStepName().startsWith(PipelineBatchConfiguration.INGEST_FILE + ":"))
			.sorted(Comparator.comparing(StepExecution::getId))
			.toList();
	}

	private RemotePartitioningException timedOut(StepExecution managerStep) {
		List<StepExecution> partitions = partitions(managerStep);
		List<Integer> untaken = new ArrayList<>();
		List<Integer> running = new ArrayList<>();
		List<String> untakenNames = new ArrayList<>();
		String why = "no worker took it within " + this.settings.timeout() + " (pipeline.remote.timeout)";
		for (int i = 0; i < partitions.size(); i++) {
			StepExecution partition = partitions.get(i);
			if (partition.getStatus() == BatchStatus.STARTING && markFailed(partition, why)) {
				untaken.add(i + 1);
				untakenNames.add(partition.getStepName());
			}
			else if (partition.getStatus().isRunning()) {
				running.add(i + 1);
			}
		}
		StringBuilder message = new StringBuilder();
		if (!untaken.isEmpty()) {
			message.append("no worker took partitions ")
				.append(ranges(untaken))
				.append(" of ")
				.append(partitions.size())
				.append(" (")
				.append(String.join(", ", untakenNames))
				.append(") within ")
				.append(this.settings.timeout())
				.append(" (pipeline.remote.timeout)");
		}
		if (!running.isEmpty()) {
			message.append(message.isEmpty() ? "" : "; ")
				.append("partitions ")
				.append(ranges(running))
				.append(" of ")
				.append(partitions.size())
				.append(" were still running on workers after ")
				.append(this.settings.timeout())
				.append(" (pipeline.remote.timeout)");
		}
		message.append(": start workers ('pipeline worker', with the same database and broker settings), then run "
				+ "the same command again or 'pipeline restart " + managerStep.getJobExecutionId() + "'");
		log.warn("{}", message);
		return new RemotePartitioningException(message.toString(), null);
	}

	/**
	 * Marks a partition no worker took FAILED, unless a worker takes it meanwhile (the
	 * step execution's version tells).
	 */
	private boolean markFailed(StepExecution partition, String why) {
		partition.setStatus(BatchStatus.FAILED);
		partition.setExitStatus(ExitStatus.FAILED.addExitDescription(why));
		partition.setEndTime(LocalDateTime.now());
		try {
			this.jobRepository.update(partition);
			return true;
		}
		catch (OptimisticLockingFailureException ex) {
			return false;
		}
	}

	/**
	 * @param numbers ascending numbers
	 * @return them as ranges: {@code 1..3, 5}
	 */
	static String ranges(List<Integer> numbers) {
		List<String> parts = new ArrayList<>();
		int i = 0;
		while (i < numbers.size()) {
			int j = i;
			while (j + 1 < numbers.size() && numbers.get(j + 1) == numbers.get(j) + 1) {
				j++;
			}
			parts.add((i == j) ? String.valueOf(numbers.get(i)) : numbers.get(i) + ".." + numbers.get(j));
			i = j + 1;
		}
		return String.join(", ", parts);
	}

}
