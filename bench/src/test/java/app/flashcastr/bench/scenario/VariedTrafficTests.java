package app.flashcastr.bench.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import graphql.language.Document;
import graphql.language.NonNullType;
import graphql.language.OperationDefinition;
import graphql.language.VariableDefinition;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import graphql.validation.ValidationError;
import graphql.validation.Validator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import app.flashcastr.bench.scenario.VariedTraffic.Form;
import app.flashcastr.bench.scenario.VariedTraffic.Traffic;
import app.flashcastr.bench.stack.Wrk;
import app.flashcastr.simulators.load.LoadGeneratorSettings;
import app.flashcastr.simulators.load.LoadQuery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The wrk scripts of {@code api-varied}, run in luaj with a fixed seed: every request
 * valid against the API's schema, arguments drawn from the seeded data with the intended
 * skew.
 */
class VariedTrafficTests {

	private static final int FIRST_FID = 10_001;

	private static final long FIRST_FLASH = 77_376_000L;

	private static final Pattern FID = Pattern.compile("fid: (\\d+)");

	private static final Pattern FLASH_ID = Pattern.compile("flash_id: \"(\\d+)\"");

	private static final Pattern ROOT_FIELD = Pattern.compile("^\\{ (\\w+)");

	private static final int DRAWS = 30_000;

	private static final Pattern PAGE = Pattern.compile("page: (\\d+)");

	private static final Pattern CITY = Pattern.compile("city: \"([^\"]+)\"");

	private static final Pattern PLAYER = Pattern.compile("player: \"([^\"]+)\"");

	private static final JsonMapper json = JsonMapper.builder().build();

	private static GraphQLSchema schema;

	private final Api.Seed seed = seed();

