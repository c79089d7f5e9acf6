-- The users of the web console (serve, schedule --serve), added by 'pipeline user add'. ROLE
-- is VIEWER (reads the pages, downloads reports) or OPERATOR (also restarts, stops, abandons,
-- runs and recovers). PASSWORD_HASH is a BCrypt hash ("$2a$..."); no password is stored.
CREATE TABLE IF NOT EXISTS MIG_CONSOLE_USER (
	USER_NAME VARCHAR(100) NOT NULL PRIMARY KEY,
	PASSWORD_HASH VARCHAR(100) NOT NULL,
	ROLE VARCHAR(20) NOT NULL,
	CREATED TIMESTAMP NOT NULL
);
