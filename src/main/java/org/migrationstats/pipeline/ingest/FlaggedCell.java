package org.migrationstats.pipeline.ingest;

/**
 * A value cell that carries its flags after the number, as Eurostat's bulk download files
 * write them: {@code 1234}, {@code 1234 p} (provisional), {@code 1234 ep}; {@code :}
 * alone for a value not available, {@code : c} for a confidential one.
 *
 * @param number the number as written, empty when the value is missing
 * @param flags the flags (see {@link ValueFlags}), empty when there are none
 */
public record FlaggedCell(String number, String flags) {

	/** Eurostat's marker of a value that is not available. */
	public static final String MISSING = ":";

	/** Why a missing value is missing, as the file summary counts it: not available. */
	public static final String NOT_AVAILABLE = "not available";

	/** Why a missing value is missing: confidential. */
	public static final String CONFIDENTIAL = "confidential";

	/**
	 * @param raw the cell as written
	 * @return the number and its flags
	 * @throws ValueException if what follows the number is not flag letters
	 */
	public static FlaggedCell parse(String raw) throws ValueException {
		String text = raw.strip();
		if (text.isEmpty()) {
			return new FlaggedCell("", ValueFlags.NONE);
		}
		if (text.startsWith(MISSING)) {
			return new FlaggedCell("", ValueFlags.of(text.substring(1)));
		}
		int space = lastSpace(text);
		if (space < 0 || !Character.isLetter(text.charAt(text.length() - 1))) {
			return new FlaggedCell(text, ValueFlags.NONE);
		}
		return new FlaggedCell(text.substring(0, space).strip(), ValueFlags.of(text.substring(space + 1)));
	}

	private static int lastSpace(String text) {
		for (int i = text.length() - 1; i > 0; i--) {
			if (text.charAt(i) == ' ' || text.charAt(i) == '\u00a0') {
				return i;
			}
		}
		return -1;
	}

	/**
	 * @return whether the cell holds no number
	 */
	public boolean missing() {
		return this.number.isEmpty();
	}

	/**
	 * @return why a missing value is missing: {@value #CONFIDENTIAL} when it is flagged
	 * so, {@value #NOT_AVAILABLE} otherwise
	 */
	public String missingReason() {
		return ValueFlags.confidential(this.flags) ? CONFIDENTIAL : NOT_AVAILABLE;
	}

}
