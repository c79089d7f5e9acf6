package org.migrationstats.pipeline.spec;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * A second membership source to compare the job's membership file with: either a snapshot
 * (a status column read as of one date) or a list of start years (a column with the year
 * full membership began).
 *
 * @param id the source's name in the report
 * @param path the file (CSV)
 * @param partyColumn the column with the party's ISO 3166 code or name
 * @param statusColumn the column with member/observer, for a snapshot; {@code null}
 * otherwise
 * @param asOf the date a snapshot describes; {@code null} for a list of start years
 * @param sinceColumn the column with the first year of full membership; {@code null} for
 * a snapshot
 * @param toleranceYears how many years two start dates may differ before it is reported
 * @param allParties whether to compare every party, or only the countries the run has
 * data for
 * @param line the line of the job file where the source is declared
 */
public record MembershipCheckSpec(String id, Path path, String partyColumn, String statusColumn, LocalDate asOf,
		String sinceColumn, int toleranceYears, boolean allParties, int line) {

	/** The most years two start dates may be allowed to differ by. */
	static final int MAX_TOLERANCE_YEARS = 99;

	public MembershipCheckSpec {
		if (id == null || id.isBlank()) {
			throw new IllegalArgumentException("a membership check needs its id");
		}
		if (path == null || partyColumn == null || partyColumn.isBlank()) {
			throw new IllegalArgumentException("membership check '" + id + "' needs its file and party column");
		}
		boolean snapshot = statusColumn != null || asOf != null;
		if (snapshot == (sinceColumn != null) || (snapshot && (statusColumn == null || asOf == null))) {
			throw new IllegalArgumentException("membership check '" + id + "' needs either 'status' with 'as-of' (a "
					+ "snapshot of statuses on one date) or 'since' (a column with the year full membership began)");
		}
		if ((statusColumn != null && statusColumn.isBlank()) || (sinceColumn != null && sinceColumn.isBlank())) {
			throw new IllegalArgumentException("membership check '" + id + "' names an empty column");
		}
		if (toleranceYears < 0 || toleranceYears > MAX_TOLERANCE_YEARS) {
			throw new IllegalArgumentException("membership check '" + id + "': tolerance-years must be a whole number "
					+ "of years from 0 to " + MAX_TOLERANCE_YEARS + ", found " + toleranceYears);
		}
		if (line < 0) {
			throw new IllegalArgumentException(
					"membership check '" + id + "': the line must be 0 (not read from a file) or more, found " + line);
		}
	}

	/**
	 * @return whether the source is a snapshot of statuses on one date
	 */
	public boolean isSnapshot() {
		return this.asOf != null;
	}

}
