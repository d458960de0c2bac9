package app.flashcastr.api.user;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import app.flashcastr.api.metrics.QueryTimer;
import app.flashcastr.api.paging.FilteredQuery;

/** SQL over {@code flashcastr_users}. */
@Repository
class UserRepository {

	private static final RowMapper<User> USER = (rs, row) -> new User(rs.getInt("fid"), rs.getString("username"),
			(Boolean) rs.getObject("auto_cast"));

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final QueryTimer timer;

	UserRepository(JdbcClient jdbc, PlatformTransactionManager transactionManager, QueryTimer timer) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.timer = timer;
	}

	List<User> users(String username, Integer fid) {
		FilteredQuery query = FilteredQuery
			.from("SELECT fid, username, auto_cast FROM flashcastr_users WHERE deleted = false")
			.equalsIgnoringCase("username", username)
			.equalTo("fid", fid)
			.orderBy("fid");
		return this.timer.time("users", () -> this.jdbc.sql(query.sql()).params(query.params()).query(USER).list());
	}

	Optional<User> setAutoCast(int fid, boolean autoCast) {
		return this.timer.time("set_auto_cast",
				() -> this.jdbc
					.sql("UPDATE flashcastr_users SET auto_cast = ? WHERE fid = ? AND deleted = false "
							+ "RETURNING fid, username, auto_cast")
					.params(autoCast, fid)
					.query(USER)
					.optional());
	}

	/**
	 * Deletes the user and their links in one transaction (links first, so the result
	 * does not depend on the foreign key's ON DELETE CASCADE).
	 * @return whether a user (not already soft-deleted) existed
	 */
	boolean delete(int fid) {
		return this.timer.time("delete_user", () -> Boolean.TRUE.equals(this.transactions.execute((status) -> {
			Integer found = this.jdbc
				.sql("SELECT fid FROM flashcastr_users WHERE fid = ? AND deleted = false FOR UPDATE")
				.param(fid)
				.query(Integer.class)
				.optional()
				.orElse(null);
			if (found == null) {
				return false;
			}
			this.jdbc.sql("DELETE FROM flashcastr_flashes WHERE user_fid = ?").param(fid).update();
			this.jdbc.sql("DELETE FROM flashcastr_users WHERE fid = ?").param(fid).update();
			return true;
		})));
	}

}
