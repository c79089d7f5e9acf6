package org.migrationstats.pipeline.operate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.stream.Stream;

import org.migrationstats.pipeline.report.ReportWriter;
import org.migrationstats.pipeline.spec.JobSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The report folders an execution began but never published.
 */
final class UnpublishedReports {

	private static final Logger log = LoggerFactory.getLogger(UnpublishedReports.class);

	private UnpublishedReports() {
	}

	/**
	 * Deletes the temporary report folders ({@code .<runDate>.tmp-<execution>}) that an
	 * execution of the date left behind when it failed or was killed while writing its
	 * report: never published, and with the job's lock held no one else is writing them.
	 */
	static void remove(JobSpec spec, LocalDate runDate) {
		Path parent = ReportWriter.folder(spec, runDate).getParent();
		if (!Files.isDirectory(parent)) {
			return;
		}
		String prefix = "." + runDate + ".tmp-";
		try (Stream<Path> children = Files.list(parent)) {
			for (Path folder : children.filter((p) -> p.getFileName().toString().startsWith(prefix)).toList()) {
				try (Stream<Path> tree = Files.walk(folder)) {
					for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
						Files.delete(path);
					}
				}
				log.info("Removed {}, the unpublished report of an earlier execution", folder);
			}
		}
		catch (IOException ex) {
			log.warn("Could not remove the unpublished reports of {} for {} in {}: {}", spec.name(), runDate, parent,
					ex.getMessage());
		}
	}

}
