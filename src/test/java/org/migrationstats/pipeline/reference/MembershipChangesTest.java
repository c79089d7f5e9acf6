package org.migrationstats.pipeline.reference;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The changes the shipped membership sample implies, and departures and rejoining
 * expressed as dated records.
 */
class MembershipChangesTest {

	private final Membership sample = new MembershipFileReader(CountryReference.shipped())
		.read(Path.of("input/membership/iom.csv"));

	@Test
	void kyrgyzstanWasAnObserverFromMay1993AndAMemberFromNovember2000() {
		List<MembershipChange> changes = this.sample.changes().stream().filter((c) -> c.party().equals("KGZ")).toList();
		assertThat(changes).extracting(MembershipChange::day, MembershipChange::describe)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(LocalDate.of(1993, 5, 1), "became observer"),
					org.assertj.core.groups.Tuple.tuple(LocalDate.of(2000, 11, 1), "observer to member"));
	}

	@Test
	void theSecondOfDecember2002AdmitsFiveStatesAndThreeObserversOfWhichTwoAreNotStates() {
		List<MembershipChange> that = this.sample.changes()
			.stream()
			.filter((c) -> c.day().equals(LocalDate.of(2002, 12, 2)))
			.toList();
		assertThat(that).filteredOn((c) -> c.after() == MembershipStatus.MEMBER).hasSize(5);
		assertThat(that).filteredOn((c) -> c.after() == MembershipStatus.OBSERVER)
			.extracting(MembershipChange::partyType)
			.containsExactlyInAnyOrder(PartyType.STATE, PartyType.ORGANISATION, PartyType.ORGANISATION);
	}

	@Test
	void aWithdrawalAndARejoiningAreAChangeEach() {
		Membership membership = new Membership("test",
				List.of(new MembershipRecord("IOM", "AAA", PartyType.STATE, MembershipStatus.MEMBER,
						LocalDate.of(1990, 1, 1), LocalDate.of(1995, 6, 1), "joined", 2),
						new MembershipRecord("IOM", "AAA", PartyType.STATE, MembershipStatus.MEMBER,
								LocalDate.of(2001, 1, 1), null, "rejoined", 3)));
		assertThat(membership.changes()).extracting(MembershipChange::describe)
			.containsExactly("became member", "ceased to be member", "became member");
		assertThat(membership.statusOn("AAA", LocalDate.of(1998, 1, 1))).isEqualTo(MembershipStatus.NON_MEMBER);
		assertThat(membership.firstMemberDay("AAA")).contains(LocalDate.of(1990, 1, 1));
	}

}
