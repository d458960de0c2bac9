package app.flashcastr.simulators.feed;

/**
 * One well-formed flash as the simulator serves it. On the wire the names are snake_case,
 * {@code flashCount} is a string and {@code paris} decides the list ({@code with_paris}
 * or {@code without_paris}).
 *
 * @param flashId upstream {@code flash_id}, a number around 7.7e7 that grows
 * @param img path of the JPEG relative to the simulator's base URI, e.g.
 * {@code /media/queries/2026/11/22/img_xQTRlhi.jpg}
 * @param city city of the flash ({@code Paris} for Paris flashes)
 * @param text free text of the flash (its meaning upstream is undocumented)
 * @param player Flash Invaders player name
 * @param timestamp Unix epoch seconds
 * @param flashCount per-flash {@code flash_count} string (here: the player's running
 * total)
 * @param paris whether the flash is listed in {@code with_paris}
 */
public record SimulatedFlash(long flashId, String img, String city, String text, String player, long timestamp,
		String flashCount, boolean paris) {

}
