package org.migrationstats.pipeline.reference;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.migrationstats.pipeline.spec.MembershipCheckSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shipped membership sample against the two other IOM sources in
 * src/test/resources/published-data: the CIA Factbook 2020 snapshot and the Correlates of
 * War start years, which lag IOM's own dates.
 */
class MembershipComparisonTest {

	private static final Path DATA = Path.of("src/test/resources/published-data/membership");

	private final CountryReference countries = CountryReference.shipped();

	private final Membership sample = new MembershipFileReader(this.countries)
		.read(Path.of("input/membership/iom.csv"));

	private final MembershipComparison comparison = new MembershipComparison(this.countries);

	@Test
	void correlatesOfWarPutsTheDecember2002CohortIn2004() {
		MembershipCheckSpec cow = new MembershipCheckSpec("cow", DATA.resolve("iom_members_cow_igo_v3_derived.csv"),
				"iso3", null, null, "first_year_full_member_cow", 1, false, 1);
		List<MembershipDifference> differences = known(
				this.comparison.compare(this.sample, cow, Set.of("KAZ", "NGA", "RWA", "KHM", "ZWE", "USA", "TJK")));
		assertThat(differences).extracting(MembershipDifference::party)
			.containsExactly("KAZ", "KHM", "NGA", "RWA", "ZWE");
		assertThat(differences.get(0).here()).isEqualTo("member from 2002");
		assertThat(differences.get(0).there()).isEqualTo("member from 2004");
	}

	@Test
	void aWiderToleranceHidesTheLag() {
		MembershipCheckSpec cow = new MembershipCheckSpec("cow", DATA.resolve("iom_members_cow_igo_v3_derived.csv"),
				"iso3", null, null, "first_year_full_member_cow", 2, false, 1);
		assertThat(known(this.comparison.compare(this.sample, cow, Set.of("KAZ", "NGA")))).isEmpty();
	}

	@Test
	void rowsWithoutACodeAreListedWhateverTheScopeWithTheRowAsWritten() {
		MembershipCheckSpec cow = new MembershipCheckSpec("cow", DATA.resolve("iom_members_cow_igo_v3_derived.csv"),
				"iso3", null, null, "first_year_full_member_cow", 1, false, 1);
		assertThat(this.comparison.compare(this.sample, cow, Set.of())).extracting(MembershipDifference::difference)
			.containsExactly(
					"row 32 of src/test/resources/published-data/membership/iom_members_cow_igo_v3_derived.csv has no iso3: "
							+ "260,wgermany,,,1965,1989,1",
					"row 95 of src/test/resources/published-data/membership/iom_members_cow_igo_v3_derived.csv has no iso3: "
							+ "345,yugoslaviaserb,,Yugoslavia,2004,2014,1");
	}

	private static List<MembershipDifference> known(List<MembershipDifference> differences) {
		return differences.stream().filter((d) -> !d.party().startsWith("row ")).toList();
	}

	@Test
	void theFactbookSnapshotListsRussiaAndTurkmenistanAsObserversWhichTheSampleDoesNot() {
		MembershipCheckSpec factbook = new MembershipCheckSpec("factbook", DATA.resolve("iom-factbook-2020.csv"),
				"ISO_3166_3", "org_member", LocalDate.of(2020, 1, 1), null, 0, false, 1);
		List<MembershipDifference> differences = known(
				this.comparison.compare(this.sample, factbook, Set.of("RUS", "TKM", "KAZ", "UZB")));
		assertThat(differences).extracting(MembershipDifference::party, MembershipDifference::there)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("RUS", "observer"),
					org.assertj.core.groups.Tuple.tuple("TKM", "observer"));
	}

	@Test
	void overEveryPartyTheFactbookListsOneHundredAndFiftyFiveMembersTheSampleLacksMostOf() {
		MembershipCheckSpec factbook = new MembershipCheckSpec("factbook", DATA.resolve("iom-factbook-2020.csv"),
				"ISO_3166_3", "org_member", LocalDate.of(2020, 1, 1), null, 0, true, 1);
		List<MembershipDifference> differences = this.comparison.compare(this.sample, factbook, null);
		long sampleMembersOn2020 = this.sample.countsOn(LocalDate.of(2020, 1, 1)).memberStates();
		assertThat(differences).filteredOn((d) -> d.there().equals("member")).hasSize(155 - (int) sampleMembersOn2020);
	}

	@Test
	void aMissingColumnIsAnErrorNamingTheFileAndTheHeader() {
		MembershipCheckSpec wrong = new MembershipCheckSpec("factbook", DATA.resolve("iom-factbook-2020.csv"), "iso3",
				"org_member", LocalDate.of(2020, 1, 1), null, 0, true, 1);
		assertThatThrownBy(() -> this.comparison.compare(this.sample, wrong, null))
			.isInstanceOf(MembershipException.class)
			.hasMessageContaining("iom-factbook-2020.csv")
			.hasMessageContaining("no column 'iso3'");
	}

}
