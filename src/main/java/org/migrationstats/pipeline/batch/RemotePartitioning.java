package org.migrationstats.pipeline.batch;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.SimpleMessageConverter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Remote partitioning, switched on by {@code pipeline.partitioning=remote}: the ingest
 * step's partitions are sent as Spring Batch {@code StepExecutionRequest}s to a RabbitMQ
 * queue, taken one at a time by worker processes ({@code pipeline worker}), and the
 * manager polls the shared job repository until every partition has ended (Spring Batch
 * Integration's polling mode: no replies travel). Only with a shared PostgreSQL database:
 * the job repository and the pipeline's tables are what manager and workers share. The
 * broker's address comes from Boot's {@code spring.rabbitmq.*} settings.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "pipeline.partitioning", havingValue = "remote")
class RemotePartitioning {

	/**
	 * The classes a partition request may deserialise into: Spring Batch's request and
	 * the JDK types of its fields. Anything else in a message is refused, as Java
	 * deserialisation of arbitrary classes can run code.
	 */
	static final List<String> ALLOWED_CLASSES = List
		.of("org.springframework.batch.integration.partition.StepExecutionRequest", "java.lang.String");

	/**
	 * @return the converter of partition requests: Java serialisation, allow-listed
	 */
	static SimpleMessageConverter requestConverter() {
		SimpleMessageConverter converter = new SimpleMessageConverter();
		converter.setAllowedListPatterns(ALLOWED_CLASSES);
		return converter;
	}

	@Bean
	RemoteSettings remoteSettings(Environment environment) {
		return RemoteSettings.of(environment);
	}

	/**
	 * The durable queue of partition requests, declared alike by manager and workers. A
	 * request is acknowledged when its partition ends, so RabbitMQ's consumer timeout (30
	 * minutes by default) must be longer than the longest partition: the queue says so
	 * with {@code x-consumer-timeout} (honoured from RabbitMQ 3.12; older servers take
	 * {@code consumer_timeout} in {@code rabbitmq.conf}).
	 */
	@Bean
	Queue partitionQueue(RemoteSettings settings) {
		return QueueBuilder.durable(settings.queue())
			.withArgument("x-consumer-timeout", settings.consumerTimeout().toMillis())
			.build();
	}

	@Bean
	PartitionRequests partitionRequests(ConnectionFactory connectionFactory, JobRepository jobRepository,
			DataSource dataSource, RemoteSettings settings, Queue partitionQueue) {
		requireSharedDatabase(dataSource);
		RabbitTemplate template = new RabbitTemplate(connectionFactory);
		template.setMessageConverter(requestConverter());
		return new PartitionRequests(template, jobRepository, settings, partitionQueue);
	}

	@Bean
	PartitionWorker partitionWorker(ConnectionFactory connectionFactory, JobRepository jobRepository,
			DataSource dataSource, @Qualifier(PipelineBatchConfiguration.INGEST_FILE) Step ingestFile,
			RemoteSettings settings, Queue partitionQueue) {
		requireSharedDatabase(dataSource);
		return new PartitionWorker(connectionFactory, jobRepository, dataSource, ingestFile, settings, partitionQueue);
	}

	private static void requireSharedDatabase(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			String product = connection.getMetaData().getDatabaseProductName();
			if (!"PostgreSQL".equalsIgnoreCase(product)) {
				throw new IllegalStateException("pipeline.partitioning=remote needs a database that manager and "
						+ "workers share (PostgreSQL, spring.datasource.url=jdbc:postgresql://...), not " + product);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot reach the database: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The settings of remote partitioning.
	 *
	 * @param queue the RabbitMQ queue of partition requests
	 * @param timeout how long the manager waits for all of a run's partitions to end
	 * before it fails the step, naming the partitions no worker took
	 * @param pollInterval how often the manager reads the partitions' status
	 * @param consumerTimeout RabbitMQ's consumer timeout for the queue: longer than the
	 * longest partition
	 * @param shutdownTimeout how long a worker told to terminate waits for its partition
	 * to stop after its current block
	 */
	record RemoteSettings(String queue, Duration timeout, Duration pollInterval, Duration consumerTimeout,
			Duration shutdownTimeout) {

		static RemoteSettings of(Environment environment) {
			return new RemoteSettings(environment.getProperty("pipeline.remote.queue", "pipeline.partitions"),
					environment.getProperty("pipeline.remote.timeout", Duration.class, Duration.ofHours(6)),
					environment.getProperty("pipeline.remote.poll-interval", Duration.class, Duration.ofSeconds(2)),
					environment.getProperty("pipeline.remote.consumer-timeout", Duration.class, Duration.ofHours(6)),
					environment.getProperty("pipeline.shutdown.timeout", Duration.class, Duration.ofSeconds(120)));
		}

	}

}
