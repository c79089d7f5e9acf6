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
