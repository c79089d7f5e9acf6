package org.migrationstats.pipeline.cli;

/**
 * The embedded database file cannot be read: it was cut short or overwritten (a full
 * disk, the machine stopped while writing). Running the command again cannot help;
 * restoring a backup does.
 */
class DatabaseDamagedException extends RuntimeException {

	DatabaseDamagedException(String file, Throwable cause) {
		super("the database file " + file + " is damaged and cannot be opened (" + firstLine(cause)
				+ "). Running the command again will not help: stop every process that uses it, restore the "
				+ "newest copy from the backups folder beside it (README, 'Restoring the database'), then restart "
				+ "the failed night.", cause);
	}

	private static String firstLine(Throwable cause) {
		String message = String.valueOf(cause.getMessage());
		int end = message.indexOf('\n');
		return ((end >= 0) ? message.substring(0, end) : message).strip();
	}

}
