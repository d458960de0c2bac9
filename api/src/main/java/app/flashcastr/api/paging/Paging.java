package app.flashcastr.api.paging;

import org.springframework.stereotype.Component;

import app.flashcastr.api.errors.ApiErrorType;
import app.flashcastr.api.errors.ApiException;

/**
 * Turns upstream's {@code page}/{@code limit} arguments (defaults 1 and 20) into a
 * bounded {@link Page}: the page is at least 1, the limit is clamped to
 * 1..{@code maxLimit}, and an offset beyond {@code maxOffset} is a
 * {@code BAD_USER_INPUT}.
 */
@Component
public class Paging {

	/** Upstream's default page size. */
	public static final int DEFAULT_LIMIT = 20;

	private final PagingProperties properties;

	Paging(PagingProperties properties) {
		this.properties = properties;
	}

	/**
	 * The page to read.
	 * @param page 1-based page number, null for 1
	 * @param limit page size, null for the default
	 * @return the bounded page
	 */
	public Page page(Integer page, Integer limit) {
		return page(page, limit, DEFAULT_LIMIT);
	}

	/**
	 * The page to read, with another default size.
	 * @param page 1-based page number, null for 1
	 * @param limit page size, null for {@code defaultLimit}
	 * @param defaultLimit size when none is given
	 * @return the bounded page
	 */
	public Page page(Integer page, Integer limit, int defaultLimit) {
		int size = clampLimit(limit, defaultLimit);
		long number = Math.max(1, (page != null) ? page : 1);
		long offset = (number - 1) * size;
		if (offset > this.properties.maxOffset()) {
			throw new ApiException(ApiErrorType.BAD_USER_INPUT,
					"page too deep: at most " + this.properties.maxOffset() + " rows can be skipped");
		}
		return new Page((int) offset, size);
	}

	/**
	 * A limit clamped to 1..{@code maxLimit}.
	 * @param limit requested size, null for {@code defaultLimit}
	 * @param defaultLimit size when none is given
	 * @return the clamped size
	 */
	public int clampLimit(Integer limit, int defaultLimit) {
		int requested = (limit != null) ? limit : defaultLimit;
		return Math.min(Math.max(1, requested), this.properties.maxLimit());
	}

	/**
	 * Rows to skip and rows to return.
	 *
	 * @param offset rows to skip
	 * @param limit rows to return
	 */
	public record Page(int offset, int limit) {
	}

}
