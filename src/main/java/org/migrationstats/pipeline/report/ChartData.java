package org.migrationstats.pipeline.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.migrationstats.pipeline.compute.GroupFigures;
import org.migrationstats.pipeline.report.jdbc.NetMigrationYear;

/**
 * The figures the report's charts plot, in two tables on two sheets: net migration per
 * year for the chart countries, and the period figures per membership status and job-file
 * list.
 *
 * @param countriesInWords the chart countries in words, for titles, such as
 * {@code Central
 * Asia (Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan, Uzbekistan)}
 * @param countries the chart countries' labels, such as {@code Kazakhstan (KAZ)}
 * @param years every year from the first to the last any chart country has
 * @param netMigration per country, per year: net migration, {@code null} where unknown
 * @param periods the periods, in report order
 * @param periodSpans each period's years, such as {@code 1991–2002, 12 calendar years}
 * @param groups the groups' names
 * @param groupGroupings how each group is formed (membership or list)
 * @param groupNetMigration per period, per group: cumulative net migration; no period
 * when the run has no net migration
 * @param groupNaturalIncrease per period, per group: natural increase; no period when the
 * run has no births or deaths
 */
record ChartData(String countriesInWords, List<String> countries, List<Integer> years, List<List<Long>> netMigration,
		List<String> periods, List<String> periodSpans, List<String> groups, List<String> groupGroupings,
		List<List<Long>> groupNetMigration, List<List<Long>> groupNaturalIncrease) {

	/** The sheet of the first chart's figures: one table per sheet. */
	static final String COUNTRIES_SHEET = "Chart data, net migration";

	/** The sheet of the group charts' figures. */
	static final String GROUPS_SHEET = "Chart data, groups";

	static final String COUNTRIES_TABLE = "chart_net_migration";

	static final String GROUPS_TABLE = "chart_groups";

	/** The groupings the group charts show: a handful of bars, not every region. */
	static final List<String> GROUPINGS = List.of("membership", "list");

	/**
	 * @param countriesInWords the chart countries in words, for titles, such as
	 * {@code Central
	* Asia (Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan, Uzbekistan)}
	 * @param keys the chart countries
	 * @param names country names by key
	 * @param series the chart countries' net migration per year, any order
	 * @param groupFigures the period figures per group, in report order
	 * @param run the figures the run can give: a group figure it cannot is left out
	 * @return the chart figures
	 */
	static ChartData of(String countriesInWords, List<String> keys, Map<String, String> names,
			List<NetMigrationYear> series, List<GroupFigures> groupFigures, Availability run) {
		TreeSet<Integer> years = new TreeSet<>();
		Map<String, Map<Integer, Long>> byCountry = new HashMap<>();
		for (NetMigrationYear row : series) {
			if (row.netMigration() != null) {
				years.add(row.year());
			}
			byCountry.computeIfAbsent(row.country(), (k) -> new HashMap<>()).put(row.year(), row.netMigration());
		}
		List<Integer> span = new ArrayList<>();
		if (!years.isEmpty()) {
			for (int year = years.first(); year <= years.last(); year++) {
				span.add(year);
			}
		}
		List<String> labels = new ArrayList<>();
		List<List<Long>> values = new ArrayList<>();
		for (String key : keys) {
			labels.add(names.getOrDefault(key, key) + " (" + key + ")");
			Map<Integer, Long> country = byCountry.getOrDefault(key, Map.of());
			values.add(span.stream().map(country::get).toList());
		}
		Map<String, Integer> periods = new LinkedHashMap<>();
		Map<String, String> spans = new LinkedHashMap<>();
		Map<String, String> groups = new LinkedHashMap<>();
		for (GroupFigures g : groupFigures) {
			if (GROUPINGS.contains(g.grouping())) {
				periods.putIfAbsent(g.period(), periods.size());
				spans.putIfAbsent(g.period(), PeriodSheets.span(g.from(), g.to()));
				groups.putIfAbsent(g.group(), g.grouping());
			}
		}
		List<String> groupNames = List.copyOf(groups.keySet());
		Long[][] net = new Long[periods.size()][groupNames.size()];
		Long[][] natural = new Long[periods.size()][groupNames.size()];
		for (GroupFigures g : groupFigures) {
			if (GROUPINGS.contains(g.grouping())) {
				net[periods.get(g.period())][groupNames.indexOf(g.group())] = g.netMigration();
				natural[periods.get(g.period())][groupNames.indexOf(g.group())] = g.naturalIncrease();
			}
		}
		return new ChartData(countriesInWords, labels, span, values, List.copyOf(periods.keySet()),
				List.copyOf(spans.values()), groupNames, List.copyOf(groups.values()),
				run.netMigration() ? rows(net) : List.of(), run.naturalIncrease() ? rows(natural) : List.of());
	}

	/**
	 * @param period a period's index
	 * @return the period with its span, such as {@code since-independence (1991–2002, 12
	 * calendar years)}, so that totals over periods of different lengths are not read as
	 * alike
	 */
	String periodLabel(int period) {
		return this.periods.get(period) + " (" + this.periodSpans.get(period) + ")";
	}

	/**
	 * @param name a name as job files write it, such as {@code central-asia}
	 * @return the name in words for a title, such as {@code Central Asia}
	 */
	static String inWords(String name) {
		StringBuilder words = new StringBuilder();
		for (String word : name.split("[-_\\s]+")) {
			if (!word.isEmpty()) {
				words.append((words.length() > 0) ? " " : "")
					.append(Character.toUpperCase(word.charAt(0)))
					.append(word.substring(1));
			}
		}
		return words.toString();
	}

	/**
	 * A value the chart plots, or an empty cell where there is none: a chart takes a cell
	 * of text such as [x] for zero.
	 */
	private static Object gap(Long value) {
		return (value != null) ? value : Missing.CHART_GAP;
	}

	private static List<List<Long>> rows(Long[][] table) {
		return Arrays.stream(table).map((row) -> Collections.unmodifiableList(Arrays.asList(row))).toList();
	}

	/**
	 * Writes the two tables the charts plot.
	 * @param sink where to
	 * @throws IOException if it cannot be written
	 */
	void write(TableSink sink) throws IOException {
		List<Column> columns = new ArrayList<>();
		columns.add(Column.year("Year"));
		this.countries.forEach((label) -> columns.add(Column.count(label)));
		sink.begin(new TableSink.TableInfo(COUNTRIES_SHEET, COUNTRIES_TABLE,
				"Net migration per year, " + this.countriesInWords + ": the data of the first chart",
				Note.cite(Note.SHORTHAND)), columns);
		for (int y = 0; y < this.years.size(); y++) {
			List<Object> row = new ArrayList<>();
			row.add(this.years.get(y));
			for (List<Long> country : this.netMigration) {
				row.add(gap(country.get(y)));
			}
			sink.row(row);
		}
		sink.end();
		List<Column> groupColumns = new ArrayList<>(List.of(Column.text("Grouping"), Column.text("Group")));
		for (int p = 0; p < this.groupNetMigration.size(); p++) {
			groupColumns.add(Column.count(PeriodSheets.NET_MIGRATION_OF + ", " + periodLabel(p)));
		}
		for (int p = 0; p < this.groupNaturalIncrease.size(); p++) {
			groupColumns.add(Column.count(PeriodSheets.NATURAL_INCREASE_OF + ", " + periodLabel(p)));
		}
		sink.begin(new TableSink.TableInfo(GROUPS_SHEET, GROUPS_TABLE,
				"Period figures per membership status and job-file list, totals over each period: the data "
						+ "of the group charts",
				Note.cite(Note.SHORTHAND, Note.PERIOD_SPANS)), groupColumns);
		for (int g = 0; g < this.groups.size(); g++) {
			List<Object> row = new ArrayList<>(List.of(this.groupGroupings.get(g), this.groups.get(g)));
			for (List<Long> period : this.groupNetMigration) {
				row.add(gap(period.get(g)));
			}
			for (List<Long> period : this.groupNaturalIncrease) {
				row.add(gap(period.get(g)));
			}
			sink.row(row);
		}
		sink.end();
	}

}
