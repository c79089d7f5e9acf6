package org.migrationstats.pipeline.reference;

import java.time.LocalDate;

/**
 * One period of one party's standing in an organisation.
 *
 * @param organisation the organisation, e.g. IOM
 * @param party the country key for a state, the name for a non-state body
 * @param partyType state or organisation
 * @param status member or observer
 * @param from the first day the status held
 * @param to the first day it no longer held, or {@code null} while it still holds
 * @param source the decision or document the record comes from
 * @param row the row of the membership file
 */
public record MembershipRecord(String organisation, String party, PartyType partyType, MembershipStatus status,
		LocalDate from, LocalDate to, String source, long row) {

	public MembershipRecord {
		if (status == MembershipStatus.NON_MEMBER) {
			throw new IllegalArgumentException("a membership record states a membership, not its absence");
		}
		if (from == null) {
			throw new IllegalArgumentException("a membership record needs a from-date");
		}
		if (to != null && !to.isAfter(from)) {
			throw new IllegalArgumentException("to-date " + to + " is not after from-date " + from);
		}
	}

	/**
	 * @param day a day
	 * @return whether this record's status held on that day
	 */
	public boolean holdsOn(LocalDate day) {
		return !day.isBefore(this.from) && (this.to == null || day.isBefore(this.to));
	}

}
