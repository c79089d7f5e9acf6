package org.migrationstats.pipeline.reference;

/**
 * A point where another membership source disagrees with the job's membership file.
 *
 * @param source the other source's id
 * @param party the party's key, or its name as the other source writes it when unknown
 * @param here what the membership file says
 * @param there what the other source says
 * @param difference the disagreement in words
 */
public record MembershipDifference(String source, String party, String here, String there, String difference) {
}
