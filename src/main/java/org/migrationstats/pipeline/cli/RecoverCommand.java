package org.migrationstats.pipeline.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.migrationstats.pipeline.operate.ExecutionControl;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code recover}: marks FAILED the executions that a dead process left STARTED, so that
 * they can be restarted.
 */
@Command(name = "recover", mixinStandardHelpOptions = true,
		description = {
				"Finds executions left STARTED by a process that died (killed, power cut) and marks them "
						+ "and their unfinished steps FAILED, so that 'restart' can go on with them.",
				"An execution whose job is running in a live process is left alone." })
class RecoverCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Override
	public Integer call() {
		PrintWriter out = this.spec.commandLine().getOut();
		try (ConfigurableApplicationContext context = PipelineCommand.startContext()) {
			ExecutionControl.Recovery recovery = context.getBean(ExecutionControl.class).recover();
			for (Long id : recovery.recovered()) {
				out.println("execution " + id + " marked FAILED; 'pipeline restart " + id + "' goes on with it");
			}
			recovery.leftAlone().forEach(out::println);
			if (recovery.recovered().isEmpty()) {
				out.println("no execution to recover");
			}
			out.flush();
			return 0;
		}
	}

}
