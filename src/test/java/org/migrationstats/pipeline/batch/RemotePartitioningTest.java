package org.migrationstats.pipeline.batch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.migrationstats.pipeline.batch.RemotePartitioning.RemoteSettings;

import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.support.converter.SimpleMessageConverter;
import org.springframework.batch.integration.partition.StepExecutionRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What travels between manager and workers: partition requests, Java-serialised, of which
 * only Spring Batch's request class is deserialised; and how the manager names the
 * partitions no worker took.
 */
class RemotePartitioningTest {

	private final SimpleMessageConverter converter = RemotePartitioning.requestConverter();

	@Test
	void aPartitionRequestTravels() {
		Message message = this.converter.toMessage(new StepExecutionRequest("ingestFile:wb-population#1", 42),
				new MessageProperties());

		Object read = this.converter.fromMessage(message);

		assertThat(read).isInstanceOfSatisfying(StepExecutionRequest.class, (request) -> {
			assertThat(request.getStepName()).isEqualTo("ingestFile:wb-population#1");
			assertThat(request.getStepExecutionId()).isEqualTo(42L);
		});
	}

	@Test
	void anyOtherSerialisedClassIsRefused() {
		Message message = this.converter.toMessage(new ArrayList<>(List.of("x")), new MessageProperties());

		assertThatThrownBy(() -> this.converter.fromMessage(message)).hasStackTraceContaining("java.util.ArrayList");
	}

	@Test
	void aWorkerRejectsAMessageThatIsNotARequestWithoutPuttingItBack() {
		Queue queue = new Queue("q");
		PartitionWorker worker = new PartitionWorker(null, null, null, null, new RemoteSettings("q",
				Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofSeconds(1)), queue);
		Message gadget = this.converter.toMessage(new ArrayList<>(List.of("x")), new MessageProperties());
		Message text = new SimpleMessageConverter().toMessage("hello", new MessageProperties());

		assertThatThrownBy(() -> worker.onMessage(gadget)).isInstanceOf(AmqpRejectAndDontRequeueException.class);
		assertThatThrownBy(() -> worker.onMessage(text)).isInstanceOf(AmqpRejectAndDontRequeueException.class);
	}

	@Test
	void partitionsAreNamedAsRanges() {
		assertThat(PartitionRequests.ranges(List.of(1, 2, 3, 5, 7, 8))).isEqualTo("1..3, 5, 7..8");
		assertThat(PartitionRequests.ranges(List.of(4))).isEqualTo("4");
	}

}
