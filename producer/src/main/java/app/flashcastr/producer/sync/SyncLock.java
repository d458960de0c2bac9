package app.flashcastr.producer.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

import app.flashcastr.contracts.schema.AdvisoryLocks;

/**
 * Makes sure only one producer replica syncs: a PostgreSQL session advisory lock held on
 * a dedicated connection by the replica that syncs, from run to run. If the process dies,
 * PostgreSQL drops the session and with it the lock.
 */
@Component
class SyncLock {

	private static final Logger logger = LoggerFactory.getLogger(SyncLock.class);

	private final DataSource dataSource;

	SyncLock(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/** The held lock, or empty when another replica holds it. */
	Optional<Held> tryAcquire() {
		Connection connection = null;
		try {
			connection = this.dataSource.getConnection();
			connection.setAutoCommit(true);
			if (advisory(connection, "SELECT pg_try_advisory_lock(?)")) {
				return Optional.of(new Held(connection));
			}
			connection.close();
			return Optional.empty();
		}
		catch (SQLException ex) {
			closeQuietly(connection);
			throw new DataAccessResourceFailureException("could not take the sync lock", ex);
		}
	}

	private static boolean advisory(Connection connection, String sql) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setLong(1, AdvisoryLocks.PRODUCER_SYNC);
			try (ResultSet rs = statement.executeQuery()) {
				return rs.next() && rs.getBoolean(1);
			}
		}
	}

	private static void closeQuietly(Connection connection) {
		if (connection != null) {
			try {
				connection.close();
			}
			catch (SQLException ex) {
				logger.debug("Closing the lock connection failed", ex);
			}
		}
	}

	/** A held sync lock; closing releases it. */
	static final class Held implements AutoCloseable {

		private final Connection connection;

		private Held(Connection connection) {
			this.connection = connection;
		}

		/**
		 * Whether the lock's session still answers: a session lost with the database took
		 * the lock with it.
		 */
		boolean isValid() {
			try {
				return this.connection.isValid(2);
			}
			catch (SQLException ex) {
				return false;
			}
		}

		@Override
		public void close() {
			try {
				advisory(this.connection, "SELECT pg_advisory_unlock(?)");
			}
			catch (SQLException ex) {
				// The session may be gone with the database; the lock went with it.
				logger.debug("Releasing the sync lock failed", ex);
			}
			finally {
				closeQuietly(this.connection);
			}
		}

	}

}
