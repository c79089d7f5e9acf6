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
import org.migrationstats.pipeline.compute.Rates;
import org.migrationstats.pipeline.reference.MembershipChange;
import org.migrationstats.pipeline.reference.MembershipCounts;
import org.migrationstats.pipeline.spec.DatasetSpec;
import org.migrationstats.pipeline.spec.JobSpec;
import org.migrationstats.pipeline.store.FiguresStore;
import org.migrationstats.pipeline.store.FiguresStore.FileCounts;
import org.migrationstats.pipeline.store.RunInput;
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
	 * @param rowsRead rows read per input file, in the order of {@link RunStore#inputs}
	 * @return the published folder
	 */
	public Path write(JobSpec spec, RunInfo run, java.util.Map<String, Long> rowsRead) {
		Path target = folder(spec, run.runDate());
		Path parent = target.getParent();
		Path temporary = parent.resolve("." + run.runDate() + ".tmp-" + run.executionId());
		try {
			Files.createDirectories(parent);
			deleteTree(temporary);
			Files.createDirectories(temporary);
			String baseName = spec.name() + "-" + run.runDate();
			try (XlsxTableSink xlsx = new XlsxTableSink()) {
				TableSink sink = new TeeSink(xlsx, new CsvTableSink(temporary, true));
				writeAbout(sink, spec, run, rowsRead);
				writePeriods(sink, run.runId());
				writeGroups(sink, run.runId());
				writeChecks(sink, spec, run.runId());
				writeSources(sink, run.runId());
				writeCountryYears(sink, run.runId());
				writeMembership(sink, run.runId());
				writeMembershipChanges(sink, run);
				writeMembershipChecks(sink, run.runId());
				writeRejections(sink, run.runId());
				writeUnmatchedNames(sink, run.runId());
				writeAggregates(sink, run.runId());
				xlsx.contents();
				xlsx.properties("Migration statistics: " + spec.name() + ", " + run.runDate(),
						"Net migration and population figures by membership status", run.runDate());
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

	private void writeAbout(TableSink sink, JobSpec spec, RunInfo run, java.util.Map<String, Long> rowsRead)
			throws IOException {
		sink.begin(
				new TableSink.TableInfo("About", "about",
						"Migration statistics: " + spec.name() + ", run of " + run.runDate()),
				List.of(Column.text("Item"), Column.text("Value")));
		sink.row(List.of("Job", spec.name()));
		sink.row(List.of("Job file", run.jobFile()));
		sink.row(List.of("Run date", run.runDate().toString()));
		sink.row(List.of("Attempt", Long.toString(run.attempt())));
		sink.row(List.of("Run id (job instance)", Long.toString(run.runId())));
		sink.row(List.of("Execution id", Long.toString(run.executionId())));
		sink.row(List.of("Execution started", run.started().toString()));
		sink.row(List.of("Membership file", run.membershipFile()));
		List<FileCounts> counts = this.figures.fileCounts(run.runId());
		List<RunInput> inputs = this.runs.inputs(run.runId());
		for (RunInput input : inputs) {
			DatasetSpec dataset = spec.dataset(input.datasetId());
			FileCounts c = counts.stream()
				.filter((f) -> f.datasetId().equals(input.datasetId()) && f.fileName().equals(input.fileName()))
				.findFirst()
				.orElse(new FileCounts(input.datasetId(), input.fileName(), 0, 0, 0));
			sink.row(List.of("Input " + input.datasetId(),
					input.fileName() + " (" + input.size() + " bytes, SHA-256 " + input.sha256() + ")"
							+ (dataset.vintage().isEmpty() ? "" : ", vintage " + dataset.vintage())
							+ (dataset.referenceDate().isEmpty() ? "" : ", figures as of " + dataset.referenceDate())
							+ ": " + rowsRead.getOrDefault(input.datasetId() + ":" + input.fileName(), 0L)
							+ " rows read, " + c.observations() + " observations written, " + c.rejections()
							+ " rejected, " + c.aggregateRows() + " aggregate rows filtered"));
		}
		for (String[] definition : DEFINITIONS) {
			sink.row(Arrays.asList(definition));
		}
		sink.end();
	}

	private static final String[][] DEFINITIONS = {
			{ "Population",
					"Total population in persons, as of the reference date its source states (shown with "
							+ "the population source: World Bank SP.POP.TOTL is a mid-year estimate)." },
			{ "Net migration",
					"Immigrants minus emigrants in the calendar year, as the source reports it "
							+ "(WPP 2024: net number of migrants); where a source gives immigrants and emigrants only, "
							+ "their difference." },
			{ "Natural increase", "Live births minus deaths in the calendar year." },
			{ "Reported population change",
					"Population change as a source reports it (WPP 2024: 1 January of the "
							+ "year to 1 January of the next)." },
			{ "Balancing residual", "Reported population change minus (births - deaths + net migration); near zero "
					+ "when the sources balance. Residuals beyond the job's balance-tolerance are listed in Checks." },
			{ "Birth and death rates", "Births or deaths per 1,000 mid-year population of the same year." },
			{ "Groups", "Period figures summed over the countries of a membership status at the period's end, a "
					+ "list named in the job file, or an M49 region or sub-region. 'Countries with every year' says "
					+ "how many of them have net migration for the whole period." },
			{ "Sources",
					"Conflicts: another dataset's value differing from the value used by more than the job's "
							+ "source-tolerance. Revisions: every value a newer vintage changed." },
			{ "Population change",
					"For a year t: the population of year t+1 minus that of year t. For a period: "
							+ "the population of its last year minus that of its first year (mid-year to mid-year)." },
			{ "Cumulative net migration",
					"Net migration summed over every year of the period, both ends included; "
							+ "'years with data' says how many years the sum covers." },
			{ "Net migration rate", "Net migration per 1,000 mid-year population of the same year; for a period, "
					+ "the cumulative net migration per 1,000 of the mean of the first and last year's population, "
					+ "per year." },
			{ "Membership status",
					"The country's status in the organisation on 31 December of the year, or of the "
							+ "period's last year, from the membership file." },
			{ "Rounding", "Counts are exact whole persons. Values given in thousands are multiplied by 1,000 and "
					+ "rounded once, half to even. Rates are computed from the exact counts and rounded once, half "
					+ "to even, to " + Rates.SCALE + " decimals; they are never summed." },
			{ "Precedence",
					"Where several datasets give the same measure for a country and year, the dataset "
							+ "listed first in the job file is used; the source columns say which." },
			{ "Aggregates",
					"Rows for regions and income groups (World, Central Asia, ...) are recognised, counted "
							+ "in the Aggregates sheet and left out of every figure and total." },
			{ "Data licences", "World Bank population (ODC-PDDL-1.0); UN World Population Prospects 2024 (CC BY 3.0 "
					+ "IGO); membership as cited per record in the membership file." } };

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

	private void writeGroups(TableSink sink, long runId) throws IOException {
		sink.begin(
				new TableSink.TableInfo("Groups", "groups",
						"Figures over named periods, per membership status, job-file list, region and sub-region"),
				List.of(Column.text("Period"), Column.text("Grouping"), Column.text("Group"), Column.year("Countries"),
						Column.year("Countries with every year"), Column.count("Cumulative net migration"),
						Column.count("Natural increase"), Column.count("Population, first year"),
						Column.count("Population, last year"), Column.count("Population change")));
		for (GroupFigures g : this.figures.groups(runId)) {
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
				+ "sources beyond the tolerance (A is the value used) and revisions between vintages (A is the newer)"),
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
						Column.count("Immigrants minus emigrants"), Column.count("Balancing residual")));
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
						c.balanceResidual()));
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
