package org.migrationstats.pipeline.reference;

/**
 * A party's standing in an organisation on a given day.
 */
public enum MembershipStatus {

	MEMBER, OBSERVER, NON_MEMBER

}
