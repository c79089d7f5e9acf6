package org.migrationstats.pipeline.cli;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.migrationstats.pipeline.PipelineApplication;
import org.migrationstats.pipeline.console.ConsoleApplication;
import org.migrationstats.pipeline.operate.FailureLogging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code pipeline} command and its subcommands ({@link #SUBCOMMANDS}). Help and usage
 * errors are answered without starting Spring.
 * <p>
 * A command line that names a command is parsed with that command alone: picocli builds a
 * command's model by reflection over its annotated fields, and the sixteen commands'
 * models took a tenth of a run's start-up. Any other command line (no command, an option
 * first, a mistyped command, {@code help}) is parsed with all of them, so that usage,
 * suggestions and help list every command.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true, version = "migration-pipeline 0.1",
		description = "Runs the migration-statistics jobs declared under jobs/.",
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:success",
				"1:a step failed or the run was stopped (restartable: run the same command again)",
				"2:usage error, invalid job file, or a request that cannot be carried out (no such execution...)",
				"3:completed, with rejected rows (see the Rejects sheet)",
				"4:the run date was already complete; nothing was done",
				"5:busy: another execution of the job is running, or the database is in use by another process; "
						+ "try again later",
				"6:restart refused: an input file changed after it was ingested; restore it or use run --rerun",
				"7:the database file is damaged: restore the newest backup (README: Restoring the database)" })
public class PipelineCommand implements Runnable {

	private static final Logger log = LoggerFactory.getLogger(PipelineCommand.class);

	/** Exit code of a usage error or an invalid job file. */
	public static final int USAGE = 2;

	/** Exit code when the database or the job is in use by another process. */
	public static final int BUSY = 5;

	/** Exit code when the embedded database file is damaged. */
	public static final int DAMAGED = 7;

	private static final String IGNORE_PREINITIALIZER = "spring.backgroundpreinitializer.ignore";

