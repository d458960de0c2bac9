package app.flashcastr.api.neynar;

/**
 * A Neynar managed signer.
 *
 * @param signerUuid Neynar's id of the signer (a secret of the user: stored encrypted)
 * @param publicKey the signer's ed25519 public key, {@code 0x} and 64 hex digits
 * @param status {@code generated}, {@code pending_approval}, {@code approved} or
 * {@code revoked}
 * @param signerApprovalUrl the Warpcast deep link the user opens to approve, or null
 * @param fid the user's fid once approved, else null
 */
public record NeynarSigner(String signerUuid, String publicKey, String status, String signerApprovalUrl, Integer fid) {

	@Override
	public String toString() {
		return "NeynarSigner[status=" + this.status + ", fid=" + this.fid + "]";
	}

}
