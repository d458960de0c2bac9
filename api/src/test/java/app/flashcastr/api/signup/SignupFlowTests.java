package app.flashcastr.api.signup;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.springframework.test.web.reactive.server.WebTestClient;

import app.flashcastr.neynar.SignerCipher;
import app.flashcastr.simulators.neynar.NeynarSimulator;
import app.flashcastr.simulators.neynar.NeynarSimulatorSettings;
import app.flashcastr.testinfra.RealInfrastructureConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The signup flow over real HTTP: the API against its own PostgreSQL database and the
 * Neynar simulator, signed with the well-known development mnemonic.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "flashcastr.api.api-key=" + SignupFlowTests.API_KEY,
				"flashcastr.api.metrics.gauges-enabled=false",
				"flashcastr.signup.signer-encryption-key=" + SignupFlowTests.ENCRYPTION_KEY,
				"flashcastr.neynar.retry-backoff=10ms" })
@Import({ RealInfrastructureConfiguration.class, SignupFlowTests.NeynarConfiguration.class })
class SignupFlowTests {

	static final String API_KEY = "signup-test-api-key";

	static final String ENCRYPTION_KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

	private static final String INITIATE = """
			mutation($username: String!) { initiateSignup(username: $username) {
			  signer_uuid public_key status signer_approval_url fid } }""";

	private static final String POLL = """
			query($uuid: String!, $username: String!) { pollSignupStatus(signer_uuid: $uuid, username: $username) {
			  status fid message user { fid username auto_cast } } }""";

	@LocalServerPort
	private int port;

	@Autowired
	private NeynarSimulator neynar;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private MeterRegistry registry;

	@Autowired
	private SignupRepository repository;

	private HttpGraphQlTester graphQl;

