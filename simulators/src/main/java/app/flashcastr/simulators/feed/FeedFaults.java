package app.flashcastr.simulators.feed;

import java.time.Duration;

import app.flashcastr.simulators.http.FaultSwitch;

/**
 * Runtime fault switches of the feed endpoint ({@code /flashinvaders/flashes/}); images
 * and the admin endpoint are never faulted. One fault is active at a time: setting one
 * replaces the previous one, and requests held by {@link #latency(Duration)} or
 * {@link #hang()} are released by the next switch, {@link #reset()} or
 * {@link FeedSimulator#close()}. Status, rate limit, latency, hang and reset come from
 * {@link FaultSwitch}; admin modes: {@code healthy}, {@code status}, {@code redirect},
 * {@code rate_limit}, {@code latency}, {@code timeout}, {@code malformed}, {@code empty}
 * and {@code invalid_rows}.
 */
public final class FeedFaults extends FaultSwitch {

	FeedFaults() {
		super("Feed");
	}

	/**
	 * Answer every feed request with a redirect (3xx and {@code Location}) until
	 * {@link #reset()}: upstream answered 301 to the path without its trailing slash.
	 * @param status a redirect status, 300..399
	 * @param location the {@code Location} header, absolute or relative
	 */
	public void redirect(int status, String location) {
		set(checkRedirect(status, location), UNLIMITED);
	}

	/**
	 * Answer the next {@code times} feed requests with a redirect, then serve healthy
	 * responses.
	 * @param status a redirect status, 300..399
	 * @param location the {@code Location} header, absolute or relative
	 * @param times how many requests are redirected, at least 1
	 */
	public void redirect(int status, String location, int times) {
		set(checkRedirect(status, location), checkTimes(times));
	}

	private static FeedFault.Redirect checkRedirect(int status, String location) {
		if (status < 300 || status > 399) {
			throw new IllegalArgumentException("redirect status must be within 300..399, got " + status);
		}
		if (location == null || location.isBlank() || location.chars().anyMatch((c) -> c < 0x20 || c == 0x7f)) {
			throw new IllegalArgumentException("location must be a non-blank header value, got '" + location + "'");
		}
		return new FeedFault.Redirect(status, location);
	}

	/** Answer 200 {@code application/json} with a truncated, unparseable JSON body. */
	public void malformedJson() {
		set(new FeedFault.Malformed(), UNLIMITED);
	}

	/** Answer valid JSON with both lists empty and {@code flash_count} unchanged. */
	public void emptyLists() {
		set(new FeedFault.Empty(), UNLIMITED);
	}

	/**
	 * Mix this many invalid rows into {@code without_paris} of each response; the good
	 * rows are still present. The kinds, in turn: negative {@code flash_id}, 10 kB city,
	 * 10 kB player, 10 kB text, timestamp in 1990, timestamp in 2100, missing fields,
	 * missing {@code flash_id}, {@code flash_id} as a non-number string.
	 * @param count invalid rows per response, 1..1000
	 */
	public void invalidRows(int count) {
		if (count < 1 || count > 1000) {
			throw new IllegalArgumentException("count must be within 1..1000, got " + count);
		}
		set(new FeedFault.InvalidRows(count), UNLIMITED);
	}

}
