package org.migrationstats.pipeline.report;

import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.migrationstats.pipeline.report.jdbc.FileCounts;
import org.migrationstats.pipeline.spec.DatasetSpec;
import org.migrationstats.pipeline.spec.JobSpec;
import org.migrationstats.pipeline.store.RunInput;

/**
 * The Run details and Inputs sheets: what identifies the run (job file and its digest,
 * attempt, ids, when it ran), the only part of a report that differs between two runs of
 * the same inputs; and every input with its size, digest, vintage and row counts, and,
 * where a dataset is in an agency's format, its value cells without a value by reason.
 */
final class RunDetails {

	static final String SHEET = "Run details";

	static final String INPUTS = "Inputs";

	/**
	 * The heading of a file's value cells that hold no value as the value is not
	 * available.
	 */
	static final String NOT_AVAILABLE = "Values not given: not available";

	/**
	 * The heading of a file's value cells that hold no value as the value is
	 * confidential.
	 */
	static final String CONFIDENTIAL = "Values not given: confidential";

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

	/**
	 * @param spec the job
	 * @return whether some dataset is in a statistical agency's format, whose value cells
	 * say why they hold no value (not available, confidential), which the Inputs sheet
	 * then counts per file
	 */
	static boolean countsValuesNotGiven(JobSpec spec) {
		return spec.datasets().stream().anyMatch((d) -> d.table().format().agency());
	}

	static void writeInputs(TableSink sink, JobSpec spec, List<IngestedFile> files, List<RunInput> inputs,
			List<FileCounts> counts) throws IOException {
		boolean notGiven = countsValuesNotGiven(spec);
		List<Column> columns = new ArrayList<>(List.of(Column.text("Dataset"), Column.text("File"),
				Column.text("Vintage"), Column.text("Figures as of"), Column.text("Number format"),
				Column.count("Size (bytes)"), Column.count("Rows read"), Column.count("Rows written"),
				Column.count("Rows rejected"), Column.count("Rows filtered"), Column.count("Observations")));
		if (notGiven) {
			columns.add(Column.count(NOT_AVAILABLE));
			columns.add(Column.count(CONFIDENTIAL));
		}
		columns.add(Column.count("Values rejected"));
		columns.add(Column.text("SHA-256"));
		sink.begin(new TableSink.TableInfo(INPUTS, "inputs",
				"Inputs: every file read, with its vintage, number format, size, row counts"
						+ (notGiven ? ", values not given" : "") + " and SHA-256 digest",
				notGiven ? Note.cite(Note.SOURCES, Note.FLAGS) : Note.cite(Note.SOURCES)), columns);
		for (RunInput input : inputs) {
			DatasetSpec dataset = spec.dataset(input.datasetId());
			IngestedFile file = files.stream()
				.filter((f) -> f.datasetId().equals(input.datasetId()) && f.fileName().equals(input.fileName()))
				.findFirst()
				.orElse(new IngestedFile(input.datasetId(), input.fileName(), 0, 0, 0, 0, ""));
			FileCounts c = counts.stream()
				.filter((f) -> f.datasetId().equals(input.datasetId()) && f.fileName().equals(input.fileName()))
				.findFirst()
				.orElse(new FileCounts(input.datasetId(), input.fileName(), 0, 0, 0, 0, 0));
			List<Object> row = new ArrayList<>(Arrays.asList(input.datasetId(), input.fileName(), dataset.vintage(),
					dataset.referenceDate(), file.numberFormat(), input.size(), file.rowsRead(), file.rowsWritten(),
					file.rowsRejected(), file.rowsFiltered(), c.observations()));
			if (notGiven) {
				row.add(c.notAvailable());
				row.add(c.confidential());
			}
			row.add(c.rejections());
			row.add(input.sha256());
			sink.row(row);
		}
		sink.end();
	}

}
