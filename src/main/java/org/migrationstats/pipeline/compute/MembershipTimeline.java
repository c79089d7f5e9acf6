package org.migrationstats.pipeline.compute;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.migrationstats.pipeline.reference.Membership;
import org.migrationstats.pipeline.reference.MembershipCounts;
import org.migrationstats.pipeline.reference.MembershipRecord;
import org.migrationstats.pipeline.reference.MembershipStatus;

/**
 * The days on which membership is counted for a report: every 31 December of the years
 * the figures cover, and every day a record takes effect or ends, so that a change is
 * seen on the day it happened.
 */
public final class MembershipTimeline {

	private MembershipTimeline() {
	}

	/**
	 * @param membership the organisation's membership
	 * @param firstYear the first year of the figures
	 * @param lastYear the last year of the figures
	 * @param extraDays further days to count on, such as those named in the job file
	 * @return the counts on each day of interest, in date order
	 */
	public static List<MembershipCounts> counts(Membership membership, int firstYear, int lastYear,
			List<LocalDate> extraDays) {
		TreeSet<LocalDate> days = new TreeSet<>(extraDays);
		for (int year = firstYear; year <= lastYear; year++) {
			days.add(LocalDate.of(year, 12, 31));
		}
		for (MembershipRecord record : membership.records()) {
			days.add(record.from());
			if (record.to() != null) {
				days.add(record.to());
			}
		}
		List<MembershipCounts> counts = new ArrayList<>(days.size());
		for (LocalDate day : days) {
			counts.add(membership.countsOn(day));
		}
		return counts;
	}

	/**
	 * @param membership the organisation's membership
	 * @param party a country key
	 * @param year a year
	 * @return the party's status on 31 December of that year
	 */
	public static MembershipStatus atYearEnd(Membership membership, String party, int year) {
		return membership.statusOn(party, LocalDate.of(year, 12, 31));
	}

}
