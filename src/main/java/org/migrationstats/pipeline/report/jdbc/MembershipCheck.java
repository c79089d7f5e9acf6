package org.migrationstats.pipeline.report.jdbc;

/**
 * A point on which another membership source disagrees with the membership file, as the
 * report lists it.
 *
 * @param source the other source
 * @param party the party
 * @param name the party's name, empty where unknown
 * @param here what the membership file says
 * @param there what the other source says
 * @param difference the difference in words
 */
public record MembershipCheck(String source, String party, String name, String here, String there, String difference) {
}
