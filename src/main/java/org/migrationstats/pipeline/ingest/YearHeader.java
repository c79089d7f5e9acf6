package org.migrationstats.pipeline.ingest;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises a column header or a cell that names a calendar year, as sources write them:
 * {@code 1995}, {@code '1995'}, {@code 1995 [YR1995]}, {@code 1995.0}.
 */
public final class YearHeader {

	private static final Pattern YEAR = Pattern.compile("'?\"?(\\d{4})(\\.0+)?\"?'?(\\s*\\[YR\\d{4}\\])?");

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
		Matcher matcher = YEAR.matcher(text.strip());
		if (!matcher.matches()) {
			return OptionalInt.empty();
		}
		int year = Integer.parseInt(matcher.group(1));
		return (year >= FIRST && year <= LAST) ? OptionalInt.of(year) : OptionalInt.empty();
	}

}
