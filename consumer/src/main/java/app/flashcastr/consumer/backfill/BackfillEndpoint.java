package app.flashcastr.consumer.backfill;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/backfill} on the management port: GET progress, POST to start or
 * resume (optional {@code {"rate": 200}}), DELETE to pause.
 */
@Component
@Endpoint(id = "backfill")
class BackfillEndpoint {

	private final Backfill backfill;

	BackfillEndpoint(Backfill backfill) {
		this.backfill = backfill;
	}

	@ReadOperation
	Backfill.Progress progress() {
		return this.backfill.progress();
	}

	@WriteOperation
	Backfill.Progress start(@Nullable Integer rate) {
		return this.backfill.start(rate);
	}

	@DeleteOperation
	Backfill.Progress pause() {
		return this.backfill.pause();
	}

}
