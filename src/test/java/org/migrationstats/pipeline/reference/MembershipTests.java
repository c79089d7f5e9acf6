package org.migrationstats.pipeline.reference;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link Membership} on the shipped sample input/membership/iom.csv, whose
 * dates come from IOM Council decisions (84th session, 2 December 2002; Kyrgyzstan
 * observer from May 1993, member from November 2000).
 */
class MembershipTests {

	private static final Path SAMPLE = Path.of("input/membership/iom.csv");

	private static final Membership IOM = new MembershipFileReader(CountryReference.shipped()).read(SAMPLE);

	@Nested
	class StatusOnADay {

		@ParameterizedTest(name = "{0} on {1} is {2}")
		@CsvSource(delimiter = '|', value = { "KGZ|1993-04-30|NON_MEMBER", "KGZ|1993-05-01|OBSERVER",
				"KGZ|2000-10-31|OBSERVER", "KGZ|2000-11-01|MEMBER", "KGZ|2024-12-31|MEMBER",
				"KAZ|2002-12-01|NON_MEMBER", "KAZ|2002-12-02|MEMBER", "TJK|1993-12-31|NON_MEMBER",
				"TJK|1994-01-01|MEMBER", "BDI|2002-12-02|OBSERVER", "BDI|2007-10-31|OBSERVER", "BDI|2007-11-01|MEMBER",
				"USA|1951-01-01|MEMBER", "RUS|2020-01-01|NON_MEMBER", "Amnesty International|2002-12-02|OBSERVER" })
		void followsTheRecords(String party, LocalDate day, MembershipStatus status) {
			assertThat(IOM.statusOn(party, day)).isEqualTo(status);
		}

	}

	@Nested
	class CountsOnADay {

		@Test
		void beforeThe84thCouncilCountFiveMembersAndNoObservers() {
			// members on 2002-12-01: USA, ITA (1951), PHL (1988), TJK (1994), KGZ
			// (2000-11)
			assertThat(IOM.countsOn(LocalDate.of(2002, 12, 1)))
				.isEqualTo(new MembershipCounts(LocalDate.of(2002, 12, 1), 5, 0, 0));
		}

		@Test
		void onThe84thCouncilAddFiveMembersAndThreeObservers() {
			// KAZ, NGA, RWA, KHM, ZWE admitted; BDI, Amnesty International and Human
			// Rights
			// Watch granted observer status
			MembershipCounts counts = IOM.countsOn(LocalDate.of(2002, 12, 2));
			assertThat(counts.memberStates()).isEqualTo(10);
			assertThat(counts.observerStates()).isEqualTo(1);
			assertThat(counts.observerBodies()).isEqualTo(2);
			assertThat(counts.observers()).isEqualTo(3);
		}

		@Test
		void countBurundiOnceWhenItMovesFromObserverToMember() {
			assertThat(IOM.countsOn(LocalDate.of(2007, 10, 31)))
				.isEqualTo(new MembershipCounts(LocalDate.of(2007, 10, 31), 11, 1, 2));
			assertThat(IOM.countsOn(LocalDate.of(2007, 11, 1)))
				.isEqualTo(new MembershipCounts(LocalDate.of(2007, 11, 1), 12, 0, 2));
		}

	}

	@Nested
	class Records {

		@Test
		void areAllRead() {
			assertThat(IOM.records()).hasSize(16);
			assertThat(IOM.source()).isEqualTo(SAMPLE.toString());
		}

		@Test
		void areKeptInDateOrderPerParty() {
			assertThat(IOM.records()).filteredOn((r) -> r.party().equals("KGZ"))
				.extracting(MembershipRecord::status, MembershipRecord::from, MembershipRecord::to,
						MembershipRecord::row)
				.containsExactly(
						org.assertj.core.groups.Tuple.tuple(MembershipStatus.OBSERVER, LocalDate.of(1993, 5, 1),
								LocalDate.of(2000, 11, 1), 5L),
						org.assertj.core.groups.Tuple.tuple(MembershipStatus.MEMBER, LocalDate.of(2000, 11, 1), null,
								7L));
		}

	}

	@Nested
	class Overlaps {

		private static MembershipRecord record(String party, MembershipStatus status, LocalDate from, LocalDate to,
				long row) {
			return new MembershipRecord("IOM", party, PartyType.STATE, status, from, to, "test", row);
		}

		@Test
		void areRefusedWithTheFileAndRow() {
			List<MembershipRecord> records = List.of(
					record("KGZ", MembershipStatus.OBSERVER, LocalDate.of(1993, 5, 1), LocalDate.of(2001, 1, 1), 2),
					record("KGZ", MembershipStatus.MEMBER, LocalDate.of(2000, 11, 1), null, 3));
			assertThatExceptionOfType(MembershipException.class).isThrownBy(() -> new Membership("iom.csv", records))
				.withMessage("iom.csv, row 3: the record for KGZ from 2000-11-01 overlaps row 2 (OBSERVER from "
						+ "1993-05-01 to 2001-01-01): close the earlier record with a to-date");
		}

		@Test
		void includeARecordLeftOpen() {
			List<MembershipRecord> records = List.of(
					record("KGZ", MembershipStatus.MEMBER, LocalDate.of(2000, 11, 1), null, 3),
					record("KGZ", MembershipStatus.OBSERVER, LocalDate.of(1993, 5, 1), null, 2));
			assertThatExceptionOfType(MembershipException.class).isThrownBy(() -> new Membership("iom.csv", records))
				.withMessage("iom.csv, row 3: the record for KGZ from 2000-11-01 overlaps row 2 (OBSERVER from "
						+ "1993-05-01, still open): close the earlier record with a to-date");
		}

		@Test
		void doNotIncludeARecordEndingTheDayTheNextStarts() {
			List<MembershipRecord> records = List.of(
					record("KGZ", MembershipStatus.OBSERVER, LocalDate.of(1993, 5, 1), LocalDate.of(2000, 11, 1), 2),
					record("KGZ", MembershipStatus.MEMBER, LocalDate.of(2000, 11, 1), null, 3));
			assertThat(new Membership("iom.csv", records).records()).hasSize(2);
		}

	}

}
