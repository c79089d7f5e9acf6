package org.migrationstats.pipeline.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.migrationstats.pipeline.operate.DatabaseBackup;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code backup}: a consistent copy of the embedded database, and the list of copies
 * kept.
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
		description = {
				"Writes a consistent copy of the embedded database into the backups folder beside it "
						+ "(output/db/backups/) and lists the copies kept.",
				"Each run makes one when it ends (pipeline.backup.after-run=true); copies older than "
						+ "pipeline.backup.keep (7d) are deleted, the newest kept. While the scheduler has the "
						+ "database open, it makes them." })
class BackupCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Override
	public Integer call() throws Exception {
		PrintWriter out = this.spec.commandLine().getOut();
		PrintWriter err = this.spec.commandLine().getErr();
		try (ConfigurableApplicationContext context = PipelineCommand.startContext()) {
			DatabaseBackup backup = context.getBean(DatabaseBackup.class);
			Optional<Path> copy = backup.backUp();
			if (copy.isEmpty()) {
				err.println("error: the database is not an embedded H2 file; back up a database server with its "
						+ "own tools (for PostgreSQL, pg_dump)");
				return PipelineCommand.USAGE;
			}
			out.println("backed up to " + copy.get());
			out.printf("%nkept copies (newest first):%n");
			for (Path kept : backup.copies()) {
				out.printf("  %s  %,d bytes%n", kept, Files.size(kept));
			}
			out.flush();
			return 0;
		}
	}

}
