package org.migrationstats.pipeline.cli;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command line that names a command is parsed with that command alone, which gives it
 * the same usage, options and parent as with every command; any other command line is
 * parsed with every command.
 */
class PipelineCommandTests {

	@Test
	void withoutACommandEveryCommandIsThereInUsageOrder() {
		CommandLine full = PipelineCommand.commandLine(null);

		assertThat(full.getSubcommands().keySet()).containsExactly("run", "schedule", "serve", "user", "status", "show",
				"restart", "stop", "abandon", "recover", "prune", "validate", "jobs", "backup", "worker", "help");
		assertThat(full.getUsageMessage()).contains("Exit codes:").contains("  worker  ");
	}

	@Test
	void aCommandNamedFirstIsTheOnlyOneAndReadsAsWithEveryCommand() {
		CommandLine full = PipelineCommand.commandLine(null);
		List<String> commands = new ArrayList<>(full.getSubcommands().keySet());
		commands.remove("help");
		for (String name : commands) {
			CommandLine alone = PipelineCommand.commandLine(name);

			assertThat(alone.getSubcommands().keySet()).as(name).containsExactly(name);
			assertThat(alone.getSubcommands().get(name).getUsageMessage()).as(name)
				.isEqualTo(full.getSubcommands().get(name).getUsageMessage())
				.contains("Usage: pipeline " + name);
		}
	}

	@Test
	void helpAMistypedCommandOrAnOptionFirstGetEveryCommand() {
		for (String first : List.of("help", "rn", "--help", "-V")) {
			assertThat(PipelineCommand.commandLine(first).getSubcommands()).as(first).hasSize(16);
		}
	}

}
