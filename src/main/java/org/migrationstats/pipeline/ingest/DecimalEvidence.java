package org.migrationstats.pipeline.ingest;

/**
 * What the text of one cell says about the decimal separator it was written with: whether
 * {@link NumberParser} reads it as a number with a decimal point, with a decimal comma,
 * both (with different values) or neither.
 * <p>
 * Only commas and points are evidence: {@code -481,38} and {@code 1.234.567} read only
 * with a decimal comma, {@code 12.5} and {@code 1,234,567} only with a decimal point;
 * {@code -103,336} and {@code 1.234} read either way (a single separator before three
 * digits may group thousands or mark decimals), and {@code 1234} or {@code 1 234} read
 * the same either way. The rules are those of the parser's patterns, worked out in one
 * pass over the characters without allocating, as ingest asks this of every cell that is
 * not a plain whole number.
 */
public enum DecimalEvidence {

	/** No comma or point, or not a number either way: nothing to tell. */
	NONE,

	/** Reads with a decimal point and with a decimal comma, as different numbers. */
	EITHER,

	/** Reads only with a decimal point ({@code 12.5}, {@code 1,234,567}). */
	POINT,

	/** Reads only with a decimal comma ({@code -481,38}, {@code 1.234,5}). */
	COMMA;

	private static final int COMMA_MARK = 1;

	private static final int POINT_MARK = 2;

	/** A space, a no-break space or a narrow no-break space. */
	private static final int SPACE_MARK = 4;

	private static final int APOSTROPHE_MARK = 8;

	private static final int SPACES = SPACE_MARK | APOSTROPHE_MARK;

	/**
	 * @param raw the cell as written
	 * @return what it says about the decimal separator
	 */
	public static DecimalEvidence of(String raw) {
		if (raw == null) {
			return NONE;
		}
		int start = 0;
		int end = raw.length();
		while (start < end && Character.isWhitespace(raw.charAt(start))) {
			start++;
		}
		while (end > start && Character.isWhitespace(raw.charAt(end - 1))) {
			end--;
		}
		if (start < end) {
			char sign = raw.charAt(start);
			if (sign == '-' || sign == '+' || sign == '\u2212') {
				start++;
			}
		}
		// the text is groups of digits between separators: g0 s1 g1 ... sn gn
		int separators = 0;
		int inner = 0;
		int last = 0;
		int firstGroup = -1;
		int group = 0;
		boolean innerGroupsOfThree = true;
		for (int i = start; i < end; i++) {
			char c = raw.charAt(i);
			if (c >= '0' && c <= '9') {
				group++;
				continue;
			}
			int mark = mark(c);
			if (mark == 0 || group == 0) {
				// another character, or two separators in a row, or one at either end
				return NONE;
			}
			if (separators == 0) {
				firstGroup = group;
			}
			else {
				innerGroupsOfThree &= group == 3;
				inner |= last;
			}
			last = mark;
			separators++;
			group = 0;
		}
		if (separators == 0 || group == 0 || ((inner | last) & (COMMA_MARK | POINT_MARK)) == 0) {
			return NONE;
		}
		boolean groupedStart = firstGroup <= 3 && innerGroupsOfThree;
		boolean point = readsWithPoint(separators, inner, last, groupedStart, group);
		boolean comma = readsWithComma(separators, inner, last, groupedStart, group);
		if (point && comma) {
			return EITHER;
		}
		return point ? POINT : comma ? COMMA : NONE;
	}

	private static int mark(char c) {
		return switch (c) {
			case ',' -> COMMA_MARK;
			case '.' -> POINT_MARK;
			case ' ', '\u00a0', '\u202f' -> SPACE_MARK;
			case '\'' -> APOSTROPHE_MARK;
			default -> 0;
		};
	}

	/**
	 * {@code 12.5}; or groups of three after commas, or after spaces or apostrophes,
	 * ending in a point and any digits, or in a group of three.
	 */
	private static boolean readsWithPoint(int separators, int inner, int last, boolean groupedStart, int lastGroup) {
		if (last == POINT_MARK) {
			return separators == 1 || (groupedStart && (inner == COMMA_MARK || (inner & ~SPACES) == 0));
		}
		int grouping = inner | last;
		return groupedStart && lastGroup == 3 && (grouping == COMMA_MARK || (grouping & ~SPACES) == 0);
	}

	/**
	 * {@code 12,5}; or groups of three after points, spaces or apostrophes, ending in a
	 * comma and any digits, or in a group of three.
	 */
	private static boolean readsWithComma(int separators, int inner, int last, boolean groupedStart, int lastGroup) {
		if (last == COMMA_MARK) {
			return separators == 1 || (groupedStart && (inner & COMMA_MARK) == 0);
		}
		return groupedStart && lastGroup == 3 && ((inner | last) & COMMA_MARK) == 0;
	}

	/**
	 * Why a cell reads only one way, in words for the analyst; the rare path of a
	 * refusal, so it may look again at the text.
	 * @param raw a cell that reads only with a decimal point or only with a decimal comma
	 * @return e.g. "a comma followed by 2 digits" or "points between groups of three
	 * digits"
	 */
	public String why(String raw) {
		String text = raw.strip();
		char decimal = (this == COMMA) ? ',' : '.';
		char other = (this == COMMA) ? '.' : ',';
		if (text.indexOf(other) >= 0) {
			return ((other == '.') ? "points" : "commas") + " between groups of three digits";
		}
		int at = text.lastIndexOf(decimal);
		int digits = text.length() - at - 1;
		String separator = (decimal == ',') ? "a comma" : "a point";
		if (digits != 3) {
			return separator + " followed by " + digits + ((digits == 1) ? " digit" : " digits");
		}
		for (int i = 0; i < at; i++) {
			if (mark(text.charAt(i)) != 0) {
				// 1 234,567: spaces group the thousands, so the comma is no thousands
				// separator
				return separator + " after digits grouped by spaces";
			}
		}
		return separator + " after more than three digits";
	}

}
