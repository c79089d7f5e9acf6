package org.migrationstats.pipeline.report;

import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

import org.migrationstats.pipeline.report.jdbc.FileCounts;
import org.migrationstats.pipeline.spec.DatasetSpec;
import org.migrationstats.pipeline.spec.JobSpec;
import org.migrationstats.pipeline.store.RunInput;

/**
 * The Run details and Inputs sheets: what identifies the run (job file and its digest,
 * attempt, ids, when it ran), the only part of a report that differs between two runs of
 * the same inputs; and every input with its size, digest, vintage and row counts.
 */
final class RunDetails {

	static final String SHEET = "Run details";

	static final String INPUTS = "Inputs";

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

	private RunDetails() {
	}

	static void write(TableSink sink, JobSpec spec, RunInfo run) throws IOException {
		sink.begin(new TableSink.TableInfo(SHEET, "run_details", "Run details: the job file and this run",
				Note.cite(Note.REPRODUCIBILITY)), List.of(Column.text("Item"), Column.text("Value")));
		sink.row(List.of("Job", spec.name()));
		sink.row(List.of("Job file", run.jobFile()));
		sink.row(List.of("Job file SHA-256", spec.fingerprint()));
		sink.row(List.of("Run date", run.runDate()));
		sink.row(List.of("Membership file", run.membershipFile()));
		sink.row(List.of("Attempt", run.attempt()));
		sink.row(List.of("Run id (job instance)", run.runId()));
		sink.row(List.of("Execution id", run.executionId()));
		sink.row(List.of("When it ran", run.started()
			.atZone(ZoneId.systemDefault())
			.toOffsetDateTime()
			// always with seconds: toString() leaves them out when they are zero
			.format(WHEN)));
		sink.end();
	}

	static void writeInputs(TableSink sink, JobSpec spec, List<IngestedFile> files, List<RunInput> inputs,
			List<FileCounts> counts) throws IOException {
		sink.begin(
				new TableSink.TableInfo(INPUTS, "inputs",
						"Inputs: every file read, with its vintage, number format, size, row counts and SHA-256 digest",
						Note.cite(Note.SOURCES)),
				List.of(Column.text("Dataset"), Column.text("File"), Column.text("Vintage"),
						Column.text("Figures as of"), Column.text("Number format"), Column.count("Size (bytes)"),
						Column.count("Rows read"), Column.count("Rows written"), Column.count("Rows rejected"),
						Column.count("Rows filtered"), Column.count("Observations"), Column.count("Values rejected"),
						Column.text("SHA-256")));
		for (RunInput input : inputs) {
			DatasetSpec dataset = spec.dataset(input.datasetId());
			IngestedFile file = files.stream()
				.filter((f) -> f.datasetId().equals(input.datasetId()) && f.fileName().equals(input.fileName()))
				.findFirst()
				.orElse(new IngestedFile(input.datasetId(), input.fileName(), 0, 0, 0, 0, ""));
			FileCounts c = counts.stream()
				.filter((f) -> f.datasetId().equals(input.datasetId()) && f.fileName().equals(input.fileName()))
				.findFirst()
				.orElse(new FileCounts(input.datasetId(), input.fileName(), 0, 0, 0));
			sink.row(Arrays.asList(input.datasetId(), input.fileName(), dataset.vintage(), dataset.referenceDate(),
					file.numberFormat(), input.size(), file.rowsRead(), file.rowsWritten(), file.rowsRejected(),
					file.rowsFiltered(), c.observations(), c.rejections(), input.sha256()));
		}
		sink.end();
	}

}
