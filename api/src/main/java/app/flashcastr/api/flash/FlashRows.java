package app.flashcastr.api.flash;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import app.flashcastr.api.errors.ApiErrorType;
import app.flashcastr.api.errors.ApiException;

/**
 * Reads {@link Flash} values and timestamps from result sets. {@code flashes.timestamp}
 * has no time zone and holds UTC, so it is read as a local date-time and converted at
 * UTC, whatever the JVM's zone.
 */
public final class FlashRows {

	/**
	 * The {@code flashes} columns {@link #flash} reads, for a table aliased {@code f}.
	 */
	public static final String COLUMNS = "f.flash_id, f.city, f.player, f.img, f.ipfs_cid, f.text, f.timestamp, "
			+ "f.flash_count";

	/**
	 * Newest first, on the real timestamp column (ties broken by id so pages never
	 * overlap).
	 */
	public static final String NEWEST_FIRST = "f.timestamp DESC, f.flash_id DESC";

	private FlashRows() {
	}

	/**
	 * The flash of the current row, read from the columns of {@link #COLUMNS}.
	 * @param rs positioned result set
	 * @return the flash
	 * @throws SQLException if a column is missing
	 */
	public static Flash flash(ResultSet rs) throws SQLException {
		return new Flash(rs.getString("flash_id"), rs.getString("city"), rs.getString("player"), rs.getString("img"),
				rs.getString("ipfs_cid"), rs.getString("text"), epochSeconds(rs, "timestamp"),
				rs.getString("flash_count"));
	}

	/**
	 * The flash of the current row, read by position: the columns of {@link #COLUMNS} in
	 * their order from {@code first} on. Row mapping by label looked every column up by
	 * name on every row; a page's statements know where their columns are.
	 * @param rs positioned result set
	 * @param first the 1-based position of {@code flash_id}
	 * @return the flash
	 * @throws SQLException if a column is missing
	 */
	public static Flash flash(ResultSet rs, int first) throws SQLException {
		LocalDateTime timestamp = rs.getObject(first + 6, LocalDateTime.class);
		return new Flash(rs.getString(first), rs.getString(first + 1), rs.getString(first + 2), rs.getString(first + 3),
				rs.getString(first + 4), rs.getString(first + 5),
				(timestamp != null) ? Long.toString(timestamp.toEpochSecond(ZoneOffset.UTC)) : null,
				rs.getString(first + 7));
	}

	/**
	 * A {@code timestamp without time zone} column as Unix epoch seconds.
	 * @param rs positioned result set
	 * @param column column label
	 * @return epoch seconds as a string, or null
	 * @throws SQLException if the column is missing
	 */
	public static String epochSeconds(ResultSet rs, String column) throws SQLException {
		LocalDateTime value = rs.getObject(column, LocalDateTime.class);
		return (value != null) ? Long.toString(value.toEpochSecond(ZoneOffset.UTC)) : null;
	}

	/**
	 * A flash id argument as a number, or a {@code BAD_USER_INPUT} error.
	 * @param value the argument
	 * @param argument its name, for the message
	 * @return the id
	 */
	public static long parseFlashId(String value, String argument) {
		try {
			return Long.parseLong(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new ApiException(ApiErrorType.BAD_USER_INPUT, argument + " must be an integer");
		}
	}

}
