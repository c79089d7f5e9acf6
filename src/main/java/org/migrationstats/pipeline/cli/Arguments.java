package org.migrationstats.pipeline.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Reading the arguments in an operator's words: what a date or an execution id looks
 * like, and a mistyped command answered with the commands it may have meant rather than
 * the parser's wording.
 */
final class Arguments {

	private Arguments() {
	}

	/**
	 * @param text a run date as given
	 * @return the date
	 * @throws TypeConversionException saying what a date looks like
	 */
	static LocalDate date(String text) {
		try {
			return LocalDate.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw new TypeConversionException(
					"'" + text + "' is not a date: a date is written YYYY-MM-DD (a month from 01 to 12, a day that "
							+ "the month has), for example 2026-12-01");
		}
	}

	/**
	 * Answers a command line that cannot be parsed: one line saying what is wrong, the
	 * commands or options it may have meant, and where the help is.
	 * @param ex what the parser found
	 * @param args the arguments
	 * @return the exit code of a usage error
	 */
	static int usageError(ParameterException ex, String[] args) {
		CommandLine command = ex.getCommandLine();
		PrintWriter err = command.getErr();
		String name = command.getCommandSpec().qualifiedName();
		if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
			String first = unmatched.getUnmatched().get(0);
			err.println("error: " + (first.startsWith("-") ? "'" + first + "' is not an option of " + name
					: (command.getSubcommands().isEmpty() ? "unexpected argument '" + first + "' to " + name
							: "'" + first + "' is not a command of " + name)));
			if (!unmatched.getSuggestions().isEmpty()) {
				unmatched.printSuggestions(err);
			}
		}
		else if (ex.getCause() instanceof TypeConversionException conversion && ex.getArgSpec() != null) {
			err.println("error: " + label(ex.getArgSpec()) + ": " + conversion.getMessage());
		}
		else {
			err.println("error: " + ex.getMessage());
		}
		err.println("See '" + name + " --help'.");
		err.flush();
		return command.getCommandSpec().exitCodeOnInvalidInput();
	}

	private static String label(ArgSpec arg) {
		return (arg instanceof OptionSpec option) ? option.longestName() : ((PositionalParamSpec) arg).paramLabel();
	}

	/**
	 * Reads an execution id.
	 */
	static final class ExecutionId implements ITypeConverter<Long> {

		@Override
		public Long convert(String text) {
			try {
				return Long.valueOf(text);
			}
			catch (NumberFormatException ex) {
				throw new TypeConversionException(
						"'" + text + "' is not an execution id: an execution id is a number, see 'pipeline status'");
			}
		}

	}

}
