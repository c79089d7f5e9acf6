package org.migrationstats.pipeline.schedule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.migrationstats.pipeline.spec.JobSpec;
import org.migrationstats.pipeline.spec.JobSpecReader;
import org.migrationstats.pipeline.spec.SpecException;

/**
 * The job files of a folder: every {@code *.yml} and {@code *.yaml} file directly in it,
 * read and validated.
 */
public final class JobFiles {

	private JobFiles() {
	}

	/**
	 * @param folder the folder
	 * @return the valid jobs, by file name, and one message per invalid file
	 */
	public static Scan scan(Path folder) {
		List<JobSpec> jobs = new ArrayList<>();
		List<String> errors = new ArrayList<>();
		if (!Files.isDirectory(folder)) {
			errors.add("job folder not found: " + folder.toAbsolutePath());
			return new Scan(jobs, errors);
		}
		try (Stream<Path> files = Files.list(folder)) {
			for (Path file : files.filter(JobFiles::isJobFile).sorted().toList()) {
				try {
					JobSpec job = JobSpecReader.read(file);
					NightlySchedule.of(job);
					jobs.add(job);
				}
				catch (SpecException ex) {
					errors.add(ex.getMessage());
				}
				catch (IllegalArgumentException ex) {
					errors.add(file + ": schedule: " + ex.getMessage());
				}
			}
		}
		catch (IOException ex) {
			errors.add("cannot list " + folder + ": " + ex.getMessage());
		}
		return new Scan(jobs, errors);
	}

	private static boolean isJobFile(Path file) {
		String name = file.getFileName().toString();
		return Files.isRegularFile(file) && !name.startsWith(".") && (name.endsWith(".yml") || name.endsWith(".yaml"));
	}

	/**
	 * What a folder holds.
	 *
	 * @param jobs the valid jobs
	 * @param errors one line per invalid file, naming it
	 */
	public record Scan(List<JobSpec> jobs, List<String> errors) {
	}

}
