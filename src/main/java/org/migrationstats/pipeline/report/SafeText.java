package org.migrationstats.pipeline.report;

/**
 * Keeps text that came from input files from being taken for a formula by a spreadsheet
 * program opening a CSV file: a leading {@code = + - @}, tab or carriage return gets a
 * leading apostrophe.
 */
final class SafeText {

	private SafeText() {
	}

	static String neutralise(String text) {
		if (text == null || text.isEmpty()) {
			return text;
		}
		char first = text.charAt(0);
		boolean risky = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
				|| first == '\n';
		return risky ? "'" + text : text;
	}

}
