package org.migrationstats.pipeline.batch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.migrationstats.pipeline.spec.DatasetSpec;
import org.migrationstats.pipeline.store.RunInput;
import org.migrationstats.pipeline.store.RunStore;

import org.springframework.stereotype.Component;

/**
 * The input files of a run as the prepare step recorded them, compared with the files as
 * they are now: a restart must read the same bytes the failed execution read, or the rows
 * committed before the failure and those read after it would come from two versions of a
 * file.
 */
@Component
public class RunInputs {

	private final RunStore runs;

	public RunInputs(RunStore runs) {
		this.runs = runs;
	}

	/**
	 * @param runId the run (job instance)
	 * @return one line per recorded file that is missing or no longer has the recorded
	 * size and SHA-256, naming the file; empty if every file is as recorded
	 */
	public List<String> changes(long runId) {
		List<String> changes = new ArrayList<>();
		for (RunInput input : this.runs.inputs(runId)) {
			Path file = Path.of(input.fileName());
			if (!Files.isRegularFile(file)) {
				changes.add(input.fileName() + " (dataset " + input.datasetId() + ") is missing");
				continue;
			}
			long size = size(file);
			if (size != input.size()) {
				changes.add(input.fileName() + " (dataset " + input.datasetId() + ") changed: " + input.size()
						+ " bytes then, " + size + " now");
			}
			else if (!PrepareInputsTasklet.sha256(file).equals(input.sha256())) {
				changes.add(input.fileName() + " (dataset " + input.datasetId()
						+ ") changed: same size, different content (SHA-256 " + abbreviate(input.sha256()) + " then, "
						+ abbreviate(PrepareInputsTasklet.sha256(file)) + " now)");
			}
		}
		return changes;
	}

	/**
	 * Expands a dataset's path, which may be a glob, as the prepare step does.
	 * @param dataset the dataset
	 * @return the files, sorted by name
	 * @throws InputException if no file matches
	 */
	public static List<Path> files(DatasetSpec dataset) {
		return PrepareInputsTasklet.files(dataset);
	}

	private static long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (java.io.IOException ex) {
			return -1;
		}
	}

	private static String abbreviate(String sha256) {
		return sha256.substring(0, 12) + "\u2026";
	}

}
