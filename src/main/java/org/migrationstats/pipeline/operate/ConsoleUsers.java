package org.migrationstats.pipeline.operate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The users of the web console, in the pipeline's own table {@code MIG_CONSOLE_USER}: a
 * name, a BCrypt hash of the password and a role. There is no default user: the console
 * does not start until one is added ({@code pipeline user add}).
 */
@Component
public class ConsoleUsers {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,100}");

	/** The shortest password accepted. */
	public static final int MIN_PASSWORD = 8;

	private final JdbcTemplate jdbc;

	private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder();

	public ConsoleUsers(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Adds a user, or replaces the password and role of one of that name.
	 * @param name the user name: letters, digits, {@code . _ @ -}
	 * @param password the password, {@value #MIN_PASSWORD} characters or more
	 * @param role the role
	 * @return whether an existing user was replaced
	 * @throws IllegalArgumentException if the name or the password is not acceptable
	 */
	public boolean add(String name, char[] password, Role role) {
		if (!NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("a user name is 1 to 100 letters, digits, '.', '_', '@' or '-'");
		}
		if (password.length < MIN_PASSWORD) {
			throw new IllegalArgumentException("a password has " + MIN_PASSWORD + " characters or more");
		}
		String hash = this.encoder.encode(new String(password));
		boolean replaced = this.jdbc.update(
				"UPDATE MIG_CONSOLE_USER SET PASSWORD_HASH = ?, ROLE = ? WHERE USER_NAME = ?", hash, role.name(),
				name) > 0;
		if (!replaced) {
			this.jdbc.update(
					"INSERT INTO MIG_CONSOLE_USER (USER_NAME, PASSWORD_HASH, ROLE, CREATED) VALUES (?, ?, ?, ?)", name,
					hash, role.name(), Timestamp.from(Instant.now()));
		}
		return replaced;
	}

	/**
	 * @param name a user name
	 * @return the user, if there is one of that name
	 */
	public Optional<User> find(String name) {
		List<User> found = this.jdbc.query(
				"SELECT USER_NAME, PASSWORD_HASH, ROLE FROM MIG_CONSOLE_USER WHERE USER_NAME = ?",
				(rs, i) -> new User(rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(3))), name);
		return found.stream().findFirst();
	}

	/**
	 * @return how many users there are
	 */
	public int count() {
		Integer count = this.jdbc.queryForObject("SELECT COUNT(*) FROM MIG_CONSOLE_USER", Integer.class);
		return (count != null) ? count : 0;
	}

	/**
	 * A console user.
	 *
	 * @param name the user name
	 * @param passwordHash the BCrypt hash of the password
	 * @param role the role
	 */
	public record User(String name, String passwordHash, Role role) {
	}

	/** What a user may do in the console. */
	public enum Role {

		/** Reads the pages and downloads the reports. */
		VIEWER,

		/** Also restarts, stops, abandons, runs and recovers executions. */
		OPERATOR;

		/**
		 * @param text a role's name, in any case
		 * @return the role
		 * @throws IllegalArgumentException if there is none of that name
		 */
		public static Role of(String text) {
			try {
				return valueOf(text.strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("a role is VIEWER or OPERATOR, not '" + text + "'");
			}
		}

	}

}
