package org.migrationstats.pipeline.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.Map;
import java.util.stream.Stream;

import org.migrationstats.pipeline.compute.GroupFigures;
import org.migrationstats.pipeline.reference.Membership;
import org.migrationstats.pipeline.report.jdbc.AggregateFound;
import org.migrationstats.pipeline.report.jdbc.FailedCheck;
import org.migrationstats.pipeline.report.jdbc.FigureQueries;
import org.migrationstats.pipeline.report.jdbc.FilteredRowCount;
import org.migrationstats.pipeline.report.jdbc.InputQueries;
import org.migrationstats.pipeline.report.jdbc.SourceDifference;
import org.migrationstats.pipeline.report.jdbc.UnmatchedName;
import org.migrationstats.pipeline.spec.JobSpec;
import org.migrationstats.pipeline.store.RunStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Writes a run's report: an Excel workbook and one CSV file per table, first into a
 * temporary folder beside the destination, then moved into
 * {@code <output>/<job>/<runDate>/} in one step, so that no reader ever sees half a
 * report.
 */
@Component
public class ReportWriter {

	private static final Logger log = LoggerFactory.getLogger(ReportWriter.class);

	static final String CONTENTS = "Contents";

	static final String CHARTS = "Charts";

	/** How many countries the net migration chart shows when the job file names none. */
	static final int DEFAULT_CHART_COUNTRIES = 5;

	private final FigureQueries figures;

	private final InputQueries inputs;

	private final RunStore runs;

	public ReportWriter(FigureQueries figures, InputQueries inputs, RunStore runs) {
		this.figures = figures;
		this.inputs = inputs;
		this.runs = runs;
	}

	/**
	 * @param spec the job
	 * @param runDate the run date
	 * @return the folder the run's report is published in
	 */
	public static Path folder(JobSpec spec, java.time.LocalDate runDate) {
		return spec.output().resolve(spec.name()).resolve(runDate.toString());
	}

	/**
	 * Writes and publishes the report.
	 * @param spec the job
	 * @param run the run
	 * @param files what the ingest step did with each input file
	 * @return the published folder
	 */
	public Path write(JobSpec spec, RunInfo run, List<IngestedFile> files) {
		return write(spec, run, files, () -> false);
	}

