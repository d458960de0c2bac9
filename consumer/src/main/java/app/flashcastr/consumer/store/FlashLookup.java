package app.flashcastr.consumer.store;

import java.sql.PreparedStatement;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
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
		return states(List.of(flashId)).get(flashId);
	}

	/**
	 * The pin state of each flash, in one query (absent ids are
	 * {@link PinState#UNKNOWN}); throws a DataAccessException when the database is
	 * unreachable.
	 */
	public Map<Long, PinState> states(Collection<Long> flashIds) {
		Map<Long, PinState> states = new HashMap<>(flashIds.size() * 2);
		flashIds.forEach((id) -> states.put(id, PinState.UNKNOWN));
		this.jdbc.query((connection) -> {
			PreparedStatement statement = connection
				.prepareStatement("SELECT flash_id, ipfs_cid FROM flashes WHERE flash_id = ANY(?)");
			statement.setArray(1, connection.createArrayOf("int8", flashIds.toArray()));
			return statement;
		}, (RowCallbackHandler) (rs) -> {
			String cid = rs.getString(2);
			states.put(rs.getLong(1), (cid == null || cid.isEmpty()) ? PinState.MISSING : PinState.PINNED);
		});
		return states;
	}

}
