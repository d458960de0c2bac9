package app.flashcastr.api.progress;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

import app.flashcastr.api.errors.ApiErrorType;
import app.flashcastr.api.errors.ApiException;

/**
 * Query {@code progress(fid, days, order)}: one entry per UTC day of the last
 * {@code days} (1..30, today included), zero when the user linked no flash that day.
 */
@Controller
class ProgressController {

	static final int MAX_DAYS = 30;

	private final ProgressRepository progress;

	private final Clock clock;

	ProgressController(ProgressRepository progress, ObjectProvider<Clock> clock) {
		this.progress = progress;
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	@QueryMapping
	List<DailyProgress> progress(@Argument int fid, @Argument int days, @Argument String order) {
		if (days < 1 || days > MAX_DAYS) {
			throw new ApiException(ApiErrorType.BAD_USER_INPUT, "days must be between 1 and " + MAX_DAYS);
		}
		String direction = (order != null) ? order.toUpperCase(Locale.ROOT) : "ASC";
		if (!direction.equals("ASC") && !direction.equals("DESC")) {
			throw new ApiException(ApiErrorType.BAD_USER_INPUT, "order must be ASC or DESC");
		}
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		LocalDate first = today.minusDays(days - 1L);
		Map<LocalDate, Integer> counts = this.progress.dailyCounts(fid, first.atStartOfDay(),
				today.plusDays(1).atStartOfDay());
		List<DailyProgress> result = new ArrayList<>(days);
		for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
			result.add(new DailyProgress(day.toString(), counts.getOrDefault(day, 0)));
		}
		return direction.equals("ASC") ? result : result.reversed();
	}

}