	/**
	 * Writes the report and publishes it unless the run was told to stop meanwhile: a
	 * stopped run publishes nothing, so that what lies in the report folder is always the
	 * report of a run that completed.
	 * @param spec the job
	 * @param run the run
	 * @param files what the ingest step did with each input file
	 * @param stopRequested asked just before publishing: whether the run was told to stop
	 * @return the published folder
	 * @throws ReportNotPublishedException if the run was told to stop before it published
	 */
	public Path write(JobSpec spec, RunInfo run, List<IngestedFile> files, BooleanSupplier stopRequested) {
		Path target = folder(spec, run.runDate());
		Path parent = target.getParent();
		Path temporary = parent.resolve("." + run.runDate() + ".tmp-" + run.executionId());
		try {
			Files.createDirectories(parent);
			deleteTree(temporary);
			Files.createDirectories(temporary);
			String baseName = spec.name() + "-" + run.runDate();
			try (XlsxTableSink xlsx = new XlsxTableSink()) {
				TableSink sink = new ProgressSink(
						new TeeSink(xlsx, new CsvTableSink(temporary, spec.report().neutraliseCsv())));
				Membership membership = this.runs.membership(run.runId(), run.membershipFile());
				String organisation = membership.records().isEmpty() ? "" : membership.records().get(0).organisation();
				xlsx.cover(AboutSheet.SHEET, AboutSheet.title(spec, run),
						"Cover: what the workbook shows, the years it covers, its sources and the next run",
						AboutSheet.sections(spec, run, organisation, this.figures.yearSpan(run.runId())));
				xlsx.linkLine("Contents: every sheet, with a link to it", CONTENTS);
				xlsx.citeForEmptyTables(Note.EMPTY_TABLES.cite());
				xlsx.reserve(CONTENTS, "Every sheet, with a link to it and its number of rows");
				Availability available = new Availability(this.figures.measuresWithValues(run.runId()),
						this.figures.hasFlags(run.runId()));
				CountryYearSheet countryYears = new CountryYearSheet(available);
				PeriodSheets periods = new PeriodSheets(available);
				NotesSheets.writeNotes(sink,
						Map.of(Note.SOURCES, AboutSheet.sources(spec), Note.COLUMNS_LEFT_OUT,
								NotesSheets.leftOut(Map.of("Country-year", countryYears.leftOut(), "Periods",
										periods.periodsLeftOut(), "Groups", periods.groupsLeftOut()))),
						(available.flagged() || RunDetails.countsValuesNotGiven(spec)) ? EnumSet.of(Note.FLAGS)
								: EnumSet.noneOf(Note.class));
				NotesSheets.writeDefinitions(sink);
				xlsx.reserve(CHARTS, "Net migration per year for the chart countries; period figures per group");
				periods.writePeriods(sink, this.figures.periods(run.runId()));
				countryYears.write(sink, (row) -> this.figures.countryYears(run.runId(), row));
				List<GroupFigures> groups = PeriodSheets.inWords(this.figures.groups(run.runId()));
				periods.writeGroups(sink, groups);
				MembershipSheets.writeCounts(sink, this.figures.membershipCounts(run.runId()), spec.membershipTotals());
				MembershipSheets.writeChanges(sink, membership, this.figures.countryNames());
				MembershipSheets.writeChecks(sink, this.figures.membershipChecks(run.runId()));
				writeSources(sink, run.runId());
				writeChecks(sink, spec, run.runId());
				writeRejections(sink, run.runId());
				writeUnmatchedNames(sink, run.runId());
				writeAggregates(sink, run.runId());
				writeFilteredRows(sink, run.runId());
				ChartData charts = chartData(spec, run.runId(), groups, available);
				charts.write(sink);
				RunDetails.write(sink, spec, run);
				RunDetails.writeInputs(sink, spec, files, this.runs.inputs(run.runId()),
						this.inputs.fileCounts(run.runId()));
				xlsx.charts(CHARTS, charts);
				xlsx.contents(CONTENTS, Note.cite(Note.SHORTHAND));
				xlsx.properties("Migration statistics: " + spec.name() + ", " + run.runDate(),
						"Net migration and population figures by membership status", "Figures of job " + spec.name()
								+ " for " + run.runDate() + ", with their inputs, " + "definitions, checks and rejects",
						run.runDate());
				long saving = System.nanoTime();
				xlsx.save(temporary.resolve(baseName + ".xlsx"));
				log.info("Wrote the workbook {}.xlsx in {} s", baseName,
						String.format("%.1f", (System.nanoTime() - saving) / 1e9));
			}
			if (stopRequested.getAsBoolean()) {
				deleteTree(temporary);
				throw new ReportNotPublishedException("the run was told to stop while its report was written; nothing "
						+ "was published to " + target + " and a restart writes it again");
			}
			publish(temporary, target, run.executionId());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write the report into " + temporary, ex);
		}
		log.info("Report for {} {} written to {}", spec.name(), run.runDate(), target);
		return target;
	}

	private ChartData chartData(JobSpec spec, long runId, List<GroupFigures> groups, Availability available) {
		List<String> countries = spec.report().chartCountries();
		Map<String, String> names = this.figures.countryNames();
		boolean largest = countries.isEmpty();
		if (largest) {
			countries = this.figures.largestNetMigration(runId, DEFAULT_CHART_COUNTRIES);
		}
		List<String> named = countries.stream().map((key) -> names.getOrDefault(key, key)).toList();
		String words;
		if (largest) {
			words = "the " + countries.size() + " countries with the largest net migration over all years, gains or "
					+ "losses (" + String.join(", ", named) + ")";
		}
		else if (spec.report().chartCountriesFrom().startsWith("groups: ")) {
			words = ChartData.inWords(spec.report().chartCountriesFrom().substring(8)) + " (" + String.join(", ", named)
					+ ")";
		}
		else {
			words = String.join(", ", named);
		}
		return ChartData.of(words, countries, names, this.figures.netMigrationSeries(runId, countries), groups,
				available);
	}

	private void writeChecks(TableSink sink, JobSpec spec, long runId) throws IOException {
		sink.begin(
				new TableSink.TableInfo("Checks", "checks",
						"Country-years that fail a consistency check " + "(balancing residual beyond "
								+ spec.figures().balanceTolerance() + " persons, or net migration "
								+ "that differs from immigrants minus emigrants)"),
				List.of(Column.text("Country code"), Column.text("Country"), Column.year("Year"), Column.text("Check"),
						Column.count("Reported"), Column.count("Expected"), Column.count("Difference")));
		for (FailedCheck c : this.figures.checks(runId, spec.figures().balanceTolerance())) {
			sink.row(Arrays.asList(c.country(), c.name(), c.year(), c.check(), c.reported(), c.expected(),
					c.difference()));
		}
		sink.end();
	}

