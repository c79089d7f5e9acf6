package org.migrationstats.pipeline.operate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps two executions of the same job from running at once, in this process or in any
 * other sharing the database: the holder keeps the job's row of {@code MIG_JOB_LOCK}
 * locked in an open transaction on a connection of its own. A process that dies loses its
 * connection and with it the lock, so a lock never outlives its holder.
 */
@Component
public class JobLock {

	private static final Logger log = LoggerFactory.getLogger(JobLock.class);

	private final DataSource dataSource;

	private final JdbcTemplate jdbc;

	private final Set<String> heldHere = ConcurrentHashMap.newKeySet();

	public JobLock(DataSource dataSource, JdbcTemplate jdbc) {
		this.dataSource = dataSource;
		this.jdbc = jdbc;
	}

	/**
	 * Takes a job's lock without waiting.
	 * @param jobName the job
	 * @return the held lock, to be closed when the run ends, or empty if another
	 * execution of the job holds it
	 */
	public Optional<Held> tryAcquire(String jobName) {
		ensureRow(jobName);
		Connection connection = null;
		try {
			connection = this.dataSource.getConnection();
			connection.setAutoCommit(false);
			try (PreparedStatement select = connection
				.prepareStatement("SELECT JOB_NAME FROM MIG_JOB_LOCK WHERE JOB_NAME = ? FOR UPDATE NOWAIT")) {
				select.setString(1, jobName);
				select.executeQuery().close();
			}
			this.heldHere.add(jobName);
			log.debug("Took the lock of job {}", jobName);
			return Optional.of(new Held(jobName, connection));
		}
		catch (SQLException ex) {
			release(connection);
			if (isLockConflict(ex)) {
				return Optional.empty();
			}
			throw new IllegalStateException("cannot take the lock of job " + jobName + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * @param jobName a job
	 * @return whether an execution of the job runs in this process
	 */
	public boolean isHeldHere(String jobName) {
		return this.heldHere.contains(jobName);
	}

	/**
	 * @return the jobs of which an execution runs in this process
	 */
	public Set<String> heldHere() {
		return Set.copyOf(this.heldHere);
	}

	private void ensureRow(String jobName) {
		Integer rows = this.jdbc.queryForObject("SELECT COUNT(*) FROM MIG_JOB_LOCK WHERE JOB_NAME = ?", Integer.class,
				jobName);
		if (rows == null || rows == 0) {
			try {
				this.jdbc.update("INSERT INTO MIG_JOB_LOCK (JOB_NAME) VALUES (?)", jobName);
			}
			catch (DuplicateKeyException ex) {
				// inserted at the same moment by another process
			}
		}
	}

	private static boolean isLockConflict(SQLException ex) {
		// H2: 50200 lock timeout (HYT00); PostgreSQL: 55P03 lock not available
		return ex.getErrorCode() == 50200 || "HYT00".equals(ex.getSQLState()) || "55P03".equals(ex.getSQLState());
	}

	private static void release(Connection connection) {
		if (connection == null) {
			return;
		}
		try {
			connection.rollback();
			connection.setAutoCommit(true);
		}
		catch (SQLException ex) {
			log.debug("Rollback of a job lock's transaction failed", ex);
		}
		finally {
			try {
				connection.close();
			}
			catch (SQLException ex) {
				log.debug("Closing a job lock's connection failed", ex);
			}
		}
	}

	/**
	 * A job's lock, held until closed.
	 */
	public final class Held implements AutoCloseable {

		private final String jobName;

		private final Connection connection;

		private Held(String jobName, Connection connection) {
			this.jobName = jobName;
			this.connection = connection;
		}

		@Override
		public void close() {
			JobLock.this.heldHere.remove(this.jobName);
			release(this.connection);
			log.debug("Released the lock of job {}", this.jobName);
		}

	}

}