	/** The commands, in the order the usage lists them. */
	static final List<Class<?>> SUBCOMMANDS = List.of(RunCommand.class, ScheduleCommand.class, ServeCommand.class,
			UserCommand.class, StatusCommand.class, ShowCommand.class, RestartCommand.class, StopCommand.class,
			AbandonCommand.class, RecoverCommand.class, PruneCommand.class, ValidateCommand.class, JobsCommand.class,
			BackupCommand.class, WorkerCommand.class, CommandLine.HelpCommand.class);

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
		return execute(null, null, args);
	}

	/**
	 * Parses and runs a command line, writing to the given streams.
	 * @param out where results go, or {@code null} for standard output
	 * @param err where errors go, or {@code null} for standard error
	 * @param args the arguments
	 * @return the exit code
	 */
	public static int execute(PrintWriter out, PrintWriter err, String... args) {
		CommandLine commandLine = commandLine((args.length > 0) ? args[0] : null);
		commandLine.registerConverter(LocalDate.class, Arguments::date);
		commandLine.setParameterExceptionHandler(Arguments::usageError);
		if (out != null) {
			commandLine.setOut(out);
		}
		if (err != null) {
			commandLine.setErr(err);
		}
		commandLine.setExecutionExceptionHandler((ex, cmd, parsed) -> {
			PrintWriter errors = cmd.getErr();
			if (ex instanceof DatabaseDamagedException) {
				errors.println("error: " + ex.getMessage());
				// said on the terminal only, once: the console log would repeat it
				log.debug("{}", ex.getMessage());
				errors.flush();
				return DAMAGED;
			}
			if (ex instanceof DatabaseInUseException) {
				errors.println("error: " + ex.getMessage());
				// said on the terminal only: the process that has the database logs what
				// it does
				log.debug("{}", ex.getMessage());
				errors.flush();
				return BUSY;
			}
			errors.println("error: " + ex.getMessage());
			errors.flush();
			FailureLogging.log(log, "'" + String.join(" ", args) + "' failed", ex);
			return 1;
		});
		return commandLine.execute(args);
	}

	/**
	 * @param first the command line's first argument, or {@code null}
	 * @return the {@code pipeline} command with the command the argument names, or with
	 * every command where it names none (or names {@code help}, which looks up the
	 * others)
	 */
	static CommandLine commandLine(String first) {
		CommandLine commandLine = new CommandLine(new PipelineCommand());
		Class<?> named = SUBCOMMANDS.stream()
			.filter((command) -> command != CommandLine.HelpCommand.class && names(command).contains(first))
			.findFirst()
			.orElse(null);
		for (Class<?> command : (named != null) ? List.<Class<?>>of(named) : SUBCOMMANDS) {
			commandLine.addSubcommand(command);
		}
		return commandLine;
	}

	private static List<String> names(Class<?> command) {
		Command annotation = command.getAnnotation(Command.class);
		List<String> names = new ArrayList<>(List.of(annotation.aliases()));
		names.add(annotation.name());
		return names;
	}

	/**
	 * Starts the application context the commands that touch the database need. When the
	 * process is told to terminate (SIGTERM, Ctrl-C), the executions it runs are stopped
	 * cleanly before it exits.
	 * @return the started context
	 * @throws DatabaseInUseException if another process has the embedded database open
	 */
	static ConfigurableApplicationContext startContext() {
		return startContext(null);
	}

	/**
	 * Starts the application context, with the web console when asked: then the web
	 * server listens too (on {@code server.address}, 127.0.0.1 by default).
	 * @param console the console's settings, or {@code null} for no web server
	 * @return the started context
	 * @throws DatabaseInUseException if another process has the embedded database open
	 */
	static ConfigurableApplicationContext startContext(ConsoleApplication.Settings console) {
		ConfigurableApplicationContext context;
		H2FileSettings h2 = new H2FileSettings();
		if (console == null) {
			// Boot's background pre-initializers would load the web server's and
			// Jackson's
			// classes (several hundred, on a second thread) for a command that uses
			// neither
			System.setProperty(IGNORE_PREINITIALIZER, System.getProperty(IGNORE_PREINITIALIZER, "true"));
		}
		try {
			SpringApplicationBuilder builder = (console != null) ? ConsoleApplication.builder(console)
					: new SpringApplicationBuilder(PipelineApplication.class).web(WebApplicationType.NONE);
			context = builder.logStartupInfo(false)
				.registerShutdownHook(false)
				.listeners(h2, new RemoteOnlyConfiguration())
				.run((console != null) ? ConsoleApplication.arguments(console) : new String[0]);
		}
		catch (RuntimeException ex) {
			SQLException inUse = databaseInUse(ex);
			if (inUse != null) {
				throw new DatabaseInUseException(inUse);
			}
			Throwable damage = damage(ex);
			if (damage != null && h2.file() != null) {
				throw new DatabaseDamagedException(h2.file().toString(), damage);
			}
			throw ex;
		}
		Termination.install(context);
		return context;
	}

	/**
	 * @return the failure saying that the embedded database file is damaged (H2: 90030
	 * "File corrupted", or the store's own "file corrupt" error), or {@code null}
	 */
	private static Throwable damage(Throwable failure) {
		for (Throwable t = failure; t != null; t = (t.getCause() == t) ? null : t.getCause()) {
			String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
			if ((t instanceof SQLException sql && sql.getErrorCode() == 90030)
					|| (t.getClass().getName().startsWith("org.h2.") && message.contains("corrupt"))) {
				return t;
			}
		}
		return null;
	}

	private static SQLException databaseInUse(Throwable failure) {
		for (Throwable t = failure; t != null; t = (t.getCause() == t) ? null : t.getCause()) {
			// H2: 90020 "Database may be already in use", whose cause says "The file is
			// locked"
			if (t instanceof SQLException sql
					&& (sql.getErrorCode() == 90020 || String.valueOf(sql.getMessage()).contains("file is locked"))) {
				return sql;
			}
		}
		return null;
	}

}