	private void writeSources(TableSink sink, long runId) throws IOException {
		sink.begin(new TableSink.TableInfo("Sources", "sources", "Where datasets disagree: conflicts between "
				+ "sources beyond the tolerance (A is the value used) and revisions between vintages (A is the newer, "
				+ "B the older)", Note.cite(Note.PRECEDENCE)),
				List.of(Column.text("Kind"), Column.text("Country code"), Column.text("Country"), Column.year("Year"),
						Column.text("Measure"), Column.text("Dataset A"), Column.count("Value A"),
						Column.text("Dataset B"), Column.count("Value B"), Column.count("B minus A")));
		for (SourceDifference d : this.figures.sourceDifferences(runId)) {
			sink.row(Arrays.asList(d.kind(), d.country(), d.name(), d.year(), d.measure(), d.datasetA(), d.valueA(),
					d.datasetB(), d.valueB(), d.difference()));
		}
		sink.end();
	}

	private void writeUnmatchedNames(TableSink sink, long runId) throws IOException {
		sink.begin(new TableSink.TableInfo("Unmatched names", "unmatched_names",
				"Country codes and names no country was found for, once per name", Note.cite(Note.TEXT_FROM_INPUTS)),
				List.of(Column.text("Dataset"), Column.text("As written"),
						Column.text("Reason and closest known names"), Column.count("Rows"),
						Column.count("First row")));
		for (UnmatchedName u : this.inputs.unmatchedNames(runId)) {
			sink.row(Arrays.asList(u.dataset(), u.asWritten(), u.reason(), u.rows(), u.firstRow()));
		}
		sink.end();
	}

	private void writeRejections(TableSink sink, long runId) throws IOException {
		sink.begin(
				new TableSink.TableInfo("Rejects", "rejects", "Rejected cells and rows, with the reason",
						Note.cite(Note.TEXT_FROM_INPUTS)),
				List.of(Column.text("Dataset"), Column.text("File"), Column.text("Sheet"), Column.count("Row"),
						Column.text("Column"), Column.text("Value as written"), Column.text("Reason")));
		List<IOException> failures = new ArrayList<>(1);
		this.inputs.rejections(runId, (r) -> {
			try {
				sink.row(
						Arrays.asList(r.dataset(), r.file(), r.sheet(), r.row(), r.column(), r.rawValue(), r.reason()));
			}
			catch (IOException ex) {
				failures.add(ex);
			}
		});
		if (!failures.isEmpty()) {
			throw failures.get(0);
		}
		sink.end();
	}

	private void writeAggregates(TableSink sink, long runId) throws IOException {
		sink.begin(
				new TableSink.TableInfo("Aggregates", "aggregates",
						"Aggregate rows found in the inputs and left out of every figure", Note.cite(Note.AGGREGATES)),
				List.of(Column.text("Dataset"), Column.text("Scheme"), Column.text("Code"), Column.text("Name"),
						Column.count("Rows")));
		for (AggregateFound a : this.inputs.aggregatesFound(runId)) {
			sink.row(Arrays.asList(a.dataset(), a.scheme(), a.code(), a.name(), a.rows()));
		}
		sink.end();
	}

	private void writeFilteredRows(TableSink sink, long runId) throws IOException {
		sink.begin(new TableSink.TableInfo("Filtered rows", "filtered_rows",
				"Rows left out on purpose, other than aggregates: of series the job does not map, left out by a "
						+ "dataset's filters, section headings"),
				List.of(Column.text("Dataset"), Column.text("File"), Column.text("Sheet"), Column.text("Reason"),
						Column.text("As written"), Column.count("Rows"), Column.count("First row")));
		for (FilteredRowCount f : this.inputs.filteredRows(runId)) {
			sink.row(
					Arrays.asList(f.dataset(), f.file(), f.sheet(), f.reason(), f.asWritten(), f.rows(), f.firstRow()));
		}
		sink.end();
	}

	private static void publish(Path temporary, Path target, long executionId) throws IOException {
		Path old = target.resolveSibling("." + target.getFileName() + ".old-" + executionId);
		if (Files.exists(target)) {
			Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
		}
		Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
		deleteTree(old);
	}

	static void deleteTree(Path folder) throws IOException {
		if (!Files.exists(folder)) {
			return;
		}
		try (Stream<Path> walk = Files.walk(folder)) {
			for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

}
