package org.migrationstats.pipeline.reference;

import java.time.LocalDate;

/**
 * A party's status changing on a day: admitted, made an observer, promoted, or leaving.
 *
 * @param day the first day of the new status
 * @param party the party's key or name
 * @param partyType state or organisation
 * @param before the status the day before
 * @param after the status from that day
 * @param source the decision or document of the record that starts or ends there
 */
public record MembershipChange(LocalDate day, String party, PartyType partyType, MembershipStatus before,
		MembershipStatus after, String source) {

	/**
	 * @return the change in words, e.g. "observer to member"
	 */
	public String describe() {
		if (this.before == MembershipStatus.NON_MEMBER) {
			return "became " + word(this.after);
		}
		if (this.after == MembershipStatus.NON_MEMBER) {
			return "ceased to be " + word(this.before);
		}
		return word(this.before) + " to " + word(this.after);
	}

	private static String word(MembershipStatus status) {
		return status.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
	}

}
