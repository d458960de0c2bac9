package app.flashcastr.api;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The mutations, and the API key they require. */
@CoreApiTest
class MutationTests extends CoreApiTestSupport {

	MutationTests(@LocalServerPort int port, JdbcClient jdbc) {
		super(port, jdbc);
	}

	@Test
	void protectedMutationsRefuseAMissingOrWrongKey() {
		String[] mutations = { "mutation { setUserAutoCast(fid: 107, auto_cast: false) { fid } }",
				"mutation { deleteUser(fid: 101) { success } }",
				"mutation { saveFlashIdentification(source_ipfs_cid: \"x\", matched_flash_id: \"1\", similarity: 1, "
						+ "confidence: 1) { id } }" };
		for (String mutation : mutations) {
			this.graphQl.document(mutation)
				.execute()
				.errors()
				.satisfy((errors) -> assertClassified(errors, "UNAUTHORIZED"));
			this.graphQl.mutate()
				.header("X-API-KEY", Seed.API_KEY + "x")
				.build()
				.document(mutation)
				.execute()
				.errors()
				.satisfy((errors) -> assertClassified(errors, "UNAUTHORIZED"));
		}
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM flashcastr_users WHERE fid = 101").query(Integer.class).single())
			.isOne();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM flash_identifications WHERE source_ipfs_cid = 'x'")
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void setUserAutoCastSwitchesTheFlag() {
		this.authorized.document("mutation { setUserAutoCast(fid: 107, auto_cast: false) { fid username auto_cast } }")
			.execute()
			.path("setUserAutoCast")
			.entity(Map.class)
			.isEqualTo(Map.of("fid", 107, "username", "GinaPlayer", "auto_cast", false));
		assertThat(
				this.jdbc.sql("SELECT auto_cast FROM flashcastr_users WHERE fid = 107").query(Boolean.class).single())
			.isFalse();
		this.authorized.document("mutation { setUserAutoCast(fid: 424242, auto_cast: true) { fid } }")
			.execute()
			.errors()
			.satisfy((errors) -> assertClassified(errors, "NOT_FOUND"));
	}

	@Test
	void deleteUserRemovesTheUserAndTheirLinks() {
		this.authorized.document("mutation { deleteUser(fid: 106) { success message } }")
			.execute()
			.path("deleteUser")
			.entity(Map.class)
			.isEqualTo(Map.of("success", true, "message", "User deleted successfully"));
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM flashcastr_users WHERE fid = 106").query(Integer.class).single())
			.isZero();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM flashcastr_flashes WHERE user_fid = 106")
			.query(Integer.class)
			.single()).isZero();
		// The flash itself stays: it belongs to the feed, not to the user.
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM flashes WHERE flash_id = 16").query(Integer.class).single())
			.isOne();
		this.authorized.document("mutation { deleteUser(fid: 106) { success message } }")
			.execute()
			.path("deleteUser")
			.entity(Map.class)
			.isEqualTo(Map.of("success", false, "message", "User not found"));
	}

	@Test
	void saveFlashIdentificationUpsertsOnTheSourceCid() {
		int first = this.authorized
			.document("mutation { saveFlashIdentification(source_ipfs_cid: \"cid-new\", matched_flash_id: \"5\", "
					+ "matched_flash_name: \"TK_0005\", similarity: 0.9, confidence: 0.8) { id matched_flash_id "
					+ "matched_flash { city } } }")
			.execute()
			.path("saveFlashIdentification.matched_flash.city")
			.entity(String.class)
			.isEqualTo("Tokyo")
			.path("saveFlashIdentification.id")
			.entity(Integer.class)
			.get();
		this.authorized
			.document("mutation { saveFlashIdentification(source_ipfs_cid: \"cid-new\", matched_flash_id: \"2\", "
					+ "similarity: 0.95, confidence: 0.9) { id matched_flash_id similarity } }")
			.execute()
			.path("saveFlashIdentification")
			.entity(Map.class)
			.isEqualTo(Map.of("id", first, "matched_flash_id", "2", "similarity", 0.95));
		this.authorized
			.document("mutation { saveFlashIdentification(source_ipfs_cid: \"cid-bad\", matched_flash_id: \"x1\", "
					+ "similarity: 0.95, confidence: 0.9) { id } }")
			.execute()
			.errors()
			.satisfy((errors) -> assertClassified(errors, "BAD_USER_INPUT"));
	}

}
