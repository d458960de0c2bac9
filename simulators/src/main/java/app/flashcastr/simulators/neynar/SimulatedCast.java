package app.flashcastr.simulators.neynar;

import java.util.List;

/**
 * A cast the simulator published.
 *
 * @param hash {@code 0x} and 40 hex digits, as Farcaster cast hashes
 * @param authorFid the fid of the signer's user
 * @param signerUuid the signer it was published with
 * @param text the cast text
 * @param embedUrls the embedded URLs
 * @param channelId the channel, or null
 * @param idem the idempotency key, or null
 */
public record SimulatedCast(String hash, int authorFid, String signerUuid, String text, List<String> embedUrls,
		String channelId, String idem) {

}
