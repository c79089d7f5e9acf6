package org.migrationstats.pipeline.console;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.migrationstats.pipeline.operate.ExecutionControl;
import org.migrationstats.pipeline.operate.JobRunner;
import org.migrationstats.pipeline.operate.RunOutcome;
import org.migrationstats.pipeline.spec.SpecException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;

/**
 * The operators' actions, carried out by the same services as the command line's
 * {@code restart}, {@code run}, {@code stop}, {@code abandon} and {@code recover}. A run
 * or restart goes on in a thread of its own after the page has answered; a request that
 * is refused at once (busy, not restartable, an input changed) is answered with its
 * reason.
 */
@Component
class ConsoleActions {

	private static final Logger log = LoggerFactory.getLogger(ConsoleActions.class);

	private final JobRunner runner;

	private final ExecutionControl control;

	private final ExecutorService runs = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "console-run");
		thread.setDaemon(true);
		return thread;
	});

	ConsoleActions(JobRunner runner, ExecutionControl control) {
		this.runner = runner;
		this.control = control;
	}

	String restart(long executionId, String user) {
		log.info("{} asked from the console to restart execution {}", user, executionId);
		return start(() -> this.runner.restart(executionId), "restart of execution " + executionId);
	}

	String run(Path jobFile, String job, LocalDate date, boolean rerun, String user) {
		log.info("{} asked from the console to run {} for {}{}", user, job, date, rerun ? " (rerun)" : "");
		return start(() -> this.runner.run(jobFile, date, rerun), "run of " + job + " for " + date);
	}

	ExecutionControl.Answer stop(long executionId, String user) {
		log.info("{} asked from the console to stop execution {}", user, executionId);
		return this.control.stop(executionId);
	}

	ExecutionControl.Answer abandon(long executionId, String user) {
		log.info("{} asked from the console to abandon execution {}", user, executionId);
		return this.control.abandon(executionId);
	}

	ExecutionControl.Recovery recover(String user) {
		log.info("{} asked from the console to recover dead executions", user);
		return this.control.recover();
	}

	private String start(Supplier<RunOutcome> action, String what) {
		Future<RunOutcome> outcome = this.runs.submit(() -> {
			try {
				return action.get();
			}
			catch (SpecException ex) {
				return RunOutcome.nothingDone(RunOutcome.Result.INVALID, null, null, null, ex.getMessage());
			}
			catch (RuntimeException ex) {
				log.error("The console's {} failed: {}", what, ex.getMessage(), ex);
				throw ex;
			}
		});
		try {
			// a refusal comes at once; a run that started goes on after the answer
			RunOutcome done = outcome.get(1500, TimeUnit.MILLISECONDS);
			return done.message();
		}
		catch (TimeoutException ex) {
			return "The " + what + " has started; it is listed below.";
		}
		catch (ExecutionException ex) {
			return "The " + what + " failed: " + ex.getCause().getMessage();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "The " + what + " was interrupted.";
		}
	}

	@PreDestroy
	void shutdown() {
		this.runs.shutdown();
	}

}
