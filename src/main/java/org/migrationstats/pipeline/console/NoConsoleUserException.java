package org.migrationstats.pipeline.console;

/**
 * The console was asked to start with no user to log in: there is no default user.
 */
public class NoConsoleUserException extends RuntimeException {

	public NoConsoleUserException() {
		super("the console has no user yet, and there is no default one: add one with "
				+ "'pipeline user add <name> --role OPERATOR' (or VIEWER), which asks for the password");
	}

}
