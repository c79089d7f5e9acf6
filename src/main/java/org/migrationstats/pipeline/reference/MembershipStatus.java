package org.migrationstats.pipeline.reference;

/**
 * A party's standing in an organisation on a given day.
 */
public enum MembershipStatus {

	MEMBER("Member"), OBSERVER("Observer"), NON_MEMBER("Not a member");

	private final String words;

	MembershipStatus(String words) {
		this.words = words;
	}

	/**
	 * @return the status as a reader of the report is told it, such as "Not a member";
	 * the constant's name stays the code stored in the database
	 */
	public String words() {
		return this.words;
	}

}
