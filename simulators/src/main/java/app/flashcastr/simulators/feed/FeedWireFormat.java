package app.flashcastr.simulators.feed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The upstream JSON shapes: {@code flash_count}/{@code player_count} and the per-flash
 * {@code flash_count} are strings, {@code flash_id} and {@code timestamp} (epoch seconds)
 * are numbers.
 */
final class FeedWireFormat {

	/**
	 * Invalid rows use ids far above the good ones, so they never collide with a real
	 * flash.
	 */
	private static final long INVALID_ID_BASE = 990_000_000L;

	private static final int HUGE_LENGTH = 10 * 1024;

	private static final long YEAR_1990 = 631_152_000L;

	private static final long YEAR_2100 = 4_102_444_800L;

	private final JsonMapper mapper;

	FeedWireFormat(JsonMapper mapper) {
		this.mapper = mapper;
	}

	byte[] healthy(FlashFeed.FeedSnapshot snapshot) {
		return this.mapper.writeValueAsBytes(response(snapshot, 0));
	}

	byte[] withInvalidRows(FlashFeed.FeedSnapshot snapshot, int invalidRows) {
		return this.mapper.writeValueAsBytes(response(snapshot, invalidRows));
	}

	/** Valid JSON, no flashes, counters as they are. */
	byte[] empty(FlashFeed.FeedSnapshot snapshot) {
		return healthy(new FlashFeed.FeedSnapshot(List.of(), snapshot.flashCount(), snapshot.playerCount()));
	}

	/**
	 * A body cut in the middle, as from a dropped connection or a broken proxy: never
	 * parseable.
	 */
	byte[] malformed(FlashFeed.FeedSnapshot snapshot) {
		byte[] body = healthy(snapshot);
		return Arrays.copyOf(body, Math.max(1, body.length / 2));
	}

	ObjectNode flash(SimulatedFlash flash) {
		ObjectNode node = this.mapper.createObjectNode();
		node.put("flash_id", flash.flashId());
		node.put("img", flash.img());
		node.put("city", flash.city());
		node.put("text", flash.text());
		node.put("player", flash.player());
		node.put("timestamp", flash.timestamp());
		node.put("flash_count", flash.flashCount());
		return node;
	}

	ArrayNode flashes(List<SimulatedFlash> flashes) {
		ArrayNode array = this.mapper.createArrayNode();
		flashes.forEach((flash) -> array.add(flash(flash)));
		return array;
	}

	private ObjectNode response(FlashFeed.FeedSnapshot snapshot, int invalidRows) {
		ObjectNode root = this.mapper.createObjectNode();
		root.put("flash_count", Long.toString(snapshot.flashCount()));
		root.put("player_count", Long.toString(snapshot.playerCount()));
		List<ObjectNode> paris = new ArrayList<>();
		List<ObjectNode> others = new ArrayList<>();
		for (SimulatedFlash flash : snapshot.window()) {
			(flash.paris() ? paris : others).add(flash(flash));
		}
		// Invalid rows go to without_paris: clients keep every row of it, so each one
		// reaches their validation.
		int goodRows = others.size();
		for (int i = 0; i < invalidRows; i++) {
			int position = (int) ((long) (i + 1) * goodRows / (invalidRows + 1)) + i;
			others.add(Math.min(position, others.size()), invalidRow(i));
		}
		root.putArray("with_paris").addAll(paris);
		root.putArray("without_paris").addAll(others);
		return root;
	}

	private ObjectNode invalidRow(int index) {
		ObjectNode row = this.mapper.createObjectNode();
		row.put("flash_id", INVALID_ID_BASE + index);
		row.put("img", "/media/queries/invalid/img_invalid%d.jpg".formatted(index));
		row.put("city", "Tokyo");
		row.put("text", "TK_0 - invalid row " + index);
		row.put("player", "INVALID_ROW_" + index);
		row.put("timestamp", 1_763_800_000L + index);
		row.put("flash_count", "1");
		switch (index % 9) {
			case 0 -> row.put("flash_id", -(index + 1L));
			case 1 -> row.put("city", huge("Tokyo "));
			case 2 -> row.put("player", huge("INVALID_ROW_"));
			case 3 -> row.put("text", huge("invalid row "));
			case 4 -> row.put("timestamp", YEAR_1990 + index);
			case 5 -> row.put("timestamp", YEAR_2100 + index);
			case 6 -> {
				row.remove("img");
				row.remove("player");
				row.remove("timestamp");
				row.remove("flash_count");
			}
			case 7 -> row.remove("flash_id");
			default -> row.put("flash_id", "not-a-number-" + index);
		}
		return row;
	}

	private static String huge(String unit) {
		return unit.repeat(HUGE_LENGTH / unit.length() + 1).substring(0, HUGE_LENGTH);
	}

}
