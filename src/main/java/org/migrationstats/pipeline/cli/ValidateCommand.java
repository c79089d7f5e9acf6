package org.migrationstats.pipeline.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.migrationstats.pipeline.reference.CountryReference;
import org.migrationstats.pipeline.reference.MembershipException;
import org.migrationstats.pipeline.batch.MembershipFiles;
import org.migrationstats.pipeline.spec.DatasetSpec;
import org.migrationstats.pipeline.spec.JobSpec;
import org.migrationstats.pipeline.spec.JobSpecReader;
import org.migrationstats.pipeline.spec.SpecException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code validate <job>}: checks a job file and its membership file without running
 * anything.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
		description = "Checks a job file and the files it names, without running it.")
class ValidateCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "<job>", description = "the job file")
	private Path jobFile;

	@Spec
	private CommandSpec spec;

	@Override
	public Integer call() {
		PrintWriter out = this.spec.commandLine().getOut();
		PrintWriter err = this.spec.commandLine().getErr();
		try {
			JobSpec job = JobSpecReader.read(this.jobFile);
			MembershipFiles.read(job.membership(), CountryReference.shipped().withAliases(job.aliases()));
			int problems = 0;
			for (DatasetSpec dataset : job.datasets()) {
				boolean glob = dataset.path().contains("*") || dataset.path().contains("?");
				if (!glob && !Files.isRegularFile(Path.of(dataset.path()))) {
					err.println("error: dataset " + dataset.id() + ": file not found: " + dataset.path());
					problems++;
				}
			}
			if (problems > 0) {
				return PipelineCommand.USAGE;
			}
			out.println(this.jobFile + ": valid (" + job.datasets().size() + " dataset(s), " + job.periods().size()
					+ " period(s))");
			return 0;
		}
		catch (IllegalArgumentException ex) {
			err.println("error: " + this.jobFile + ": aliases: " + ex.getMessage());
			return PipelineCommand.USAGE;
		}
		catch (SpecException | MembershipException ex) {
			err.println("error: " + ex.getMessage());
			return PipelineCommand.USAGE;
		}
	}

}
