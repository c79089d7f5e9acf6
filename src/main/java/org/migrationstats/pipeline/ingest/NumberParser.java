package org.migrationstats.pipeline.ingest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns the text of a cell into a number the way statistics offices write them: thousands
 * separators ({@code 3,103,027}, {@code 1 234 567}, {@code 1'234'567}), a Unicode minus,
 * a decimal comma where the dataset says so ({@code 1.234,5}), missing-value markers such
 * as {@code ..}.
 */
public final class NumberParser {

	/**
	 * What {@link #plainWholeNumber(String)} gives for a cell that is not a plain whole
	 * number: no cell of at most 18 digits has this value.
	 */
	public static final long NOT_PLAIN = Long.MIN_VALUE;

	private static final Pattern PLAIN = Pattern.compile("[+-]?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");

	private static final Pattern GROUPED = Pattern.compile("[+-]?\\d{1,3}(,\\d{3})+(\\.\\d+)?");

	private static final Pattern SPACE_GROUPED = Pattern.compile("[+-]?\\d{1,3}([ ']\\d{3})+(\\.\\d+)?");

	private static final Pattern COMMA_DECIMAL = Pattern.compile("[+-]?\\d+(,\\d+)?");

	private static final Pattern DOT_GROUPED = Pattern.compile("[+-]?\\d{1,3}([. ']\\d{3})+(,\\d+)?");

	private final Set<String> missing;

	private final boolean decimalComma;

	private final boolean digitsMayBeMissing;

	/**
	 * A parser for numbers with a decimal point.
	 * @param missing the markers that mean "no value", compared after trimming
	 */
	public NumberParser(Collection<String> missing) {
		this(missing, false);
	}

	/**
	 * @param missing the markers that mean "no value", compared after trimming
	 * @param decimalComma whether the decimal separator is a comma (and a point groups
	 * thousands)
	 */
	public NumberParser(Collection<String> missing, boolean decimalComma) {
		this.missing = missing.stream().map(String::strip).collect(Collectors.toUnmodifiableSet());
		this.decimalComma = decimalComma;
		this.digitsMayBeMissing = this.missing.stream().anyMatch((m) -> !m.isEmpty() && wholeNumber(m) != NOT_PLAIN);
	}

	/**
	 * The common case without regular expressions or decimals: a cell of at most 18
	 * digits, with or without a minus sign, that is not a missing-value marker.
	 * @param raw the cell as written
	 * @return its value, or {@link #NOT_PLAIN} when it is anything else (the caller then
	 * uses {@link #parse(String)}); a primitive, as a wide table has tens of cells a row
	 */
	public long plainWholeNumber(String raw) {
		if (raw == null || this.digitsMayBeMissing) {
			return NOT_PLAIN;
		}
		return wholeNumber(raw);
	}

	private static long wholeNumber(String text) {
		int length = text.length();
		int start = (length > 0 && text.charAt(0) == '-') ? 1 : 0;
		if (length == start || length - start > 18) {
			return NOT_PLAIN;
		}
		long value = 0;
		for (int i = start; i < length; i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return NOT_PLAIN;
			}
			value = value * 10 + (c - '0');
		}
		return (start == 1) ? -value : value;
	}

	/**
	 * Parses a cell.
	 * @param raw the cell as written
	 * @return the value, or empty when the cell holds a missing-value marker
	 * @throws ValueException when the text is not a number
	 */
	public Optional<BigDecimal> parse(String raw) throws ValueException {
		String text = (raw != null) ? raw.strip() : "";
		if (this.missing.contains(text)) {
			return Optional.empty();
		}
		if (text.isEmpty()) {
			throw new ValueException("the cell is empty");
		}
		String cleaned = text.replace('\u2212', '-').replace('\u00a0', ' ').replace('\u202f', ' ');
		// a separator counts only between groups of three: "1 23" is not 123
		if (this.decimalComma) {
			if (DOT_GROUPED.matcher(cleaned).matches() || COMMA_DECIMAL.matcher(cleaned).matches()) {
				cleaned = cleaned.replace(".", "").replace(" ", "").replace("'", "").replace(',', '.');
			}
			else {
				throw new ValueException(
						"\"" + text + "\" is not a number (with a decimal comma, as the dataset says)");
			}
		}
		else if (GROUPED.matcher(cleaned).matches()) {
			cleaned = cleaned.replace(",", "");
		}
		else if (SPACE_GROUPED.matcher(cleaned).matches()) {
			cleaned = cleaned.replace(" ", "").replace("'", "");
		}
		if (!PLAIN.matcher(cleaned).matches()) {
			throw new ValueException("\"" + text + "\" is not a number");
		}
		try {
			return Optional.of(new BigDecimal(cleaned));
		}
		catch (NumberFormatException ex) {
			// an exponent beyond what BigDecimal can hold, e.g. 1e9999999999
			throw new ValueException("\"" + text + "\" is not a number");
		}
	}

	/**
	 * Converts a value in the source's unit to whole persons, rounding once, half to
	 * even.
	 * @param value the value as the source gives it
	 * @param scale persons per source unit (1000 for values in thousands)
	 * @return the number of persons
	 * @throws ValueException when the result does not fit in a long
	 */
	public static long toPersons(BigDecimal value, BigDecimal scale) throws ValueException {
		BigDecimal persons = value.multiply(scale);
		try {
			// more than 19 whole digits never fits a long; checked before rounding,
			// which would build a billion-digit integer for 1E+999999999
			int wholeDigits = persons.precision() - persons.scale();
			if (wholeDigits > 19) {
				throw new ArithmeticException("overflow");
			}
			if (wholeDigits < 0) {
				// below 0.1 rounds to 0; setScale fails on 1E-999999999 instead of
				// rounding it
				return 0;
			}
			return persons.setScale(0, RoundingMode.HALF_EVEN).longValueExact();
		}
		catch (ArithmeticException ex) {
			throw new ValueException("\"" + value + "\" is too large to be a count of persons");
		}
	}

}
