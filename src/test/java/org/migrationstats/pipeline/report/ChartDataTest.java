package org.migrationstats.pipeline.report;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.migrationstats.pipeline.compute.GroupFigures;
import org.migrationstats.pipeline.report.jdbc.NetMigrationYear;
import org.migrationstats.pipeline.spec.Measure;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Turns the figures into the two tables the charts plot.
 */
class ChartDataTest {

	private static final Map<String, String> NAMES = Map.of("KAZ", "Kazakhstan", "KGZ", "Kyrgyzstan");

	/** A run that has every measure, which leaves no figure out. */
	private static final Availability ALL = new Availability(EnumSet.allOf(Measure.class));

	@Test
	void spansEveryYearFromTheFirstToTheLastWithGapsWhereAYearIsUnknown() {
		ChartData data = ChartData.of("the job file's first group", List.of("KAZ", "KGZ", "XXX"), NAMES,
				List.of(new NetMigrationYear("KAZ", 1991, -100L), new NetMigrationYear("KAZ", 1994, -521_425L),
						new NetMigrationYear("KGZ", 1992, 5L), new NetMigrationYear("KGZ", 1995, null)),
				List.of(), ALL);
		assertThat(data.years()).containsExactly(1991, 1992, 1993, 1994);
		assertThat(data.countries()).containsExactly("Kazakhstan (KAZ)", "Kyrgyzstan (KGZ)", "XXX (XXX)");
		assertThat(data.netMigration().get(0)).containsExactly(-100L, null, null, -521_425L);
		assertThat(data.netMigration().get(1)).containsExactly(null, 5L, null, null);
		assertThat(data.netMigration().get(2)).containsExactly(null, null, null, null);
	}

	@Test
	void keepsMembershipStatusesAndJobFileListsPerPeriod() {
		List<GroupFigures> groups = List.of(group("since-independence", "membership", "MEMBER", 11_319_173L),
				group("since-independence", "membership", "OBSERVER", -634_056L),
				group("since-independence", "list", "central-asia", -4_680_411L),
				group("since-independence", "region", "Asia", 1L), group("2003-2023", "membership", "MEMBER", 28L),
				group("2003-2023", "list", "central-asia", -853_063L));
		ChartData data = ChartData.of("", List.of(), NAMES, List.of(), groups, ALL);
		assertThat(data.periods()).containsExactly("since-independence", "2003-2023");
		assertThat(data.periodSpans()).containsExactly("1991\u20132002, 12 calendar years",
				"2003\u20132023, 21 calendar years");
		assertThat(data.periodLabel(0)).isEqualTo("since-independence (1991\u20132002, 12 calendar years)");
		assertThat(data.groups()).containsExactly("MEMBER", "OBSERVER", "central-asia");
		assertThat(data.groupGroupings()).containsExactly("membership", "membership", "list");
		assertThat(data.groupNetMigration().get(0)).containsExactly(11_319_173L, -634_056L, -4_680_411L);
		assertThat(data.groupNetMigration().get(1)).as("no observers at the end of 2003-2023")
			.containsExactly(28L, null, -853_063L);
		assertThat(data.groupNaturalIncrease().get(1)).containsExactly(280L, null, -8_530_630L);
		assertThat(data.years()).isEmpty();
	}

	@Test
	void namesAJobFileListInWordsForATitle() {
		assertThat(ChartData.inWords("central-asia")).isEqualTo("Central Asia");
		assertThat(ChartData.inWords("admitted-2-december-2002")).isEqualTo("Admitted 2 December 2002");
	}

	private static GroupFigures group(String period, String grouping, String group, long netMigration) {
		int from = period.equals("since-independence") ? 1991 : 2003;
		int to = period.equals("since-independence") ? 2002 : 2023;
		return new GroupFigures(period, from, to, grouping, group, 1, 1, netMigration, netMigration * 10, null, null,
				null);
	}

}