	@BeforeEach
	void setUp() {
		this.neynar.faults().reset();
		this.neynar.approveAfterLookups(2);
		this.neynar.approvedFid(0);
		this.graphQl = HttpGraphQlTester
			.create(WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.port + "/graphql").build());
	}

	@Test
	void initiateThenPollUntilApprovedStoresTheUserAndLinksTheFlashes() {
		int fid = 810_001;
		this.neynar.registerUser(fid, "hero.eth", "https://example.com/hero.png");
		this.neynar.approvedFid(fid);
		// Someone already cast flash 3 for this player: the signup must keep that cast.
		this.jdbc.sql("INSERT INTO flashcastr_users (fid, username, signer_uuid) VALUES (810999, 'old', 'x')").update();
		insertFlash(81_000_001L, "SignupHero", "2026-01-01 10:00:00");
		insertFlash(81_000_002L, "signuphero", "2026-01-02 10:00:00");
		insertFlash(81_000_003L, "SIGNUPHERO", "2026-01-03 10:00:00");
		insertFlash(81_000_004L, "someone-else", "2026-01-03 10:00:00");
		this.jdbc.sql("""
				INSERT INTO flashcastr_flashes (flash_id, user_fid, user_username, cast_hash, deleted)
				VALUES (81000003, 810999, 'old', '0xexistingcast', TRUE)""").update();
		double initiatedBefore = counter("flashcastr_api_signups_initiated");
		double completedBefore = counter("flashcastr_api_signups_completed");

		Map<String, Object> started = initiate("SignupHero");
		String uuid = (String) started.get("signer_uuid");
		assertThat(uuid).isNotBlank();
		assertThat((String) started.get("public_key")).matches("0x[0-9a-f]{64}");
		assertThat(started.get("status")).isEqualTo("pending_approval");
		assertThat((String) started.get("signer_approval_url"))
			.startsWith("https://client.warpcast.com/deeplinks/signed-key-request?token=");
		assertThat(counter("flashcastr_api_signups_initiated")).isEqualTo(initiatedBefore + 1);

		assertThat(poll(uuid, "SignupHero").get("status")).isEqualTo("PENDING_APPROVAL");
		assertThat(userCount(fid)).isZero();

		Map<String, Object> approved = poll(uuid, "SignupHero");
		assertThat(approved.get("status")).isEqualTo("APPROVED_FINALIZED");
		assertThat(approved.get("fid")).isEqualTo(fid);
		assertThat(approved.get("user")).isEqualTo(Map.of("fid", fid, "username", "SignupHero", "auto_cast", true));

		Map<String, Object> user = this.jdbc
			.sql("SELECT username, signer_uuid, auto_cast, deleted FROM flashcastr_users WHERE fid = :fid")
			.param("fid", fid)
			.query()
			.singleRow();
		assertThat(user.get("username")).isEqualTo("SignupHero");
		assertThat(user.get("auto_cast")).isEqualTo(true);
		assertThat(user.get("deleted")).isEqualTo(false);
		String stored = (String) user.get("signer_uuid");
		assertThat(stored).doesNotContain(uuid).matches("[0-9a-f]{24}:[0-9a-f]{32}:[0-9a-f]+");
		assertThat(new SignerCipher(ENCRYPTION_KEY).decrypt(stored)).isEqualTo(uuid);

		List<Map<String, Object>> links = links();
		assertThat(links).extracting((row) -> row.get("flash_id"))
			.containsExactly(81_000_001L, 81_000_002L, 81_000_003L);
		assertThat(links).allSatisfy((row) -> {
			assertThat(row.get("user_fid")).isEqualTo(fid);
			assertThat(row.get("user_username")).isEqualTo("hero.eth");
			assertThat(row.get("user_pfp_url")).isEqualTo("https://example.com/hero.png");
			assertThat(row.get("deleted")).isEqualTo(false);
		});
		assertThat(links).extracting((row) -> row.get("cast_hash")).containsExactly(null, null, "0xexistingcast");
		assertThat(counter("flashcastr_api_signups_completed")).isEqualTo(completedBefore + 1);

		// Polling again is idempotent: same rows, the signup counted once.
		assertThat(poll(uuid, "SignupHero").get("status")).isEqualTo("APPROVED_FINALIZED");
		assertThat(links()).hasSize(3).extracting((row) -> row.get("cast_hash")).contains("0xexistingcast");
		assertThat(counter("flashcastr_api_signups_completed")).isEqualTo(completedBefore + 1);
		assertThat(counter("flashcastr_api_neynar_requests", "endpoint", "lookupSigner", "status", "success"))
			.isGreaterThanOrEqualTo(3);
	}

	@Test
	void linksAtMostTheCapOfTheNewestFlashes() {
		this.jdbc.sql("INSERT INTO flashcastr_users (fid, username) VALUES (810500, 'CappedPlayer')").update();
		insertFlash(81_000_011L, "CappedPlayer", "2026-02-01 10:00:00");
		insertFlash(81_000_012L, "CappedPlayer", "2026-02-03 10:00:00");
		insertFlash(81_000_013L, "CappedPlayer", "2026-02-02 10:00:00");
		SignupRepository.Completion completion = this.repository
			.complete(new SignupRepository.NewUser(810500, "CappedPlayer", "iv:tag:ct", "capped.eth", null), 2);
		assertThat(completion.linked()).isEqualTo(2);
		assertThat(completion.newlyActive()).isFalse();
		assertThat(this.jdbc.sql("SELECT flash_id FROM flashcastr_flashes WHERE user_fid = 810500 ORDER BY flash_id")
			.query(Long.class)
			.list()).containsExactly(81_000_012L, 81_000_013L);
	}

	@Test
	void staysPendingUntilTheUserApproves() {
		this.neynar.approveAfterLookups(5);
		String uuid = (String) initiate("PatientPlayer").get("signer_uuid");
		Map<String, Object> status = poll(uuid, "PatientPlayer");
		assertThat(status.get("status")).isEqualTo("PENDING_APPROVAL");
		assertThat(status.get("fid")).isNull();
		assertThat(status.get("user")).isNull();
		assertThat(this.jdbc.sql("SELECT count(*) FROM flashcastr_users WHERE username = 'PatientPlayer'")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void reportsARevokedSigner() {
		String uuid = (String) initiate("FickleFlasher").get("signer_uuid");
		this.neynar.revoke(uuid);
		assertThat(poll(uuid, "FickleFlasher").get("status")).isEqualTo("REVOKED");
	}

	@Test
	void neynarDownGivesALookupErrorAndAClearInitiateError() {
		String uuid = (String) initiate("StormChaser").get("signer_uuid");
		this.neynar.faults().failWithStatus(503);
		Map<String, Object> status = poll(uuid, "StormChaser");
		assertThat(status.get("status")).isEqualTo("ERROR_NEYNAR_LOOKUP");
		assertThat((String) status.get("message")).isNotBlank();
		this.graphQl.document(INITIATE)
			.variable("username", "StormChaser")
			.execute()
			.errors()
			.satisfy((errors) -> assertThat(errors).singleElement().satisfies((error) -> {
				assertThat(classification(error)).isEqualTo("INTERNAL");
				assertThat(error.getMessage()).contains("Neynar is unavailable");
			}));
		assertThat(counter("flashcastr_api_neynar_requests", "endpoint", "lookupSigner", "status", "error"))
			.isPositive();
	}

	@Test
	void refusesMissingOrAnonymousPlayerNames() {
		for (String name : List.of("", "  ", "Anonymous")) {
			this.graphQl.document(INITIATE)
				.variable("username", name)
				.execute()
				.errors()
				.satisfy((errors) -> assertThat(errors).singleElement()
					.satisfies((error) -> assertThat(classification(error)).isEqualTo("BAD_USER_INPUT")));
		}
	}

	@Test
	void deprecatedSignupNeedsTheApiKey() {
		String document = """
				mutation { signup(fid: 1, signer_uuid: "x", username: "y") { success message } }""";
		this.graphQl.document(document)
			.execute()
			.errors()
			.satisfy((errors) -> assertThat(errors).singleElement()
				.satisfies((error) -> assertThat(classification(error)).isEqualTo("UNAUTHORIZED")));
		this.graphQl.mutate()
			.header("X-API-KEY", API_KEY)
			.build()
			.document(document)
			.execute()
			.path("signup.success")
			.entity(Boolean.class)
			.isEqualTo(true);
	}

	private Map<String, Object> initiate(String username) {
		return this.graphQl.document(INITIATE)
			.variable("username", username)
			.execute()
			.path("initiateSignup")
			.entity(Map.class)
			.get();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> poll(String uuid, String username) {
		return this.graphQl.document(POLL)
			.variable("uuid", uuid)
			.variable("username", username)
			.execute()
			.path("pollSignupStatus")
			.entity(Map.class)
			.get();
	}

	private void insertFlash(long flashId, String player, String timestamp) {
		this.jdbc.sql("""
				INSERT INTO flashes (flash_id, city, player, img, ipfs_cid, timestamp, flash_count)
				VALUES (:id, 'Paris', :player, '/img.jpg', 'QmCid', CAST(:ts AS timestamp), '1')""")
			.param("id", flashId)
			.param("player", player)
			.param("ts", timestamp)
			.update();
	}

	private List<Map<String, Object>> links() {
		return this.jdbc.sql("""
				SELECT flash_id, user_fid, user_username, user_pfp_url, cast_hash, deleted
				FROM flashcastr_flashes WHERE flash_id BETWEEN 81000001 AND 81000004 ORDER BY flash_id""")
			.query()
			.listOfRows();
	}

	private long userCount(int fid) {
		return this.jdbc.sql("SELECT count(*) FROM flashcastr_users WHERE fid = :fid")
			.param("fid", fid)
			.query(Long.class)
			.single();
	}

	private double counter(String name, String... tags) {
		return this.registry.get(name).tags(tags).counter().count();
	}

	private static Object classification(ResponseError error) {
		return error.getExtensions().get("classification");
	}

	/**
	 * The Neynar simulator, with the API pointed at it and the dev mnemonic's account.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class NeynarConfiguration {

		@Bean(destroyMethod = "close")
		NeynarSimulator signupNeynarSimulator() {
			return NeynarSimulator.start(NeynarSimulatorSettings.defaults());
		}

		@Bean
		DynamicPropertyRegistrar signupNeynarProperties(NeynarSimulator simulator) {
			return (registry) -> {
				registry.add("flashcastr.neynar.base-url", () -> simulator.baseUri().toString());
				registry.add("flashcastr.neynar.api-key", simulator::apiKey);
				registry.add("flashcastr.signup.developer-mnemonic", () -> NeynarSimulator.DEV_MNEMONIC);
			};
		}

	}

}
