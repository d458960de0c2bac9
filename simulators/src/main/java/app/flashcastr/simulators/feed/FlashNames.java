package app.flashcastr.simulators.feed;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * Cities, player names and texts of generated flashes, all drawn from the simulator's
 * seeded generator.
 */
final class FlashNames {

	static final String PARIS = "Paris";

	/**
	 * Cities with invaders, with their invader code prefix; two non-ASCII names keep
	 * clients honest on UTF-8.
	 */
	private static final List<City> CITIES = List.of(new City("Tokyo", "TK"), new City("London", "LDN"),
			new City("Los Angeles", "LA"), new City("New York", "NY"), new City("Rome", "ROM"),
			new City("Barcelona", "BCN"), new City("Bilbao", "BBO"), new City("Amsterdam", "AMS"),
			new City("Berlin", "BRL"), new City("Hong Kong", "HK"), new City("Melbourne", "MLB"),
			new City("Manchester", "MAN"), new City("Marseille", "MARS"), new City("Lyon", "LY"),
			new City("Montpellier", "MPL"), new City("Avignon", "AV"), new City("Bern", "BRN"),
			new City("Geneva", "GNV"), new City("Ljubljana", "LJU"), new City("Vienna", "WN"),
			new City("Bangkok", "BKK"), new City("Kathmandu", "KAT"), new City("Istanbul", "IST"),
			new City("Miami", "MIA"), new City("Perth", "PRT"), new City("Grenoble", "GRN"),
			new City("Toulouse", "TLS"), new City("Antwerp", "ANVR"), new City("Brussels", "BXL"),
			new City("Frankfurt", "FKF"), new City("Nîmes", "NIM"), new City("São Paulo", "SP"));

	private static final List<String> NAME_WORDS = List.of("pixel", "space", "invader", "mosaic", "tile", "flash",
			"alien", "retro", "arcade", "neon", "street", "urban", "roof", "corner", "hunter", "rider", "ghost",
			"comet", "laser", "orbit", "rocket", "vandal", "zapper", "blaster");

	private static final List<String> PHRASES = List.of("spotted above a bakery on the corner",
			"high up next to a drainpipe, needed the zoom", "right by the metro exit", "on the side of a pharmacy",
			"almost hidden behind a street sign", "restored after the last renovation",
			"under the bridge near the river", "third one on this street", "on my way to work this morning",
			"tiles slightly faded but still there", "found it thanks to a tip from a friend", "next to the old cinema",
			"facing the market square", "above the door of a record shop", "took three tries to get a clean shot",
			"part of a small series here");

	private final List<String> generatedPlayers;

	private final List<String> parisPlayers;

	FlashNames(RandomGenerator random, List<String> parisPlayers, int poolSize) {
		this.parisPlayers = parisPlayers;
		Set<String> taken = new HashSet<>();
		parisPlayers.forEach((player) -> taken.add(player.toLowerCase(Locale.ROOT)));
		List<String> players = new ArrayList<>(poolSize);
		while (players.size() < poolSize) {
			String player = playerName(random);
			// Upstream compares player names case-insensitively, so keep generated ones
			// apart from Paris players.
			if (taken.add(player.toLowerCase(Locale.ROOT))) {
				players.add(player);
			}
		}
		this.generatedPlayers = List.copyOf(players);
	}

	String parisPlayer(RandomGenerator random) {
		return this.parisPlayers.isEmpty() ? otherPlayer(random)
				: this.parisPlayers.get(random.nextInt(this.parisPlayers.size()));
	}

	String otherPlayer(RandomGenerator random) {
		return this.generatedPlayers.get(random.nextInt(this.generatedPlayers.size()));
	}

	String otherCity(RandomGenerator random) {
		return CITIES.get(random.nextInt(CITIES.size())).name();
	}

	/**
	 * Upstream's {@code text} is undocumented; this filler (invader code plus a comment)
	 * sizes a 300-flash response near upstream's ~138 KB.
	 */
	String text(String city, RandomGenerator random) {
		String code = CITIES.stream()
			.filter((candidate) -> candidate.name().equals(city))
			.map(City::code)
			.findFirst()
			.orElse(PARIS.equals(city) ? "PA" : "XX");
		StringBuilder text = new StringBuilder(code).append('_').append(1 + random.nextInt(1500));
		// A partial shuffle, so no phrase repeats within one text.
		int[] order = IntStream.range(0, PHRASES.size()).toArray();
		int phrases = 5 + random.nextInt(7);
		for (int i = 0; i < phrases; i++) {
			int pick = i + random.nextInt(order.length - i);
			int phrase = order[pick];
			order[pick] = order[i];
			order[i] = phrase;
			text.append((i == 0) ? " - " : ", ").append(PHRASES.get(phrase));
		}
		return text.append('.').toString();
	}

	private static String playerName(RandomGenerator random) {
		String first = NAME_WORDS.get(random.nextInt(NAME_WORDS.size()));
		String second = NAME_WORDS.get(random.nextInt(NAME_WORDS.size()));
		return switch (random.nextInt(4)) {
			case 0 -> (first + second).toUpperCase(Locale.ROOT);
			case 1 -> (first + "_" + (1 + random.nextInt(99))).toUpperCase(Locale.ROOT);
			case 2 -> capitalize(first) + capitalize(second);
			default -> first + "." + second;
		};
	}

	private static String capitalize(String word) {
		return Character.toUpperCase(word.charAt(0)) + word.substring(1);
	}

	private record City(String name, String code) {
	}

}
