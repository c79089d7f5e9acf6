package org.migrationstats.pipeline.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;

import org.migrationstats.pipeline.operate.ConsoleUsers;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code user add <name> --role R}: adds a user of the web console.
 */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Manages the users of the web console.",
		subcommands = UserCommand.Add.class)
class UserCommand implements Runnable {

	@Spec
	private CommandSpec spec;

	@Override
	public void run() {
		this.spec.commandLine().usage(this.spec.commandLine().getOut());
	}

	@Command(name = "add", mixinStandardHelpOptions = true,
			description = { "Adds a user of the web console, or gives an existing one a new password and role.",
					"The password is asked for on the terminal (twice, not echoed), or read as the first line of "
							+ "standard input when there is no terminal; it is never an argument. It is stored as a "
							+ "BCrypt hash." })
	static class Add implements Callable<Integer> {

		@Parameters(index = "0", paramLabel = "<name>", description = "the user name")
		private String name;

		@Option(names = "--role", paramLabel = "VIEWER|OPERATOR", defaultValue = "VIEWER",
				description = "VIEWER reads and downloads; OPERATOR also restarts, stops, abandons, runs and "
						+ "recovers (default: ${DEFAULT-VALUE})")
		private String role;

		@Spec
		private CommandSpec spec;

		@Override
		public Integer call() throws IOException {
			PrintWriter out = this.spec.commandLine().getOut();
			PrintWriter err = this.spec.commandLine().getErr();
			ConsoleUsers.Role role;
			try {
				role = ConsoleUsers.Role.of(this.role);
			}
			catch (IllegalArgumentException ex) {
				err.println("error: " + ex.getMessage());
				return PipelineCommand.USAGE;
			}
			char[] password = password(err);
			if (password == null) {
				return PipelineCommand.USAGE;
			}
			try (ConfigurableApplicationContext context = PipelineCommand.startContext()) {
				boolean replaced = context.getBean(ConsoleUsers.class).add(this.name, password, role);
				out.println((replaced ? "user " + this.name + " now has a new password and the role "
						: "added user " + this.name + " with the role ") + role);
				out.flush();
				return 0;
			}
			catch (IllegalArgumentException ex) {
				err.println("error: " + ex.getMessage());
				return PipelineCommand.USAGE;
			}
			finally {
				Arrays.fill(password, ' ');
			}
		}

		private char[] password(PrintWriter err) throws IOException {
			Console console = System.console();
			if (console != null) {
				char[] first = console.readPassword("password for %s: ", this.name);
				char[] again = console.readPassword("the same again: ");
				if (first == null || again == null || !Arrays.equals(first, again)) {
					err.println("error: the two passwords differ; nothing was changed");
					return null;
				}
				Arrays.fill(again, ' ');
				return first;
			}
			String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
			if (line == null || line.isEmpty()) {
				err.println("error: no password on standard input (the first line is the password)");
				return null;
			}
			return line.toCharArray();
		}

	}

}
