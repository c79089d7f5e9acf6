package org.migrationstats.pipeline.reference;

import java.io.IOException;

/**
 * Says in words what Apache Commons CSV found wrong with a file's quoting, for the
 * messages of every reader of delimited text (input tables and membership files).
 */
public final class CsvSyntax {

	private CsvSyntax() {
	}

	/**
	 * @param ex what the parser threw
	 * @return what is wrong, in words, or the parser's message where it is not a quoting
	 * error
	 */
	public static String describe(IOException ex) {
		String message = String.valueOf(ex.getMessage());
		if (message.contains("EOF reached before encapsulated token finished")) {
			return "a quoted field is not closed before the end of the file (an unbalanced quote)";
		}
		if (message.startsWith("Invalid character between encapsulated token and delimiter")) {
			return "text after the closing quote of a quoted field "
					+ "(a quote inside a quoted field is written twice: \"\")";
		}
		return message;
	}

}
