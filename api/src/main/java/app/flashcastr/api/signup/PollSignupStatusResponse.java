package app.flashcastr.api.signup;

/**
 * GraphQL {@code PollSignupStatusResponse}.
 *
 * @param status {@code APPROVED_FINALIZED}, {@code PENDING_APPROVAL}, {@code REVOKED},
 * {@code NEYNAR_STATUS_<UPPER>}, {@code ERROR_NEYNAR_LOOKUP} or
 * {@code ERROR_FINALIZATION}
 * @param fid the user's fid once finalized
 * @param user the stored user once finalized
 * @param message what went wrong, for the error statuses
 */
public record PollSignupStatusResponse(String status, Integer fid, SignedUpUser user, String message) {

	static PollSignupStatusResponse of(String status) {
		return new PollSignupStatusResponse(status, null, null, null);
	}

	static PollSignupStatusResponse failed(String status, String message) {
		return new PollSignupStatusResponse(status, null, null, message);
	}

}
