package org.migrationstats.pipeline.operate;

import org.migrationstats.pipeline.batch.PartitionWorker;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The worker of remote partitioning in this process ({@code pipeline worker}), when
 * {@code pipeline.partitioning} is {@code remote}.
 */
@Component
public class Workers {

	private final ObjectProvider<PartitionWorker> worker;

	public Workers(ObjectProvider<PartitionWorker> worker) {
		this.worker = worker;
	}

	/**
	 * @return whether this process can be a worker: partitioning is remote
	 */
	public boolean available() {
		return this.worker.getIfAvailable() != null;
	}

	/**
	 * @return the worker's name: host and process id
	 */
	public String identity() {
		return worker().identity();
	}

	/**
	 * @return the queue it takes partitions from
	 */
	public String queue() {
		return worker().queue();
	}

	/** Starts taking partitions. */
	public void start() {
		worker().start();
	}

	/**
	 * Stops taking partitions; returns when the partition running has stopped after its
	 * current block.
	 */
	public void stop() {
		worker().stop();
	}

	/**
	 * Waits until the worker has been stopped.
	 * @throws InterruptedException if interrupted
	 */
	public void awaitStopped() throws InterruptedException {
		worker().awaitStopped();
	}

	private PartitionWorker worker() {
		PartitionWorker found = this.worker.getIfAvailable();
		if (found == null) {
			throw new IllegalStateException("partitioning is not remote (pipeline.partitioning=remote)");
		}
		return found;
	}

}
