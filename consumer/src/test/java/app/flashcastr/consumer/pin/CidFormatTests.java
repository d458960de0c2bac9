package app.flashcastr.consumer.pin;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CidFormatTests {

	@Test
	void acceptsCidV0AndBase32CidV1() {
		assertThat(CidFormat.wellFormed("QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG")).isTrue();
		assertThat(CidFormat.wellFormed("bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi")).isTrue();
		assertThat(CidFormat.wellFormed("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku")).isTrue();
	}

	@Test
	void refusesAnythingElse() {
		assertThat(CidFormat.wellFormed(null)).isFalse();
		assertThat(CidFormat.wellFormed("")).isFalse();
		assertThat(CidFormat.wellFormed("Qm")).isFalse();
		// 0 and O and l are not base58.
		assertThat(CidFormat.wellFormed("QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbd0")).isFalse();
		assertThat(CidFormat.wellFormed("QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdGG")).isFalse();
		assertThat(CidFormat.wellFormed("bafyBEIGDYRZT5SFP7UDM7HU76UH7Y26NF3EFUYLQABF3OCLGTQY55FBZDI")).isFalse();
		assertThat(CidFormat.wellFormed("<html>error</html>")).isFalse();
	}

}
