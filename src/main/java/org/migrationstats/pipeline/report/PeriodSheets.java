package org.migrationstats.pipeline.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.migrationstats.pipeline.compute.GroupFigures;
import org.migrationstats.pipeline.compute.PeriodFigures;
import org.migrationstats.pipeline.reference.MembershipStatus;

/**
 * The Periods and Groups sheets. Their headings name the unit and the span of every
 * figure, and both sheets give each row's two spans as numbers: flows are summed over the
 * calendar years from the first to the last year (12 for 1991 to 2002), population change
 * runs from mid-year of the first year to mid-year of the last (11 years), so the two
 * cannot be read as covering the same time. A run with flagged values shows each period's
 * flagged years in Periods; Groups shows none, as a group sums its countries' figures.
 */
final class PeriodSheets {

	static final String CALENDAR_YEARS = "Calendar years summed";

	static final String YEARS_OF_CHANGE = "Years of population change";

	static final String NET_MIGRATION = "Cumulative net migration, persons, sum of calendar years first to last";

	static final String NATURAL_INCREASE = "Natural increase, persons, sum of calendar years first to last";

	/** The chart data's heading of a period's net migration, before the period. */
	static final String NET_MIGRATION_OF = "Cumulative net migration, persons";

	/** The chart data's heading of a period's natural increase, before the period. */
	static final String NATURAL_INCREASE_OF = "Natural increase, persons";

	static final String POPULATION_FIRST = "Population, persons, mid-year of first year";

	static final String POPULATION_LAST = "Population, persons, mid-year of last year";

	static final String POPULATION_CHANGE = "Population change, persons, mid-year of first year to mid-year of "
			+ "last year";

	/**
	 * The heading of the flags of a country-year's or period's values, shown only by a
	 * run with a flagged value.
	 */
	static final String FLAGS = "Flags " + Note.FLAGS.cite();

	private final Fields<PeriodFigures> periods;

	private final Fields<GroupFigures> groups;

	PeriodSheets(Availability run) {
		boolean population = run.population();
		boolean net = run.netMigration();
		boolean natural = run.naturalIncrease();
		this.periods = new Fields<PeriodFigures>().add(Column.text("Period"), PeriodFigures::period)
			.add(Column.year("First year"), PeriodFigures::from)
			.add(Column.year("Last year"), PeriodFigures::to)
			.add(Column.year(CALENDAR_YEARS), PeriodFigures::years)
			.add(population, Column.year(YEARS_OF_CHANGE), PeriodFigures::yearsOfChange)
			.add(Column.text("Country code"), PeriodFigures::country)
			.add(Column.text("Country"), PeriodFigures::name)
			.add(Column.text("Status at period end"), (p) -> p.statusAtEnd().words())
			.add(net, Column.count(NET_MIGRATION), PeriodFigures::netMigration)
			.add(net, Column.year("Net migration, calendar years with data"), PeriodFigures::netMigrationYears)
			.add(natural, Column.count(NATURAL_INCREASE), PeriodFigures::naturalIncrease)
			.add(natural, Column.year("Natural increase, calendar years with data"),
					PeriodFigures::naturalIncreaseYears)
			.add(population, Column.count(POPULATION_FIRST), PeriodFigures::populationStart)
			.add(population, Column.count(POPULATION_LAST), PeriodFigures::populationEnd)
			.add(population, Column.count(POPULATION_CHANGE), PeriodFigures::populationChange)
			.add(population && net,
					Column.rate("Net migration rate, per 1,000 mean population per calendar year with data"),
					PeriodFigures::averageNetMigrationRate)
			.add(run.reportedChange(),
					Column.count("Reported population change, persons, sum of the source's yearly changes, "
							+ "calendar years first to last"),
					PeriodFigures::reportedChange)
			.add(run.reportedChange(), Column.year("Reported population change, calendar years with data"),
					PeriodFigures::reportedChangeYears)
			.addWhen(run.flagged(), Column.text(FLAGS), PeriodFigures::flags);
		this.groups = new Fields<GroupFigures>().add(Column.text("Period"), GroupFigures::period)
			.add(Column.year("First year"), GroupFigures::from)
			.add(Column.year("Last year"), GroupFigures::to)
			.add(Column.year(CALENDAR_YEARS), GroupFigures::years)
			.add(population, Column.year(YEARS_OF_CHANGE), GroupFigures::yearsOfChange)
			.add(Column.text("Grouping"), GroupFigures::grouping)
			.add(Column.text("Group"), GroupFigures::group)
			.add(Column.year("Countries"), GroupFigures::countries)
			.add(net, Column.year("Countries with net migration for every calendar year"),
					GroupFigures::completeCountries)
			.add(net, Column.count(NET_MIGRATION), GroupFigures::netMigration)
			.add(natural, Column.count(NATURAL_INCREASE), GroupFigures::naturalIncrease)
			.add(population, Column.count(POPULATION_FIRST), GroupFigures::populationStart)
			.add(population, Column.count(POPULATION_LAST), GroupFigures::populationEnd)
			.add(population, Column.count(POPULATION_CHANGE), GroupFigures::populationChange);
	}

	List<String> periodsLeftOut() {
		return this.periods.leftOut();
	}

	List<String> groupsLeftOut() {
		return this.groups.leftOut();
	}

	void writePeriods(TableSink sink, List<PeriodFigures> rows) throws IOException {
		sink.begin(new TableSink.TableInfo("Periods", "periods", "Figures over named periods, per country",
				notes(this.periods, Note.SHORTHAND, Note.ROUNDING, Note.PERIOD_SPANS)), this.periods.columns());
		for (PeriodFigures p : rows) {
			sink.row(this.periods.row(p));
		}
		sink.end();
	}

	void writeGroups(TableSink sink, List<GroupFigures> rows) throws IOException {
		sink.begin(
				new TableSink.TableInfo("Groups", "groups",
						"Figures over named periods, per membership status, job-file list, region and sub-region",
						notes(this.groups, Note.SHORTHAND, Note.ROUNDING, Note.PERIOD_SPANS, Note.AGGREGATES)),
				this.groups.columns());
		for (GroupFigures g : rows) {
			sink.row(this.groups.row(g));
		}
		sink.end();
	}

	/**
	 * The citations of a table: the notes given, and the one on columns left out if any
	 * is.
	 */
	private static String notes(Fields<?> fields, Note... notes) {
		List<Note> cited = new ArrayList<>(List.of(notes));
		if (!fields.leftOut().isEmpty()) {
			cited.add(Note.COLUMNS_LEFT_OUT);
		}
		return Note.cite(cited.toArray(Note[]::new));
	}

	/**
	 * @param groups period figures per group, membership groups named by their status
	 * codes
	 * @return the same, membership groups named in words ("Not a member"), as every table
	 * and chart of the report shows them
	 */
	static List<GroupFigures> inWords(List<GroupFigures> groups) {
		return groups.stream()
			.map((g) -> g.grouping().equals("membership") ? g.named(MembershipStatus.valueOf(g.group()).words()) : g)
			.toList();
	}

	/**
	 * @param from a period's first year
	 * @param to its last year
	 * @return its span for a label, such as {@code 1991–2002, 12 calendar years}
	 */
	static String span(int from, int to) {
		int years = to - from + 1;
		return from + "\u2013" + to + ", " + years + " calendar year" + ((years == 1) ? "" : "s");
	}

}
