package org.migrationstats.pipeline.cli;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.migrationstats.pipeline.operate.JobRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * What the process does when told to terminate (SIGTERM, Ctrl-C): stops the executions it
 * runs at their next chunk boundary, so that they end STOPPED and can be restarted, waits
 * for them and for the command to finish, and only then lets the JVM exit.
 */
final class Termination {

	private static final Logger log = LoggerFactory.getLogger(Termination.class);

	private static final List<Runnable> onTerminate = new CopyOnWriteArrayList<>();

	private Termination() {
	}

	static void install(ConfigurableApplicationContext context) {
		Duration timeout = context.getEnvironment()
			.getProperty("pipeline.shutdown.timeout", Duration.class, Duration.ofSeconds(120));
		Thread hook = new Thread(() -> terminate(context, timeout), "pipeline-termination");
		Runtime.getRuntime().addShutdownHook(hook);
		context.addApplicationListener((ContextClosedEvent event) -> {
			try {
				Runtime.getRuntime().removeShutdownHook(hook);
			}
			catch (IllegalStateException ex) {
				// the JVM is already shutting down: the hook is running
			}
		});
	}

	/**
	 * @param action something to do first when the process is told to terminate, such as
	 * stopping the scheduler
	 */
	static void onTerminate(Runnable action) {
		onTerminate.add(action);
	}

	static void forget(Runnable action) {
		onTerminate.remove(action);
	}

	private static void terminate(ConfigurableApplicationContext context, Duration timeout) {
		if (!context.isActive()) {
			return;
		}
		log.info("Told to terminate: stopping the running executions");
		onTerminate.forEach(Runnable::run);
		try {
			List<Long> stopped = context.getBean(JobRunner.class).stopRunningExecutions();
			long deadline = System.nanoTime() + timeout.toNanos();
			while (context.isActive() && System.nanoTime() < deadline) {
				Thread.sleep(100);
			}
			if (context.isActive()) {
				log.warn("Execution(s) {} did not stop within {}; exiting anyway (run 'pipeline recover' next)",
						stopped, timeout);
				context.close();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			log.warn("Stopping on termination failed: {}", ex.getMessage());
		}
	}

}
