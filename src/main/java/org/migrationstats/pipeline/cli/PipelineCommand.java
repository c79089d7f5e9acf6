package org.migrationstats.pipeline.cli;

import java.io.PrintWriter;

import org.migrationstats.pipeline.PipelineApplication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code pipeline} command and its subcommands. Help and usage errors are answered
 * without starting Spring.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true, version = "migration-pipeline 0.1",
		description = "Runs the migration-statistics jobs declared under jobs/.",
		subcommands = {
				RunCommand.class, RestartCommand.class, StatusCommand.class, ShowCommand.class, RecoverCommand.class,
				AbandonCommand.class, ValidateCommand.class, JobsCommand.class, CommandLine.HelpCommand.class },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:success", "1:a step failed, or a restart was refused (the message says what to do)",
				"2:usage error or invalid job file", "3:completed, with rejected rows (see the Rejects sheet)",
				"4:the run date was already complete; nothing was done" })
public class PipelineCommand implements Runnable {

	private static final Logger log = LoggerFactory.getLogger(PipelineCommand.class);

	/** Exit code of a usage error or an invalid job file. */
	public static final int USAGE = 2;

	@CommandLine.Spec
	private CommandLine.Model.CommandSpec spec;

	@Override
	public void run() {
		this.spec.commandLine().usage(this.spec.commandLine().getOut());
	}

	/**
	 * Parses and runs a command line.
	 * @param args the arguments
	 * @return the exit code
	 */
	public static int execute(String... args) {
		return commandLine(args).execute(args);
	}

	/**
	 * @param args the arguments, named in the log when a command fails unexpectedly
	 * @return the command line, with its handler of unexpected failures
	 */
	static CommandLine commandLine(String... args) {
		CommandLine commandLine = new CommandLine(new PipelineCommand());
		commandLine.setExecutionExceptionHandler((ex, cmd, parsed) -> {
			PrintWriter err = cmd.getErr();
			String locked = lockedDatabase(ex);
			if (locked != null) {
				err.println("error: the database " + locked + " is in use by another pipeline process (a run in "
						+ "progress?); try again when it has ended");
				return 1;
			}
			err.println("error: " + ex.getMessage());
			log.error("Unexpected failure of '{}'", String.join(" ", args), ex);
			return 1;
		});
		return commandLine;
	}

	/**
	 * @param failure a failure
	 * @return the database file another process holds locked, or {@code null} if that is
	 * not the failure
	 */
	static String lockedDatabase(Throwable failure) {
		java.util.regex.Pattern locked = java.util.regex.Pattern.compile("The file is locked: ([^\\s\"\\]]+)");
		for (Throwable t = failure; t != null; t = (t.getCause() == t) ? null : t.getCause()) {
			java.util.regex.Matcher m = locked.matcher(String.valueOf(t.getMessage()));
			if (m.find()) {
				return m.group(1);
			}
			for (Throwable suppressed : t.getSuppressed()) {
				String found = lockedDatabase(suppressed);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

	/**
	 * Starts the application context the commands that touch the database need.
	 * @return the started context
	 */
	static ConfigurableApplicationContext startContext() {
		return new SpringApplicationBuilder(PipelineApplication.class).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.run();
	}

}
