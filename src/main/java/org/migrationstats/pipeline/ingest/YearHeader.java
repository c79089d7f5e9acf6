package org.migrationstats.pipeline.ingest;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.migrationstats.pipeline.spec.TableSpec;

/**
 * Recognises a column header or a cell that names a calendar year, as sources write them:
 * {@code 1995}, {@code '1995'}, {@code 1995 [YR1995]}, {@code 1995.0}; and periods such
 * as {@code 1990-1995}.
 */
public final class YearHeader {

	private static final Pattern YEAR = Pattern.compile("'?\"?(\\d{4})(\\.0+)?\"?'?(\\s*\\[YR\\d{4}\\])?");

	private static final Pattern PERIOD = Pattern.compile("'?(\\d{4})\\s*[-\u2013\u2014/]\\s*(\\d{4})'?");

	/** The earliest year accepted as a year rather than some other four-digit number. */
	public static final int FIRST = 1800;

	/** The last year accepted. */
	public static final int LAST = 2200;

	private YearHeader() {
	}

	/**
	 * @param text a header or a cell
	 * @return the year it names, or empty when it names none
	 */
	public static OptionalInt parse(String text) {
		if (text == null) {
			return OptionalInt.empty();
		}
		if (text.length() == 4 && isDigit(text.charAt(0)) && isDigit(text.charAt(1)) && isDigit(text.charAt(2))
				&& isDigit(text.charAt(3))) {
			// the common case, a year cell of a long table, without a regular expression
			int year = (text.charAt(0) - '0') * 1000 + (text.charAt(1) - '0') * 100 + (text.charAt(2) - '0') * 10
					+ (text.charAt(3) - '0');
			return (year >= FIRST && year <= LAST) ? OptionalInt.of(year) : OptionalInt.empty();
		}
		Matcher matcher = YEAR.matcher(text.strip());
		if (!matcher.matches()) {
			return OptionalInt.empty();
		}
		int year = Integer.parseInt(matcher.group(1));
		return (year >= FIRST && year <= LAST) ? OptionalInt.of(year) : OptionalInt.empty();
	}

	/**
	 * @param text a header
	 * @return the year it is written as, when it is written as a year (as
	 * {@link #parse(String)} reads one) that lies outside {@value #FIRST} to
	 * {@value #LAST}; empty otherwise
	 */
	public static OptionalInt outsideRange(String text) {
		Matcher matcher = (text != null) ? YEAR.matcher(text.strip()) : null;
		if (matcher == null || !matcher.matches()) {
			return OptionalInt.empty();
		}
		int year = Integer.parseInt(matcher.group(1));
		return (year < FIRST || year > LAST) ? OptionalInt.of(year) : OptionalInt.empty();
	}

	/**
	 * @param text a header
	 * @return whether it is written as a period ({@code 1750-1755}) that starts before
	 * {@value #FIRST} or ends after {@value #LAST}
	 */
	public static boolean isPeriodOutsideRange(String text) {
		Matcher matcher = (text != null) ? PERIOD.matcher(text.strip()) : null;
		if (matcher == null || !matcher.matches()) {
			return false;
		}
		int from = Integer.parseInt(matcher.group(1));
		int to = Integer.parseInt(matcher.group(2));
		return from < to && (from < FIRST || to > LAST);
	}

	/**
	 * @param text a header
	 * @return whether it names a period of years, such as {@code 1990-1995}
	 */
	public static boolean isPeriod(String text) {
		return text != null && period(text) != null;
	}

	/**
	 * @param text a header
	 * @param periodYear which year of a period counts
	 * @return the year a period header's figure is given to, or empty when the text names
	 * no period or the job file did not say which year counts
	 */
	public static OptionalInt periodYear(String text, TableSpec.PeriodYear periodYear) {
		int[] years = (text != null) ? period(text) : null;
		if (years == null || periodYear == TableSpec.PeriodYear.NONE) {
			return OptionalInt.empty();
		}
		return OptionalInt.of((periodYear == TableSpec.PeriodYear.START) ? years[0] : years[1]);
	}

	private static int[] period(String text) {
		Matcher matcher = PERIOD.matcher(text.strip());
		if (!matcher.matches()) {
			return null;
		}
		int from = Integer.parseInt(matcher.group(1));
		int to = Integer.parseInt(matcher.group(2));
		boolean valid = from >= FIRST && to <= LAST && from < to;
		return valid ? new int[] { from, to } : null;
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

}