	@BeforeAll
	static void apiSchema() throws IOException {
		TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
		Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath*:graphql/*.graphqls");
		assertThat(files).as("the API's schema files on the test classpath").isNotEmpty();
		for (Resource file : files) {
			registry.merge(new SchemaParser().parse(file.getContentAsString(StandardCharsets.UTF_8)));
		}
		schema = UnExecutableSchemaGenerator.makeUnExecutableSchema(registry);
	}

	@ParameterizedTest
	@EnumSource(Traffic.class)
	void everyDrawnRequestIsAValidDocumentInBothForms(Traffic traffic) {
		for (Form form : Form.values()) {
			List<String> bodies = draws(traffic, form, 400);
			for (String body : bodies) {
				JsonNode request = json.readTree(body);
				String document = request.get("query").asString();
				Document parsed = Parser.parse(document);
				List<ValidationError> errors = new Validator().validateDocument(schema, parsed, Locale.ROOT);
				assertThat(errors).as(body).isEmpty();
				OperationDefinition operation = parsed.getDefinitionsOfType(OperationDefinition.class).get(0);
				if (form == Form.LITERAL) {
					assertThat(request.has("variables")).as(body).isFalse();
					assertThat(operation.getVariableDefinitions()).as(body).isEmpty();
				}
				else {
					assertThat(operation.getName()).as(body).isNotBlank();
					JsonNode variables = request.get("variables");
					assertThat(variables.isObject()).as(body).isTrue();
					Set<String> defined = new HashSet<>();
					for (VariableDefinition definition : operation.getVariableDefinitions()) {
						defined.add(definition.getName());
						if (definition.getType() instanceof NonNullType) {
							assertThat(variables.has(definition.getName())).as(body).isTrue();
						}
					}
					variables.propertyNames().forEach((name) -> assertThat(defined).as(body).contains(name));
				}
			}
			// Leaderboard: 10 limits; pages: 50 pages + 4 cities x 2 pages + 3 players
			// here.
			int distinct = switch (traffic) {
				case LEADERBOARD -> 10;
				case GLOBAL_FLASHES -> 55;
				default -> 100;
			};
			assertThat(new HashSet<>(bodies)).as("distinct bodies of %s, %s", traffic, form)
				.hasSizeGreaterThanOrEqualTo(distinct);
		}
	}

	@Test
	void namedDocumentsStayTheSameWhileVariablesChange() {
		for (Traffic traffic : Traffic.values()) {
			List<String> bodies = draws(traffic, Form.VARIABLES, 2_000);
			Set<String> documents = new HashSet<>();
			bodies.forEach((body) -> documents.add(json.readTree(body).get("query").asString()));
			int expected = (traffic == Traffic.MIX) ? LoadGeneratorSettings.REALISTIC_WEIGHTS.size() : 1;
			assertThat(documents).as(traffic.key()).hasSize(expected);
		}
	}

	@Test
	void flashesAsksEveryUserAsOftenAsTheirLinks() {
		for (Form form : Form.values()) {
			Map<Integer, Integer> counts = count(draws(Traffic.FLASHES, form, DRAWS),
					(body) -> Integer.valueOf(argument(body, FID, "fid")));
			int links = this.seed.linksPerFid().values().stream().mapToInt(Integer::intValue).sum();
			assertThat(counts.keySet()).as("every user, nobody else").isEqualTo(this.seed.linksPerFid().keySet());
			for (int rank : List.of(1, 2, 10, 50)) {
				int fid = FIRST_FID + rank - 1;
				double expected = (double) DRAWS * this.seed.linksPerFid().get(fid) / links;
				assertThat((double) counts.get(fid)).as("requests for the user of rank %d", rank)
					.isCloseTo(expected, within(expected * 0.15 + 10));
			}
			// A few users ask for most of the traffic, many for a little each.
			int topFour = IntStream.range(0, 4).map((i) -> counts.get(FIRST_FID + i)).sum();
			assertThat(topFour).isGreaterThan(DRAWS * 3 / 10);
			assertThat(counts.values().stream().filter((count) -> count < DRAWS / 400).count()).isGreaterThan(100);
		}
	}

	@Test
	void globalFlashAsksEveryIdAlike() {
		Set<Long> ids = new HashSet<>(this.seed.flashIds());
		for (Form form : Form.values()) {
			Map<Long, Integer> counts = count(draws(Traffic.GLOBAL_FLASH, form, 4 * ids.size()),
					(body) -> Long.valueOf(argument(body, FLASH_ID, "id")));
			assertThat(ids).containsAll(counts.keySet());
			// 4 draws per id, every id alike, leave about e^-4 of them (~150) undrawn.
			assertThat(counts).hasSizeGreaterThan(ids.size() - 300);
			assertThat(counts.keySet()).contains(FIRST_FLASH, FIRST_FLASH + 7_999, FIRST_FLASH + 20_000);
			assertThat(counts.values().stream().mapToInt(Integer::intValue).max().orElseThrow()).isLessThan(20);
		}
	}

	@Test
	void globalFlashesAsksPagesOneToFiftyAndFilters() {
		List<String> bodies = draws(Traffic.GLOBAL_FLASHES, Form.LITERAL, 20_000);
		Map<Integer, Integer> pages = new HashMap<>();
		int cities = 0;
		int players = 0;
		for (String body : bodies) {
			String document = json.readTree(body).get("query").asString();
			pages.merge(Integer.valueOf(find(PAGE, document)), 1, Integer::sum);
			Matcher city = CITY.matcher(document);
			Matcher player = PLAYER.matcher(document);
			if (city.find()) {
				cities++;
				assertThat(this.seed.cities()).contains(city.group(1));
			}
			if (player.find()) {
				players++;
				assertThat(this.seed.players()).contains(player.group(1));
			}
		}
		assertThat(pages.keySet()).isEqualTo(new HashSet<>(IntStream.rangeClosed(1, 50).boxed().toList()));
		assertThat(cities / 20_000.0).isCloseTo(0.20, within(0.02));
		assertThat(players / 20_000.0).isCloseTo(0.20, within(0.02));
		Map<String, Integer> variables = count(draws(Traffic.GLOBAL_FLASHES, Form.VARIABLES, 20_000),
				(body) -> String.join(",", json.readTree(body).get("variables").propertyNames()));
		assertThat(variables.keySet()).containsExactlyInAnyOrder("page", "page,city", "page,player");
		assertThat(variables.get("page") / 20_000.0).isCloseTo(0.60, within(0.02));
	}

	@Test
	void leaderboardAsksLimitsTenToOneHundred() {
		Map<String, Integer> limits = count(draws(Traffic.LEADERBOARD, Form.VARIABLES, 2_000),
				(body) -> json.readTree(body).get("variables").get("limit").asString());
		assertThat(limits.keySet()).containsExactlyInAnyOrder("10", "20", "30", "40", "50", "60", "70", "80", "90",
				"100");
	}

	@Test
	void mixFollowsTheLoadGeneratorsWeights() {
		int draws = 20_000;
		Map<String, Integer> roots = count(draws(Traffic.MIX, Form.LITERAL, draws),
				(body) -> find(ROOT_FIELD, json.readTree(body).get("query").asString()));
		Map<LoadQuery, Integer> weights = LoadGeneratorSettings.REALISTIC_WEIGHTS;
		double total = weights.values().stream().mapToInt(Integer::intValue).sum();
		assertThat(roots.keySet()).containsExactlyInAnyOrderElementsOf(
				weights.keySet().stream().filter((query) -> weights.get(query) > 0).map(LoadQuery::key).toList());
		weights
			.forEach((query, weight) -> assertThat(roots.getOrDefault(query.key(), 0) / (double) draws).as(query.key())
				.isCloseTo(weight / total, within(0.015)));
	}

	@Test
	void seededUsersAreAFewWithHundredsOfLinksAndManyWithAFew() {
		int[] links = Api.linksPerUser(200, 800, 2);
		assertThat(links[0]).isEqualTo(800);
		assertThat(IntStream.of(links).filter((count) -> count >= 200).count()).isEqualTo(4);
		assertThat(IntStream.of(links).filter((count) -> count <= 10).count()).isGreaterThan(100);
		assertThat(IntStream.of(links).min().orElseThrow()).isGreaterThanOrEqualTo(2);
		assertThat(IntStream.of(links).sum()).isBetween(4_500, 5_000);
	}

	@Test
	void flashIdsBecomeRunsOfConsecutiveIds() {
		List<long[]> runs = VariedTraffic.runs(List.of(7L, 3L, 4L, 5L, 9L, 10L, 4L));

		assertThat(runs).extracting((run) -> run[0] + "+" + run[1]).containsExactly("3+3", "7+1", "9+2");
	}

	@Test
	void unsafeFilterNamesAreRefused() {
		assertThat(VariedTraffic.safeName("Saint-Étienne 2")).isTrue();
		assertThat(VariedTraffic.safeName("a\"b")).isFalse();
		assertThat(VariedTraffic.safeName("a\\b")).isFalse();
		assertThat(VariedTraffic.safeName("")).isFalse();
	}

	private List<String> draws(Traffic traffic, Form form, int count) {
		String script = Wrk.script(VariedTraffic.requestLua(this.seed, traffic, form), 0);
		return new LuaDraws(script, 42).next(count);
	}

	/** The argument from the literal document or the variables. */
	private static String argument(String body, Pattern literal, String variable) {
		JsonNode request = json.readTree(body);
		if (request.has("variables")) {
			return request.get("variables").get(variable).asString();
		}
		return find(literal, request.get("query").asString());
	}

	private static String find(Pattern pattern, String text) {
		Matcher matcher = pattern.matcher(text);
		assertThat(matcher.find()).as(text).isTrue();
		return matcher.group(1);
	}

	private static <K> Map<K, Integer> count(List<String> bodies, Function<String, K> key) {
		Map<K, Integer> counts = new LinkedHashMap<>();
		bodies.forEach((body) -> counts.merge(key.apply(body), 1, Integer::sum));
		return counts;
	}

	/**
	 * The bench's user shape on 200 users, 8,000 flashes in one run and 500 after a gap,
	 * a few cities and players.
	 */
	private static Api.Seed seed() {
		int[] links = Api.linksPerUser(200, 800, 2);
		Map<Integer, Integer> linksPerFid = new LinkedHashMap<>();
		for (int user = 0; user < links.length; user++) {
			linksPerFid.put(FIRST_FID + user, links[user]);
		}
		List<Long> ids = new ArrayList<>(LongStream.range(FIRST_FLASH, FIRST_FLASH + 8_000).boxed().toList());
		ids.addAll(LongStream.range(FIRST_FLASH + 20_000, FIRST_FLASH + 20_500).boxed().toList());
		return new Api.Seed(FIRST_FID, 800, FIRST_FLASH, linksPerFid, ids,
				List.of("Paris", "Lyon", "Saint-Étienne", "Tokyo"), List.of("alice", "bob_2", "Space Invader"));
	}

}
