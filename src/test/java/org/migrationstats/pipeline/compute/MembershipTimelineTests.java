package org.migrationstats.pipeline.compute;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.migrationstats.pipeline.reference.CountryReference;
import org.migrationstats.pipeline.reference.Membership;
import org.migrationstats.pipeline.reference.MembershipCounts;
import org.migrationstats.pipeline.reference.MembershipFileReader;
import org.migrationstats.pipeline.reference.MembershipStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MembershipTimeline} on the shipped sample input/membership/iom.csv.
 */
class MembershipTimelineTests {

	private static final Membership IOM = new MembershipFileReader(CountryReference.shipped())
		.read(Path.of("input/membership/iom.csv"));

	@Nested
	class Counts {

		private final List<MembershipCounts> counts = MembershipTimeline.counts(IOM, 2001, 2003, List.of());

		@Test
		void fallOnEveryYearEndAndEveryDayARecordStartsOrEnds() {
			assertThat(this.counts).extracting(MembershipCounts::day)
				.containsExactly(LocalDate.of(1951, 1, 1), LocalDate.of(1988, 1, 1), LocalDate.of(1993, 5, 1),
						LocalDate.of(1994, 1, 1), LocalDate.of(2000, 11, 1), LocalDate.of(2001, 12, 31),
						LocalDate.of(2002, 12, 2), LocalDate.of(2002, 12, 31), LocalDate.of(2003, 12, 31),
						LocalDate.of(2004, 1, 1), LocalDate.of(2007, 11, 1));
		}

		@Test
		void showEachChangeOnTheDayItHappened() {
			assertThat(this.counts).extracting(MembershipCounts::memberStates)
				.containsExactly(2, 3, 3, 4, 5, 5, 10, 10, 10, 11, 12);
			assertThat(this.counts).extracting(MembershipCounts::observerStates)
				.containsExactly(0, 0, 1, 1, 0, 0, 1, 1, 1, 1, 0);
			assertThat(this.counts).extracting(MembershipCounts::observerBodies)
				.containsExactly(0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2);
		}

		@Test
		void listADayOnceHoweverManyRecordsStartOrEndOnIt() {
			// eight records start on 2002-12-02; KGZ's observer record ends the day its
			// member record starts
			assertThat(MembershipTimeline.counts(IOM, 2002, 2002, List.of())).extracting(MembershipCounts::day)
				.containsExactly(LocalDate.of(1951, 1, 1), LocalDate.of(1988, 1, 1), LocalDate.of(1993, 5, 1),
						LocalDate.of(1994, 1, 1), LocalDate.of(2000, 11, 1), LocalDate.of(2002, 12, 2),
						LocalDate.of(2002, 12, 31), LocalDate.of(2004, 1, 1), LocalDate.of(2007, 11, 1));
		}

	}

	@Nested
	class AtYearEnd {

		@ParameterizedTest(name = "{0} at the end of {1} is {2}")
		@CsvSource(delimiter = '|', value = { "KGZ|1992|NON_MEMBER", "KGZ|1993|OBSERVER", "KGZ|1999|OBSERVER",
				"KGZ|2000|MEMBER", "KAZ|2001|NON_MEMBER", "KAZ|2002|MEMBER", "BDI|2006|OBSERVER", "BDI|2007|MEMBER" })
		void isTheStatusOn31December(String party, int year, MembershipStatus status) {
			assertThat(MembershipTimeline.atYearEnd(IOM, party, year)).isEqualTo(status);
		}

	}

}
