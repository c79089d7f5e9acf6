package org.migrationstats.pipeline.spec;

import java.time.LocalDate;

/**
 * What an organisation published as its totals on one day, for the report to set beside
 * the counts of the membership file: a file that lists only some parties (the sample's
 * lists those of the countries in the figures) would otherwise read as the organisation's
 * own totals.
 *
 * @param date the day the totals are for
 * @param members the member states published, or {@code null} where the source gives none
 * @param observers the states with observer status published, or {@code null} where the
 * source gives none; non-state observers are not compared
 * @param source where the totals were published, such as a session of the council
 * @param line the line of the job file where the totals are given
 */
public record MembershipTotal(LocalDate date, Integer members, Integer observers, String source, int line) {

	public MembershipTotal {
		if (date == null) {
			throw new IllegalArgumentException("published membership totals need their date");
		}
		if (members == null && observers == null) {
			throw new IllegalArgumentException(
					"the membership totals of " + date + " give neither members nor " + "observers");
		}
		if ((members != null && members < 0) || (observers != null && observers < 0)) {
			throw new IllegalArgumentException("the membership totals of " + date + " must not be negative");
		}
		if (source == null || source.isBlank()) {
			throw new IllegalArgumentException("the membership totals of " + date + " need their source");
		}
		if (line < 0) {
			throw new IllegalArgumentException("the membership totals of " + date
					+ ": the line must be 0 (not read from a file) or more, found " + line);
		}
	}

}
