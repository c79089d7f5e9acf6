package org.migrationstats.pipeline.report;

import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

import org.migrationstats.pipeline.compute.Rates;
import org.migrationstats.pipeline.spec.DatasetSpec;
import org.migrationstats.pipeline.spec.JobSpec;
import org.migrationstats.pipeline.store.FiguresStore.FileCounts;
import org.migrationstats.pipeline.store.RunInput;

/**
 * The tables of the report's cover: the run, every input with its size, digest, vintage
 * and row counts, the definition of every figure, and the notes on rounding, sources and
 * how the report may be read. The run table is the only part that differs between two
 * runs of the same inputs.
 */
final class AboutSheet {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

	static final String SHEET = "About";

	private static final String[][] DEFINITIONS = {
			{ "Population",
					"Total population in persons, as of the reference date its source states (Inputs, "
							+ "'Figures as of'; the country-year table names each year's population source)." },
			{ "Immigrants, emigrants",
					"Persons arriving in and leaving the country in the calendar year, as the "
							+ "source reports them." },
			{ "Net migration",
					"Immigrants minus emigrants in the calendar year, as the source reports it; where a "
							+ "source gives immigrants and emigrants only, their difference." },
			{ "Natural increase", "Live births minus deaths in the calendar year." },
			{ "Population change",
					"For a year t: the population of year t+1 minus that of year t. For a period: "
							+ "the population of its last year minus that of its first year (mid-year to mid-year)." },
			{ "Reported population change", "Population change as a source reports it, over the span the source states "
					+ "(Inputs, 'Figures as of'; for instance 1 January of the year to 1 January of the next)." },
			{ "Balancing residual", "Reported population change minus (births - deaths + net migration); near zero "
					+ "when the sources balance. Residuals beyond the job's balance-tolerance are listed in Checks." },
			{ "International migrant stock",
					"Persons living in the country at mid-year who were born in "
							+ "another country (or, where the source counts so, are foreign citizens), as the source "
							+ "reports it: a stock, not a flow, so it is not summed over periods." },
			{ "Net migration rate", "Net migration per 1,000 mid-year population of the same year; for a period, "
					+ "the cumulative net migration per 1,000 of the mean of the first and last year's population, "
					+ "per year." },
			{ "Birth and death rates", "Births or deaths per 1,000 mid-year population of the same year." },
			{ "Cumulative net migration",
					"Net migration summed over every year of the period, both ends included; "
							+ "'years with data' says how many years the sum covers." },
			{ "Membership status",
					"The country's status in the organisation on 31 December of the year, or of the "
							+ "period's last year, from the membership file: MEMBER, OBSERVER or NON_MEMBER." },
			{ "Groups", "Period figures summed over the countries of a membership status at the period's end, a "
					+ "list named in the job file, or an M49 region or sub-region. 'Countries with every year' says "
					+ "how many of them have net migration for the whole period." },
			{ "Source conflicts and revisions",
					"Conflicts: another dataset's value B whose relative difference from the value used, A, "
							+ "exceeds the job's source-tolerance; the relative difference is |B - A| / |A|, taken "
							+ "against the value used (where A is 0, every other value is a conflict). Revisions: every "
							+ "value a newer vintage (A) changed from the older one (B). 'B minus A' is B - A on every "
							+ "row." },
			{ "Rows read, written, rejected, filtered",
					"Per input file, as the ingest step counts them: data rows read; rows written (every row "
							+ "read that is neither rejected whole nor filtered, even one whose values were rejected); "
							+ "rows with at least one value rejected, or rejected whole (listed in Rejects); rows about "
							+ "aggregates, set aside (listed in Aggregates), and rows of series the job does not map, "
							+ "left out by the dataset's filters or that are section headings (listed in Filtered "
							+ "rows). Observations: the figures taken from the file; values rejected: its entries in "
							+ "Rejects." } };

	private static final String[][] NOTES = {
			{ "Rounding", "Counts are exact whole persons. Values given in thousands are multiplied by 1,000 and "
					+ "rounded once, half to even. Rates are computed from the exact counts and rounded once, half "
					+ "to even, to " + Rates.SCALE + " decimals; they are never summed." },
			{ "Precedence",
					"Where several datasets give the same measure for a country and year, the dataset "
							+ "listed first in the job file is used; the source columns say which." },
			{ "Aggregates",
					"Rows for regions and income groups (World, Central Asia, ...) are recognised, counted "
							+ "in the Aggregates sheet and left out of every figure and total." },
			{ "Text from input files", "Names and values copied from input files are text cells, never formulas; "
					+ "one that starts with =, +, -, @, a tab or a line break is marked as text (in the CSV files, "
					+ "with a leading apostrophe). The workbook has no formulas, macros or links outside it." },
			{ "Empty tables",
					"A table with nothing to list in this run keeps one empty row, as Excel tables need "
							+ "one, and its title says so." },
			{ "Reproducibility", "The same inputs give the same report: only the run table above (attempt, run id, "
					+ "execution id, when it ran) differs between two runs." } };

	private AboutSheet() {
	}

	/**
	 * @param spec the job
	 * @param run the run
	 * @return the cover's title
	 */
	static String title(JobSpec spec, RunInfo run) {
		return "Migration statistics: " + spec.name() + ", run of " + run.runDate();
	}

	/**
	 * @param spec the job
	 * @return the lines of text under the cover's title
	 */
	static List<String> introduction(JobSpec spec) {
		return List.of(
				"Net migration, natural increase and population figures per country, year, named period and "
						+ "membership group, from the inputs listed below.",
				"Each table starts in cell A1 of its sheet with its title; the figures are also in CSV files beside "
						+ "this workbook, one per table.");
	}

	static void write(TableSink sink, JobSpec spec, RunInfo run, List<IngestedFile> files, List<RunInput> inputs,
			List<FileCounts> counts) throws IOException {
		sink.begin(new TableSink.TableInfo(SHEET, "about", "This run"),
				List.of(Column.text("Item"), Column.text("Value")));
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
		writeInputs(sink, spec, files, inputs, counts);
		sink.begin(new TableSink.TableInfo(SHEET, "definitions", "Definitions"),
				List.of(Column.text("Figure"), Column.text("Definition")));
		for (String[] definition : DEFINITIONS) {
			sink.row(Arrays.asList(definition));
		}
		sink.end();
		sink.begin(new TableSink.TableInfo(SHEET, "notes", "Notes"), List.of(Column.text("Note"), Column.text("Text")));
		for (String[] note : NOTES) {
			sink.row(Arrays.asList(note));
		}
		sink.row(List.of("Sources", sources(spec)));
		sink.end();
	}

	/**
	 * The sources as the job file names them: each dataset's vintage (or its id where the
	 * job file gives none), once, in job-file order.
	 */
	static String sources(JobSpec spec) {
		LinkedHashSet<String> named = new LinkedHashSet<>();
		for (DatasetSpec dataset : spec.datasets()) {
			String vintage = dataset.vintage();
			named.add((vintage != null && !vintage.isBlank()) ? vintage : "dataset " + dataset.id());
		}
		return String.join("; ", named) + ". Membership: as cited per record in the membership file's source "
				+ "column. Each input's vintage, size and SHA-256 digest are listed in Inputs; the licences are "
				+ "those of the sources.";
	}

	private static void writeInputs(TableSink sink, JobSpec spec, List<IngestedFile> files, List<RunInput> inputs,
			List<FileCounts> counts) throws IOException {
		sink.begin(new TableSink.TableInfo(SHEET, "inputs", "Inputs"),
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
