package org.migrationstats.pipeline.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.migrationstats.pipeline.operate.JobValidation;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code validate <job>}: checks a job file, its schedule, its membership file and every
 * input it names without running anything.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
		description = { "Checks a job file and the files it names, without running it: the YAML, the schedule, "
				+ "the membership file, and for every dataset that its files exist, have the columns the job "
				+ "maps, decode in the dataset's encoding, write numbers with the dataset's decimal "
				+ "separator and, for a wide table, give each country's measure in one row." })
class ValidateCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "<job>", description = "the job file")
	private Path jobFile;

	@Option(names = "--headers-only",
			description = "check the header rows only, not every row's decoding and number format")
	private boolean headersOnly;

	@Spec
	private CommandSpec spec;

	@Override
	public Integer call() {
		PrintWriter out = this.spec.commandLine().getOut();
		PrintWriter err = this.spec.commandLine().getErr();
		JobValidation.Result result = JobValidation.validate(this.jobFile, this.headersOnly, (finding) -> {
			switch (finding.level()) {
				case OK -> out.println("ok: " + finding.text());
				case NOTE -> out.println("note: " + finding.text());
				case ERROR -> err.println("error: " + finding.text());
			}
		});
		out.flush();
		err.flush();
		if (result.invalidJob() != null) {
			err.println("error: " + result.invalidJob());
			return PipelineCommand.USAGE;
		}
		if (result.problems() > 0) {
			err.println("error: " + this.jobFile + ": " + result.problems() + " problem(s)");
			return PipelineCommand.USAGE;
		}
		out.println(this.jobFile + ": valid (" + result.datasets() + " dataset(s), " + result.files() + " file(s), "
				+ result.periods() + " period(s))");
		return 0;
	}

}
