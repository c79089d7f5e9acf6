package org.migrationstats.pipeline.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.migrationstats.pipeline.console.ConsoleApplication;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code serve}: the web console, in the foreground, without the scheduler.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
		description = {
				"Serves the web console (jobs, runs, one run with its report; restart, stop, abandon, run, "
						+ "recover) on server.address:server.port, 127.0.0.1:8080 by default, until SIGTERM or Ctrl-C.",
				"Users log in with a name and password added by 'user add'; there is no default user, and the "
						+ "console does not start without one.",
				"With the embedded H2 database, one process owns the file: to run the console beside the "
						+ "scheduler, use 'schedule --serve'." })
class ServeCommand implements Callable<Integer> {

	@Option(names = "--dir", paramLabel = "<folder>", defaultValue = "jobs",
			description = "the folder of job files the jobs page lists (default: ${DEFAULT-VALUE})")
	private Path folder;

	@Spec
	private CommandSpec spec;

	@Override
	public Integer call() throws InterruptedException {
		PrintWriter out = this.spec.commandLine().getOut();
		PrintWriter err = this.spec.commandLine().getErr();
		ConfigurableApplicationContext context = start(new ConsoleApplication.Settings(this.folder), err);
		if (context == null) {
			return PipelineCommand.USAGE;
		}
		try (context) {
			CountDownLatch terminated = new CountDownLatch(1);
			Runnable stop = terminated::countDown;
			Termination.onTerminate(stop);
			try {
				out.println("the console is at " + ConsoleApplication.address(context) + "; Ctrl-C stops");
				out.flush();
				terminated.await();
			}
			finally {
				Termination.forget(stop);
			}
			return 0;
		}
	}

	/**
	 * Starts the context with the console, or says why it cannot start.
	 * @param settings the console's settings
	 * @param err where to say why not
	 * @return the started context, or {@code null} if the console has no user
	 */
	static ConfigurableApplicationContext start(ConsoleApplication.Settings settings, PrintWriter err) {
		try {
			return PipelineCommand.startContext(settings);
		}
		catch (RuntimeException ex) {
			if (ConsoleApplication.noUser(ex)) {
				err.println("error: " + new org.migrationstats.pipeline.console.NoConsoleUserException().getMessage());
				err.flush();
				return null;
			}
			throw ex;
		}
	}

}
