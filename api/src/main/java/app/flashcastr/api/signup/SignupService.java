package app.flashcastr.api.signup;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import io.micrometer.core.instrument.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

import app.flashcastr.api.errors.ApiErrorType;
import app.flashcastr.api.errors.ApiException;
import app.flashcastr.api.neynar.NeynarClient;
import app.flashcastr.api.neynar.NeynarSigner;
import app.flashcastr.api.neynar.NeynarUser;
import app.flashcastr.neynar.NeynarException;
import app.flashcastr.neynar.SignerCipher;
import app.flashcastr.observability.logging.Causes;
import app.flashcastr.observability.metrics.ServiceMeters;

/**
 * The signup flow of upstream §6.4: {@link #initiate} creates a Neynar signer and
 * registers the app's signed key request; {@link #poll} maps the signer's status and,
 * once approved, stores the user with the signer encrypted and links the player's
 * flashes.
 */
@Service
public class SignupService {

	static final String NOT_CONFIGURED = "signup is not configured";

	private static final int MAX_USERNAME = 100;

	private static final Logger logger = LoggerFactory.getLogger(SignupService.class);

	private final SignupProperties properties;

	private final NeynarClient neynar;

	private final SignupRepository repository;

	private final Clock clock;

	private final AppAccount account;

	private final SignerCipher cipher;

	/** The app's fid never changes: looked up once, on first success. */
	private final AtomicReference<Integer> appFid = new AtomicReference<>();

	private final Counter initiated;

	private final Counter completed;

	SignupService(SignupProperties properties, NeynarClient neynar, SignupRepository repository, ServiceMeters meters,
			ObjectProvider<Clock> clock) {
		this.properties = properties;
		this.neynar = neynar;
		this.repository = repository;
		this.clock = clock.getIfAvailable(Clock::systemUTC);
		this.account = configured("FARCASTER_DEVELOPER_MNEMONIC", properties.developerMnemonic(),
				AppAccount::fromMnemonic);
		this.cipher = configured("SIGNER_ENCRYPTION_KEY", properties.signerEncryptionKey(), SignerCipher::new);
		this.initiated = meters.counter("signups_initiated", "Signups started (signer created and signed key sent)");
		this.completed = meters.counter("signups_completed", "Signups completed (user stored after approval)");
	}

	/**
	 * Starts a signup: a new Neynar signer and the app's signed key request for it.
	 * @param username the Flash Invaders player name
	 * @return the signer and the approval URL the user opens
	 */
	public InitiateSignupResponse initiate(String username) {
		requirePlayerName(username);
		requireConfigured();
		try {
			NeynarSigner signer = this.neynar.createSigner();
			int fid = appFid();
			long deadline = this.clock.instant().plus(this.properties.signatureValidity()).getEpochSecond();
			String signature = this.account.signKeyRequest(fid, signer.publicKey(), deadline);
			NeynarSigner registered = this.neynar.registerSignedKey(signer.signerUuid(), fid, deadline, signature);
			this.initiated.increment();
			return new InitiateSignupResponse(registered.signerUuid(),
					(registered.publicKey() != null) ? registered.publicKey() : signer.publicKey(), registered.status(),
					registered.signerApprovalUrl(), registered.fid());
		}
		catch (NeynarException ex) {
			logger.warn("Signup could not start: {}", ex.getMessage());
			throw new ApiException(ApiErrorType.INTERNAL, "Neynar is unavailable: signup could not start, try again");
		}
	}

	/**
	 * Looks the signer up and, once approved, completes the signup (idempotent).
	 * @param signerUuid the signer from {@link #initiate}
	 * @param username the Flash Invaders player name
	 * @return the status, with the user once completed
	 */
	public PollSignupStatusResponse poll(String signerUuid, String username) {
		String playerName = requirePlayerName(username);
		if (signerUuid == null || signerUuid.isBlank()) {
			throw new ApiException(ApiErrorType.BAD_USER_INPUT, "signer_uuid is required");
		}
		requireConfigured();
		NeynarSigner signer;
		try {
			signer = this.neynar.lookupSigner(signerUuid.trim());
		}
		catch (NeynarException ex) {
			logger.warn("Signup poll could not look up the signer: {}", ex.getMessage());
			return PollSignupStatusResponse.failed("ERROR_NEYNAR_LOOKUP", "Could not look up the signer at Neynar");
		}
		String status = signer.status().toLowerCase(Locale.ROOT);
		if (status.equals("approved") && signer.fid() != null) {
			return finalizeSignup(signer, playerName);
		}
		return switch (status) {
			case "pending_approval" -> PollSignupStatusResponse.of("PENDING_APPROVAL");
			case "revoked" -> PollSignupStatusResponse.of("REVOKED");
			default -> PollSignupStatusResponse.of("NEYNAR_STATUS_" + status.toUpperCase(Locale.ROOT));
		};
	}

	private PollSignupStatusResponse finalizeSignup(NeynarSigner signer, String playerName) {
		int fid = signer.fid();
		try {
			Optional<NeynarUser> profile = this.neynar.bulkUsers(List.of(fid))
				.stream()
				.filter((user) -> user.fid() == fid)
				.findFirst();
			SignupRepository.Completion completion = this.repository
				.complete(new SignupRepository.NewUser(fid, playerName, this.cipher.encrypt(signer.signerUuid()),
						profile.map(NeynarUser::username).orElse(null), profile.map(NeynarUser::pfpUrl).orElse(null)),
						this.properties.backlinkCap());
			if (completion.newlyActive()) {
				this.completed.increment();
				logger.info("Signup completed: fid {} as player {}, {} flashes linked", fid, playerName,
						completion.linked());
			}
			return new PollSignupStatusResponse("APPROVED_FINALIZED", fid, new SignedUpUser(fid, playerName, true),
					null);
		}
		catch (RuntimeException ex) {
			logger.warn("Signup of fid {} could not be finalized: {}", fid, Causes.describe(ex));
			return PollSignupStatusResponse.failed("ERROR_FINALIZATION", "Could not complete the signup, poll again");
		}
	}

	private int appFid() {
		Integer known = this.appFid.get();
		if (known != null) {
			return known;
		}
		NeynarUser app = this.neynar.userByCustodyAddress(this.account.address())
			.orElseThrow(() -> new ApiException(ApiErrorType.INTERNAL,
					NOT_CONFIGURED + ": the developer account has no Farcaster id"));
		this.appFid.set(app.fid());
		return app.fid();
	}

	private void requireConfigured() {
		if (this.account == null || this.cipher == null) {
			throw new ApiException(ApiErrorType.INTERNAL, NOT_CONFIGURED);
		}
	}

	private static String requirePlayerName(String username) {
		String name = (username != null) ? username.trim() : "";
		if (name.isEmpty() || name.equalsIgnoreCase("anonymous")) {
			throw new ApiException(ApiErrorType.BAD_USER_INPUT, "A Flash Invaders player name is required");
		}
		if (name.length() > MAX_USERNAME) {
			throw new ApiException(ApiErrorType.BAD_USER_INPUT,
					"The player name is longer than " + MAX_USERNAME + " characters");
		}
		return name;
	}

	/**
	 * Builds a secret-backed part, or null (logged once, without the value) when
	 * unusable.
	 */
	private static <T> T configured(String variable, String value, Function<String, T> factory) {
		if (value == null || value.isBlank()) {
			logger.warn("Signup is not configured: {} is not set", variable);
			return null;
		}
		try {
			return factory.apply(value);
		}
		catch (IllegalArgumentException ex) {
			logger.warn("Signup is not configured: {} is unusable ({})", variable, ex.getMessage());
			return null;
		}
	}

}
