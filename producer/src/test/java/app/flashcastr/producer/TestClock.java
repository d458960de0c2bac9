package app.flashcastr.producer;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock tests move by hand; starts at noon Paris time today (peak hours, and near real
 * flash timestamps).
 */
public final class TestClock extends Clock {

	public static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	private final AtomicReference<Instant> now;

	private TestClock(Instant now) {
		this.now = new AtomicReference<>(now);
	}

	public static TestClock atPeakHour() {
		return new TestClock(todayInParisAt(12));
	}

	public static Instant todayInParisAt(int hour) {
		return LocalDate.now(PARIS).atTime(LocalTime.of(hour, 0)).atZone(PARIS).toInstant();
	}

	public void set(Instant instant) {
		this.now.set(instant);
	}

	@Override
	public ZoneId getZone() {
		return ZoneId.of("UTC");
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return Clock.fixed(this.now.get(), zone);
	}

	@Override
	public Instant instant() {
		return this.now.get();
	}

}
