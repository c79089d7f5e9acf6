package org.migrationstats.pipeline.report;

/**
 * Keeps text that came from input files from being taken for a formula by a spreadsheet
 * program opening a CSV file: a leading {@code = + - @}, tab, carriage return or line
 * feed gets a leading apostrophe.
 */
final class SafeText {

	private SafeText() {
	}

	/**
	 * @param text a text, possibly from an input file
	 * @return whether a spreadsheet could take it for a formula
	 */
	static boolean isRisky(String text) {
		if (text == null || text.isEmpty()) {
			return false;
		}
		char first = text.charAt(0);
		return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
				|| first == '\n';
	}

	static String neutralise(String text) {
		return isRisky(text) ? "'" + text : text;
	}

}
