package app.flashcastr.api.signup;

/**
 * GraphQL {@code InitiateSignupResponse}. Component names are the GraphQL field names
 * (snake case, as upstream), so the default property fetcher serves them.
 *
 * @param signer_uuid the new signer, kept by the client for polling
 * @param public_key the signer's public key
 * @param status Neynar's signer status, usually {@code pending_approval}
 * @param signer_approval_url the Warpcast deep link the user opens to approve
 * @param fid the user's fid if Neynar already knows it, else null
 */
public record InitiateSignupResponse(String signer_uuid, String public_key, String status, String signer_approval_url,
		Integer fid) {

}
