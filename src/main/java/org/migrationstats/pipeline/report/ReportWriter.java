package org.migrationstats.pipeline.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.migrationstats.pipeline.compute.CountryYearFigures;
import org.migrationstats.pipeline.compute.GroupFigures;
import org.migrationstats.pipeline.compute.PeriodFigures;
import org.migrationstats.pipeline.reference.MembershipChange;
import org.migrationstats.pipeline.reference.MembershipCounts;
import org.migrationstats.pipeline.spec.JobSpec;
import org.migrationstats.pipeline.store.FiguresStore;
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

	private final FiguresStore figures;

	private final RunStore runs;

	public ReportWriter(FiguresStore figures, RunStore runs) {
		this.figures = figures;
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
		Path target = folder(spec, run.runDate());
		Path parent = target.getParent();
		Path temporary = parent.resolve("." + run.runDate() + ".tmp-" + run.executionId());
		try {
			Files.createDirectories(parent);
			deleteTree(temporary);
			Files.createDirectories(temporary);
			String baseName = spec.name() + "-" + run.runDate();
			try (XlsxTableSink xlsx = new XlsxTableSink()) {
				TableSink sink = new TeeSink(xlsx, new CsvTableSink(temporary, spec.report().neutraliseCsv()));
				xlsx.cover(AboutSheet.SHEET, AboutSheet.title(spec, run), AboutSheet.introduction(spec));
				xlsx.linkLine("Contents: every sheet, with a link to it", CONTENTS);
				AboutSheet.write(sink, spec, run, files, this.runs.inputs(run.runId()),
						this.figures.fileCounts(run.runId()));
				xlsx.reserve(CONTENTS, "Every sheet, with a link to it");
				xlsx.reserve(CHARTS, "Net migration per year for the chart countries; period figures per group");
				writePeriods(sink, run.runId());
				writeCountryYears(sink, run.runId());
				List<GroupFigures> groups = this.figures.groups(run.runId());
				writeGroups(sink, groups);
				writeMembership(sink, run.runId());
				writeMembershipChanges(sink, run);
				writeMembershipChecks(sink, run.runId());
				writeSources(sink, run.runId());
				writeChecks(sink, spec, run.runId());
				writeRejections(sink, run.runId());
				writeUnmatchedNames(sink, run.runId());
				writeAggregates(sink, run.runId());
				writeFilteredRows(sink, run.runId());
				ChartData charts = chartData(spec, run.runId(), groups);
				charts.write(sink);
				xlsx.charts(CHARTS, charts);
				xlsx.contents(CONTENTS);
				xlsx.properties("Migration statistics: " + spec.name() + ", " + run.runDate(),
						"Net migration and population figures by membership status", "Figures of job " + spec.name()
								+ " for " + run.runDate() + ", with their inputs, " + "definitions, checks and rejects",
						run.runDate());
				xlsx.save(temporary.resolve(baseName + ".xlsx"));
			}
			publish(temporary, target, run.executionId());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write the report into " + temporary, ex);
		}
		log.info("Report for {} {} written to {}", spec.name(), run.runDate(), target);
		return target;
	}

	private ChartData chartData(JobSpec spec, long runId, List<GroupFigures> groups) {
		List<String> countries = spec.report().chartCountries();
		String from;
		if (countries.isEmpty()) {
			countries = this.figures.largestNetMigration(runId, DEFAULT_CHART_COUNTRIES);
			from = "the " + countries.size() + " largest absolute net migration totals";
		}
		else if (spec.report().chartCountriesFrom().startsWith("groups: ")) {
			from = "the job file's first group, " + spec.report().chartCountriesFrom().substring(8);
		}
		else {
			from = "as the job file names them";
		}
		return ChartData.of(from, countries, this.figures.countryNames(),
				this.figures.netMigrationSeries(runId, countries), groups);
	}

	private void writePeriods(TableSink sink, long runId) throws IOException {
		sink.begin(new TableSink.TableInfo("Periods", "periods", "Figures over named periods, per country"),
				List.of(Column.text("Period"), Column.year("From"), Column.year("To"), Column.text("Country code"),
						Column.text("Country"), Column.text("Status at period end"),
						Column.count("Cumulative net migration"), Column.year("Net migration years with data"),
						Column.count("Natural increase"), Column.year("Natural increase years with data"),
						Column.count("Population, first year"), Column.count("Population, last year"),
						Column.count("Population change"), Column.rate("Net migration rate, per 1,000 per year"),
						Column.count("Reported population change, summed"),
						Column.year("Reported population change years with data")));
		for (PeriodFigures p : this.figures.periods(runId)) {
			sink.row(Arrays.asList(p.period(), p.from(), p.to(), p.country(), p.name(), p.statusAtEnd().name(),
					p.netMigration(), p.netMigrationYears(), p.naturalIncrease(), p.naturalIncreaseYears(),
					p.populationStart(), p.populationEnd(), p.populationChange(), p.averageNetMigrationRate(),
					p.reportedChange(), p.reportedChangeYears()));
		}
		sink.end();
	}

	private void writeGroups(TableSink sink, List<GroupFigures> groups) throws IOException {
		sink.begin(
				new TableSink.TableInfo("Groups", "groups",
						"Figures over named periods, per membership status, job-file list, region and sub-region"),
				List.of(Column.text("Period"), Column.text("Grouping"), Column.text("Group"), Column.year("Countries"),
						Column.year("Countries with every year"), Column.count("Cumulative net migration"),
						Column.count("Natural increase"), Column.count("Population, first year"),
						Column.count("Population, last year"), Column.count("Population change")));
		for (GroupFigures g : groups) {
			sink.row(Arrays.asList(g.period(), g.grouping(), g.group(), g.countries(), g.completeCountries(),
					g.netMigration(), g.naturalIncrease(), g.populationStart(), g.populationEnd(),
					g.populationChange()));
		}
		sink.end();
	}

	private void writeChecks(TableSink sink, JobSpec spec, long runId) throws IOException {
		sink.begin(
				new TableSink.TableInfo("Checks", "checks",
						"Country-years that fail a consistency check " + "(balancing residual beyond "
								+ spec.figures().balanceTolerance() + " persons, or net migration "
								+ "that differs from immigrants minus emigrants)"),
				List.of(Column.text("Country code"), Column.text("Country"), Column.year("Year"), Column.text("Check"),
						Column.count("Reported"), Column.count("Expected"), Column.count("Difference")));
		for (Object[] row : this.figures.checks(runId, spec.figures().balanceTolerance())) {
			sink.row(Arrays.asList(row));
		}
		sink.end();
	}

	private void writeSources(TableSink sink, long runId) throws IOException {
		sink.begin(new TableSink.TableInfo("Sources", "sources", "Where datasets disagree: conflicts between "
				+ "sources beyond the tolerance (A is the value used) and revisions between vintages (A is the newer, "
				+ "B the older)"),
				List.of(Column.text("Kind"), Column.text("Country code"), Column.text("Country"), Column.year("Year"),
						Column.text("Measure"), Column.text("Dataset A"), Column.count("Value A"),
						Column.text("Dataset B"), Column.count("Value B"), Column.count("B minus A")));
		for (Object[] row : this.figures.sourceDifferences(runId)) {
			sink.row(Arrays.asList(row));
		}
		sink.end();
	}

	private void writeCountryYears(TableSink sink, long runId) throws IOException {
		sink.begin(new TableSink.TableInfo("Country-year", "country_year", "Figures per country and year"),
				List.of(Column.text("Country code"), Column.text("Country"), Column.year("Year"),
						Column.text("Status at year end"), Column.count("Population"), Column.text("Population source"),
						Column.count("Immigrants"), Column.count("Emigrants"), Column.count("Net migration"),
						Column.text("Net migration source"), Column.count("Births"), Column.count("Deaths"),
						Column.count("Natural increase"), Column.count("Population change"),
						Column.rate("Net migration rate, per 1,000"), Column.rate("Birth rate, per 1,000"),
						Column.rate("Death rate, per 1,000"), Column.count("Reported population change"),
						Column.count("Immigrants minus emigrants"), Column.count("Balancing residual"),
						Column.count("International migrant stock")));
		List<IOException> failures = new ArrayList<>(1);
		this.figures.countryYears(runId, (CountryYearFigures c) -> {
			if (!failures.isEmpty()) {
				return;
			}
			try {
				sink.row(Arrays.asList(c.country(), c.name(), c.year(), c.status().name(), c.population(),
						c.populationSource(), c.immigrants(), c.emigrants(), c.netMigration(), c.netMigrationSource(),
						c.births(), c.deaths(), c.naturalIncrease(), c.populationChange(), c.netMigrationRate(),
						c.birthRate(), c.deathRate(), c.reportedPopulationChange(), c.migrationFlowsNet(),
						c.balanceResidual(), c.migrantStock()));
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

	private void writeMembership(TableSink sink, long runId) throws IOException {
		sink.begin(
				new TableSink.TableInfo("Membership", "membership",
						"Membership counts on each year end and " + "on each day a status changed"),
				List.of(Column.date("Date"), Column.year("Member states"), Column.year("Observer states"),
						Column.year("Non-state observers"), Column.year("Observers, all")));
		for (MembershipCounts c : this.figures.membershipCounts(runId)) {
			sink.row(List.of(c.day(), c.memberStates(), c.observerStates(), c.observerBodies(), c.observers()));
		}
		sink.end();
	}

	private void writeMembershipChanges(TableSink sink, RunInfo run) throws IOException {
		sink.begin(
				new TableSink.TableInfo("Membership changes", "membership_changes",
						"Who joined, changed status or left, by date"),
				List.of(Column.date("Date"), Column.year("Year"), Column.text("Party"), Column.text("Name"),
						Column.text("Party type"), Column.text("Change"), Column.text("Status before"),
						Column.text("Status after"), Column.text("Source")));
		Map<String, String> names = this.figures.countryNames();
		for (MembershipChange c : this.runs.membership(run.runId(), run.membershipFile()).changes()) {
			sink.row(Arrays.asList(c.day(), c.day().getYear(), c.party(), names.getOrDefault(c.party(), c.party()),
					c.partyType().name(), c.describe(), c.before().name(), c.after().name(), c.source()));
		}
		sink.end();
	}

	private void writeMembershipChecks(TableSink sink, long runId) throws IOException {
		sink.begin(
				new TableSink.TableInfo("Membership checks", "membership_checks",
						"Where other membership sources disagree with the membership file"),
				List.of(Column.text("Other source"), Column.text("Party"), Column.text("Name"),
						Column.text("Membership file"), Column.text("Other source says"), Column.text("Difference")));
		for (Object[] row : this.figures.membershipChecks(runId)) {
			sink.row(Arrays.asList(row));
		}
		sink.end();
	}

	private void writeUnmatchedNames(TableSink sink, long runId) throws IOException {
		sink.begin(
				new TableSink.TableInfo("Unmatched names", "unmatched_names",
						"Country codes and names no country was found for, once per name"),
				List.of(Column.text("Dataset"), Column.text("As written"),
						Column.text("Reason and closest known names"), Column.count("Rows"),
						Column.count("First row")));
		for (Object[] row : this.figures.unmatchedNames(runId)) {
			sink.row(Arrays.asList(row));
		}
		sink.end();
	}

	private void writeRejections(TableSink sink, long runId) throws IOException {
		sink.begin(new TableSink.TableInfo("Rejects", "rejects", "Rejected cells and rows, with the reason"),
				List.of(Column.text("Dataset"), Column.text("File"), Column.text("Sheet"), Column.count("Row"),
						Column.text("Column"), Column.text("Value as written"), Column.text("Reason")));
		List<IOException> failures = new ArrayList<>(1);
		this.figures.rejections(runId, (r) -> {
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
						"Aggregate rows found in the inputs and " + "left out of every figure"),
				List.of(Column.text("Dataset"), Column.text("Scheme"), Column.text("Code"), Column.text("Name"),
						Column.count("Rows")));
		for (Object[] a : this.figures.aggregatesFound(runId)) {
			sink.row(Arrays.asList(a));
		}
		sink.end();
	}

	private void writeFilteredRows(TableSink sink, long runId) throws IOException {
		sink.begin(new TableSink.TableInfo("Filtered rows", "filtered_rows",
				"Rows left out on purpose, other than aggregates: of series the job does not map, left out by a "
						+ "dataset's filters, section headings"),
				List.of(Column.text("Dataset"), Column.text("File"), Column.text("Sheet"), Column.text("Reason"),
						Column.text("As written"), Column.count("Rows"), Column.count("First row")));
		for (Object[] row : this.figures.filteredRows(runId)) {
			sink.row(Arrays.asList(row));
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
