package app.flashcastr.consumer.deadletter;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.stereotype.Component;

import app.flashcastr.contracts.messaging.DeadLetterRedrive;

/**
 * {@code /actuator/deadletters} on the management port: GET counts the dead letters by
 * reason and type and moves nothing; POST {@code {"limit": 10, "reason": "ipfs_error",
 * "type": "FLASH_RECEIVED", "dryRun": true}} moves up to {@code limit} matching ones back
 * ({@code reason}, {@code type} optional; {@code dryRun} defaults to false). A POST needs
 * the management token.
 */
@Component
@Endpoint(id = "deadletters")
class DeadLettersEndpoint {

	private final DeadLetterRedrive redrive;

	DeadLettersEndpoint(DeadLetterRedrive redrive) {
		this.redrive = redrive;
	}

	@ReadOperation
	DeadLetterRedrive.Census census() {
		return this.redrive.census();
	}

	@WriteOperation
	DeadLetterRedrive.Result redrive(int limit, @Nullable String reason, @Nullable String type,
			@Nullable Boolean dryRun) {
		return this.redrive.redrive(new DeadLetterRedrive.Request(limit, blankToNull(reason), blankToNull(type),
				Boolean.TRUE.equals(dryRun)));
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
