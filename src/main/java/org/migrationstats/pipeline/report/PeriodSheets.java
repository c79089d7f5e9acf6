package org.migrationstats.pipeline.report;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import org.migrationstats.pipeline.compute.GroupFigures;
import org.migrationstats.pipeline.compute.PeriodFigures;
import org.migrationstats.pipeline.reference.MembershipStatus;

/**
 * The Periods and Groups sheets. Their headings name the unit and the span of every
 * figure, and both sheets give each row's two spans as numbers: flows are summed over the
 * calendar years from the first to the last year (12 for 1991 to 2002), population change
 * runs from mid-year of the first year to mid-year of the last (11 years), so the two
 * cannot be read as covering the same time.
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

	private PeriodSheets() {
	}

	static void writePeriods(TableSink sink, List<PeriodFigures> periods) throws IOException {
		sink.begin(
				new TableSink.TableInfo("Periods", "periods", "Figures over named periods, per country",
						Note.cite(Note.ROUNDING, Note.PERIOD_SPANS)),
				List.of(Column.text("Period"), Column.year("First year"), Column.year("Last year"),
						Column.year(CALENDAR_YEARS), Column.year(YEARS_OF_CHANGE), Column.text("Country code"),
						Column.text("Country"), Column.text("Status at period end"), Column.count(NET_MIGRATION),
						Column.year("Net migration, calendar years with data"), Column.count(NATURAL_INCREASE),
						Column.year("Natural increase, calendar years with data"), Column.count(POPULATION_FIRST),
						Column.count(POPULATION_LAST), Column.count(POPULATION_CHANGE),
						Column.rate("Net migration rate, per 1,000 mean population per calendar year with data"),
						Column.count("Reported population change, persons, sum of the source's yearly changes, "
								+ "calendar years first to last"),
						Column.year("Reported population change, calendar years with data")));
		for (PeriodFigures p : periods) {
			sink.row(Arrays.asList(p.period(), p.from(), p.to(), p.years(), p.yearsOfChange(), p.country(), p.name(),
					p.statusAtEnd().words(), p.netMigration(), p.netMigrationYears(), p.naturalIncrease(),
					p.naturalIncreaseYears(), p.populationStart(), p.populationEnd(), p.populationChange(),
					p.averageNetMigrationRate(), p.reportedChange(), p.reportedChangeYears()));
		}
		sink.end();
	}

	static void writeGroups(TableSink sink, List<GroupFigures> groups) throws IOException {
		sink.begin(
				new TableSink.TableInfo("Groups", "groups",
						"Figures over named periods, per membership status, job-file list, region and sub-region",
						Note.cite(Note.ROUNDING, Note.PERIOD_SPANS, Note.AGGREGATES)),
				List.of(Column.text("Period"), Column.year("First year"), Column.year("Last year"),
						Column.year(CALENDAR_YEARS), Column.year(YEARS_OF_CHANGE), Column.text("Grouping"),
						Column.text("Group"), Column.year("Countries"),
						Column.year("Countries with net migration for every calendar year"),
						Column.count(NET_MIGRATION), Column.count(NATURAL_INCREASE), Column.count(POPULATION_FIRST),
						Column.count(POPULATION_LAST), Column.count(POPULATION_CHANGE)));
		for (GroupFigures g : groups) {
			sink.row(Arrays.asList(g.period(), g.from(), g.to(), g.years(), g.yearsOfChange(), g.grouping(), g.group(),
					g.countries(), g.completeCountries(), g.netMigration(), g.naturalIncrease(), g.populationStart(),
					g.populationEnd(), g.populationChange()));
		}
		sink.end();
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
