package app.flashcastr.api.paging;

import java.util.ArrayList;
import java.util.List;

/**
 * A list query with optional filters: each filter is added only when its argument was
 * given, case-insensitive text filters compare {@code LOWER(column) = LOWER(?)} (the form
 * the indexes are built on), and the page comes last.
 */
public final class FilteredQuery {

	private final StringBuilder sql;

	private final List<Object> params = new ArrayList<>();

	private FilteredQuery(String selectWithWhere) {
		this.sql = new StringBuilder(selectWithWhere);
	}

	/**
	 * Starts from a SELECT that already ends in a WHERE clause (e.g. {@code WHERE true}).
	 */
	public static FilteredQuery from(String selectWithWhere) {
		return new FilteredQuery(selectWithWhere);
	}

	/** {@code AND LOWER(column) = LOWER(?)} when the value is not blank. */
	public FilteredQuery equalsIgnoringCase(String column, String value) {
		if (value != null && !value.isBlank()) {
			this.sql.append(" AND LOWER(").append(column).append(") = LOWER(?)");
			this.params.add(value);
		}
		return this;
	}

	/** {@code AND column = ?} when the value is not null. */
	public FilteredQuery equalTo(String column, Object value) {
		if (value != null) {
			this.sql.append(" AND ").append(column).append(" = ?");
			this.params.add(value);
		}
		return this;
	}

	/** {@code ORDER BY …}. */
	public FilteredQuery orderBy(String order) {
		this.sql.append(" ORDER BY ").append(order);
		return this;
	}

	/** {@code LIMIT ? OFFSET ?} of the page. */
	public FilteredQuery page(Paging.Page page) {
		this.sql.append(" LIMIT ? OFFSET ?");
		this.params.add(page.limit());
		this.params.add(page.offset());
		return this;
	}

	/**
	 * This query as the subquery of another: {@code before + this + after}, with the same
	 * parameters.
	 */
	public FilteredQuery within(String before, String after) {
		FilteredQuery outer = new FilteredQuery(before + this.sql + after);
		outer.params.addAll(this.params);
		return outer;
	}

	/** The SQL text. */
	public String sql() {
		return this.sql.toString();
	}

	/** The parameters, in order. */
	public List<Object> params() {
		return this.params;
	}

}
