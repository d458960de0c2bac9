package app.flashcastr.consumer.store;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The idempotency check: does this flash still need a pin? */
@Component
public class FlashLookup {

	private final JdbcTemplate jdbc;

	FlashLookup(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The flash's pin state; throws a DataAccessException when the database is
	 * unreachable.
	 */
	public PinState state(long flashId) {
		return this.jdbc.query("SELECT ipfs_cid FROM flashes WHERE flash_id = ?", (rs) -> {
			if (!rs.next()) {
				return PinState.UNKNOWN;
			}
			String cid = rs.getString(1);
			return (cid == null || cid.isEmpty()) ? PinState.MISSING : PinState.PINNED;
		}, flashId);
	}

}
