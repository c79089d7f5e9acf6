package org.migrationstats.pipeline.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.migrationstats.pipeline.operate.Workers;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code worker}: takes ingest partitions of remote-partitioned runs from the broker
 * until told to stop.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
		description = {
				"Takes ingest partitions from the broker and runs them, one at a time, until stopped "
						+ "(pipeline.partitioning=remote, with the shared PostgreSQL database and the RabbitMQ broker "
						+ "in spring.datasource.* and spring.rabbitmq.*).",
				"SIGTERM (or Ctrl-C) stops it after the current block of the partition it runs; that partition "
						+ "ends STOPPED and the run's restart goes on from there." })
class WorkerCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Override
	public Integer call() throws InterruptedException {
		PrintWriter out = this.spec.commandLine().getOut();
		PrintWriter err = this.spec.commandLine().getErr();
		try (ConfigurableApplicationContext context = PipelineCommand.startContext()) {
			Workers worker = context.getBean(Workers.class);
			if (!worker.available()) {
				err.println("error: a worker needs pipeline.partitioning=remote, with a shared PostgreSQL database "
						+ "(spring.datasource.url) and a RabbitMQ broker (spring.rabbitmq.addresses)");
				return PipelineCommand.USAGE;
			}
			Runnable stop = worker::stop;
			Termination.onTerminate(stop);
			try {
				worker.start();
				out.println("worker " + worker.identity() + " takes partitions from queue " + worker.queue()
						+ "; SIGTERM stops it after the current block");
				out.flush();
				worker.awaitStopped();
			}
			finally {
				Termination.forget(stop);
			}
			out.println("worker " + worker.identity() + " stopped");
			out.flush();
			return 0;
		}
	}

}
