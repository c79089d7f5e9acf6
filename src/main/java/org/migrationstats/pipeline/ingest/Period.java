package org.migrationstats.pipeline.ingest;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The period a value is about: a calendar year, or a month or quarter of one, as
 * statistical agencies write them ({@code 2019}, {@code 2019-01}, {@code 2019M01},
 * {@code 2019-Q1}, {@code 2019Q1}; SDMX's {@code 2019-M01} and {@code 2019-A1} too).
 *
 * @param year the calendar year
 * @param part the month (1-12) or quarter (1-4), or 0 for the whole year
 * @param parts how many such parts make the year: 1 (a year), 4 (quarters) or 12 (months)
 */
public record Period(int year, int part, int parts) {

	/**
	 * Why a dataset's months or quarters of a year were not summed to it, where the
	 * Filtered rows table, the run summary and {@code show} list such a year.
	 */
	public static final String YEAR_NOT_SUMMED = "a year with months or quarters missing is not summed";

	private static final Pattern MONTH = Pattern.compile("(\\d{4})(?:-M?|M)(\\d{1,2})");

	private static final Pattern QUARTER = Pattern.compile("(\\d{4})-?Q([1-4])");

	private static final Pattern ANNUAL = Pattern.compile("(\\d{4})-?A1?");

	public Period {
		if (parts != 1 && parts != 4 && parts != 12) {
			throw new IllegalArgumentException("a year has 1, 4 or 12 parts, not " + parts);
		}
		if ((parts == 1) ? part != 0 : (part < 1 || part > parts)) {
			throw new IllegalArgumentException("part " + part + " of " + parts);
		}
	}

	/**
	 * @param year a calendar year
	 * @return the whole year
	 */
	public static Period ofYear(int year) {
		return new Period(year, 0, 1);
	}

	/**
	 * @param text a cell or a header, with or without surrounding spaces
	 * @return the period it names, or empty when it names none (or a year outside
	 * {@value YearHeader#FIRST} to {@value YearHeader#LAST}, a month 13 or a quarter 5)
	 */
	public static Optional<Period> parse(String text) {
		if (text == null) {
			return Optional.empty();
		}
		OptionalInt year = YearHeader.parse(text);
		if (year.isPresent()) {
			return Optional.of(ofYear(year.getAsInt()));
		}
		String stripped = text.strip().toUpperCase(java.util.Locale.ROOT);
		Matcher month = MONTH.matcher(stripped);
		if (month.matches()) {
			return part(month.group(1), Integer.parseInt(month.group(2)), 12);
		}
		Matcher quarter = QUARTER.matcher(stripped);
		if (quarter.matches()) {
			return part(quarter.group(1), Integer.parseInt(quarter.group(2)), 4);
		}
		Matcher annual = ANNUAL.matcher(stripped);
		if (annual.matches()) {
			return YearHeader.parse(annual.group(1)).stream().mapToObj(Period::ofYear).findFirst();
		}
		return Optional.empty();
	}

	private static Optional<Period> part(String yearText, int part, int parts) {
		OptionalInt year = YearHeader.parse(yearText);
		if (year.isEmpty() || part < 1 || part > parts) {
			return Optional.empty();
		}
		return Optional.of(new Period(year.getAsInt(), part, parts));
	}

	/**
	 * @return whether this is a month or a quarter rather than a whole year
	 */
	public boolean isPartOfYear() {
		return this.parts > 1;
	}

	/**
	 * @return the period as ISO 8601 writes it: {@code 2019}, {@code 2019-01},
	 * {@code 2019-Q1}
	 */
	@Override
	public String toString() {
		return switch (this.parts) {
			case 12 -> String.format("%d-%02d", this.year, this.part);
			case 4 -> this.year + "-Q" + this.part;
			default -> String.valueOf(this.year);
		};
	}

	/**
	 * @return what a part is called, for messages: year, month or quarter
	 */
	public String unit() {
		return switch (this.parts) {
			case 12 -> "month";
			case 4 -> "quarter";
			default -> "year";
		};
	}

}
