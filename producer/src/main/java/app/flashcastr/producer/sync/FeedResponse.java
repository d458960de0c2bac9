package app.flashcastr.producer.sync;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * One feed response: the global count and the raw rows, validated one by one later so a
 * bad row never fails the rest.
 *
 * @param flashCount the feed's global {@code flash_count} string
 * @param withParis rows of {@code with_paris}
 * @param withoutParis rows of {@code without_paris}
 */
record FeedResponse(String flashCount, List<JsonNode> withParis, List<JsonNode> withoutParis) {

	int rows() {
		return this.withParis.size() + this.withoutParis.size();
	}

}
