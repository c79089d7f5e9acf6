package org.migrationstats.pipeline.reference;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An organisation's membership over time: who held which status on any day.
 */
public final class Membership {

	private final String source;

	private final Map<String, List<MembershipRecord>> byParty = new LinkedHashMap<>();

	/**
	 * @param source the file the records were read from, named in errors
	 * @param records the records; each party's records must not overlap
	 * @throws MembershipException if two records of one party overlap
	 */
	public Membership(String source, List<MembershipRecord> records) {
		this.source = source;
		for (MembershipRecord record : records) {
			this.byParty.computeIfAbsent(record.party(), (p) -> new ArrayList<>()).add(record);
		}
		this.byParty.values().forEach((list) -> list.sort(Comparator.comparing(MembershipRecord::from)));
		for (List<MembershipRecord> list : this.byParty.values()) {
			for (int i = 1; i < list.size(); i++) {
				MembershipRecord before = list.get(i - 1);
				MembershipRecord after = list.get(i);
				if (before.to() == null || after.from().isBefore(before.to())) {
					throw new MembershipException(source, after.row(),
							"the record for " + after.party() + " from " + after.from() + " overlaps row "
									+ before.row() + " (" + before.status() + " from " + before.from()
									+ ((before.to() != null) ? " to " + before.to() : ", still open")
									+ "): close the earlier record with a to-date");
				}
			}
		}
	}

	/**
	 * @param party a country key or a non-state body's name
	 * @param day a day
	 * @return the party's status on that day
	 */
	public MembershipStatus statusOn(String party, LocalDate day) {
		for (MembershipRecord record : this.byParty.getOrDefault(party, List.of())) {
			if (record.holdsOn(day)) {
				return record.status();
			}
		}
		return MembershipStatus.NON_MEMBER;
	}

	/**
	 * @param day a day
	 * @return the number of member states and of observers on that day
	 */
	public MembershipCounts countsOn(LocalDate day) {
		int members = 0;
		int observerStates = 0;
		int observerBodies = 0;
		for (List<MembershipRecord> list : this.byParty.values()) {
			for (MembershipRecord record : list) {
				if (!record.holdsOn(day)) {
					continue;
				}
				if (record.status() == MembershipStatus.MEMBER) {
					members++;
				}
				else if (record.partyType() == PartyType.STATE) {
					observerStates++;
				}
				else {
					observerBodies++;
				}
			}
		}
		return new MembershipCounts(day, members, observerStates, observerBodies);
	}

	/**
	 * Every change of status, in date order: a record starting is a change from what held
	 * the day before; a record ending with no other starting that day is a departure.
	 * @return the changes
	 */
	public List<MembershipChange> changes() {
		List<MembershipChange> changes = new ArrayList<>();
		for (List<MembershipRecord> list : this.byParty.values()) {
			for (int i = 0; i < list.size(); i++) {
				MembershipRecord record = list.get(i);
				MembershipRecord before = (i > 0) ? list.get(i - 1) : null;
				MembershipStatus previous = (before != null && record.from().equals(before.to())) ? before.status()
						: MembershipStatus.NON_MEMBER;
				changes.add(new MembershipChange(record.from(), record.party(), record.partyType(), previous,
						record.status(), record.source()));
				MembershipRecord next = (i + 1 < list.size()) ? list.get(i + 1) : null;
				if (record.to() != null && (next == null || !next.from().equals(record.to()))) {
					changes.add(new MembershipChange(record.to(), record.party(), record.partyType(), record.status(),
							MembershipStatus.NON_MEMBER, record.source()));
				}
			}
		}
		changes.sort(Comparator.comparing(MembershipChange::day).thenComparing(MembershipChange::party));
		return changes;
	}

	/**
	 * @param party a party
	 * @return the first day the party was a member, if ever
	 */
	public java.util.Optional<LocalDate> firstMemberDay(String party) {
		return this.byParty.getOrDefault(party, List.of())
			.stream()
			.filter((r) -> r.status() == MembershipStatus.MEMBER)
			.map(MembershipRecord::from)
			.findFirst();
	}

	/**
	 * @return the parties named in the records, states by key and bodies by name
	 */
	public java.util.Set<String> parties() {
		return java.util.Collections.unmodifiableSet(this.byParty.keySet());
	}

	/**
	 * @return every record, grouped by party, each party's records in date order
	 */
	public List<MembershipRecord> records() {
		return this.byParty.values().stream().flatMap(List::stream).toList();
	}

	/**
	 * @return the file the records came from
	 */
	public String source() {
		return this.source;
	}

}
