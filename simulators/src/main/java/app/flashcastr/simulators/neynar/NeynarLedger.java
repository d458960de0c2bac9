package app.flashcastr.simulators.neynar;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What the simulated Neynar knows: users (fid, username, pfp, custody address), app
 * accounts, managed signers and published casts. One lock: the simulator is small.
 */
final class NeynarLedger {

	/** First fid handed out to approved signers when none is configured. */
	static final int FIRST_ASSIGNED_FID = 500_000;

	private static final HexFormat HEX = HexFormat.of();

	private final SecureRandom random = new SecureRandom();

	private final Map<Integer, User> users = new HashMap<>();

	private final Map<String, Integer> fidsByCustody = new HashMap<>();

	private final Map<Integer, String> apps = new HashMap<>();

	private final Map<String, Signer> signers = new LinkedHashMap<>();

	private final Map<String, SimulatedCast> castsByIdem = new HashMap<>();

	private final Map<String, Integer> acceptedByIdem = new HashMap<>();

	private final List<SimulatedCast> casts = new ArrayList<>();

	private int approveAfterLookups;

	private int approvedFid;

	private int nextFid = FIRST_ASSIGNED_FID;

	private int requests;

	NeynarLedger(int approveAfterLookups, int approvedFid) {
		this.approveAfterLookups = approveAfterLookups;
		this.approvedFid = approvedFid;
	}

	synchronized void requestArrived() {
		this.requests++;
	}

	synchronized int requests() {
		return this.requests;
	}

	synchronized void approveAfterLookups(int lookups) {
		if (lookups < 1) {
			throw new IllegalArgumentException("lookups must be at least 1, got " + lookups);
		}
		this.approveAfterLookups = lookups;
	}

	synchronized int approveAfterLookups() {
		return this.approveAfterLookups;
	}

	synchronized void approvedFid(int fid) {
		if (fid < 0) {
			throw new IllegalArgumentException("fid must be 0 (assign) or a fid, got " + fid);
		}
		this.approvedFid = fid;
	}

	synchronized int approvedFid() {
		return this.approvedFid;
	}

	synchronized User registerUser(int fid, String username, String pfpUrl) {
		checkFid(fid);
		if (username == null || username.isBlank()) {
			throw new IllegalArgumentException("username must not be blank");
		}
		User previous = this.users.get(fid);
		String custody = (previous != null) ? previous.custodyAddress() : derivedCustody(fid);
		User user = new User(fid, username, pfpUrl, custody);
		this.users.put(fid, user);
		this.fidsByCustody.put(custody, fid);
		return user;
	}

	synchronized void registerApp(int appFid, String custodyAddress) {
		checkFid(appFid);
		String custody = custody(custodyAddress);
		User previous = this.users.get(appFid);
		if (previous != null) {
			this.fidsByCustody.remove(previous.custodyAddress());
		}
		String username = (previous != null) ? previous.username() : "app-" + appFid;
		String pfp = (previous != null) ? previous.pfpUrl() : null;
		this.users.put(appFid, new User(appFid, username, pfp, custody));
		this.fidsByCustody.put(custody, appFid);
		this.apps.put(appFid, custody);
	}

	synchronized Optional<String> appCustody(int appFid) {
		return Optional.ofNullable(this.apps.get(appFid));
	}

	synchronized List<User> users(List<Integer> fids) {
		return fids.stream().map(this.users::get).filter((user) -> user != null).toList();
	}

	synchronized Optional<User> userByCustody(String address) {
		Integer fid = this.fidsByCustody.get(address.toLowerCase());
		return Optional.ofNullable((fid != null) ? this.users.get(fid) : null);
	}

	synchronized Signer createSigner() {
		byte[] publicKey = new byte[32];
		this.random.nextBytes(publicKey);
		Signer signer = new Signer(UUID.randomUUID().toString(), "0x" + HEX.formatHex(publicKey));
		this.signers.put(signer.uuid, signer);
		return signer;
	}

	/** A signer the user approved long ago, e.g. a seeded demo user's. */
	synchronized Signer addApprovedSigner(String uuid, int fid, String username) {
		byte[] publicKey = new byte[32];
		this.random.nextBytes(publicKey);
		Signer signer = new Signer(uuid, "0x" + HEX.formatHex(publicKey));
		signer.status = "approved";
		signer.fid = fid;
		this.signers.put(uuid, signer);
		if (!this.users.containsKey(fid)) {
			registerUser(fid, username, "https://i.imgur.com/simulated-" + fid + ".png");
		}
		return signer.copy();
	}

	synchronized Optional<Signer> signer(String uuid) {
		return Optional.ofNullable(this.signers.get(uuid)).map(Signer::copy);
	}

	/**
	 * Records a valid signed key request: the signer now waits for the user's approval.
	 */
	synchronized Signer registerSignedKey(String uuid, int appFid) {
		Signer signer = this.signers.get(uuid);
		if (!signer.status.equals("approved") && !signer.status.equals("revoked")) {
			signer.status = "pending_approval";
			signer.appFid = appFid;
			signer.approvalToken = "0x" + HEX.formatHex(randomBytes(12));
		}
		return signer.copy();
	}

	/** A lookup: a pending signer is approved at its n-th lookup. */
	synchronized Optional<Signer> lookUp(String uuid) {
		Signer signer = this.signers.get(uuid);
		if (signer == null) {
			return Optional.empty();
		}
		if (signer.status.equals("pending_approval")) {
			signer.lookups++;
			if (signer.lookups >= this.approveAfterLookups) {
				approve(signer);
			}
		}
		return Optional.of(signer.copy());
	}

	synchronized void revoke(String uuid) {
		Signer signer = this.signers.get(uuid);
		if (signer == null) {
			throw new IllegalArgumentException("unknown signer " + uuid);
		}
		signer.status = "revoked";
	}

	synchronized Map<String, Long> signersByStatus() {
		Map<String, Long> counts = new LinkedHashMap<>();
		this.signers.values().forEach((signer) -> counts.merge(signer.status, 1L, Long::sum));
		return counts;
	}

	/**
	 * Publishes a cast, or returns the cast already published with the same idempotency
	 * key.
	 */
	synchronized SimulatedCast publish(Signer signer, String text, List<String> embeds, String channelId, String idem) {
		if (idem != null) {
			SimulatedCast existing = this.castsByIdem.get(idem);
			this.acceptedByIdem.merge(idem, 1, Integer::sum);
			if (existing != null) {
				return existing;
			}
		}
		String hash = "0x" + HEX.formatHex(
				sha256(signer.fid + "|" + text + "|" + this.casts.size() + "|" + HEX.formatHex(randomBytes(8))), 0, 20);
		SimulatedCast cast = new SimulatedCast(hash, signer.fid, signer.uuid, text, List.copyOf(embeds), channelId,
				idem);
		this.casts.add(cast);
		if (idem != null) {
			this.castsByIdem.put(idem, cast);
		}
		return cast;
	}

	synchronized int acceptedFor(String idem) {
		return this.acceptedByIdem.getOrDefault(idem, 0);
	}

	synchronized List<SimulatedCast> casts() {
		return List.copyOf(this.casts);
	}

	synchronized Optional<User> user(int fid) {
		return Optional.ofNullable(this.users.get(fid));
	}

	private void approve(Signer signer) {
		int fid = (this.approvedFid > 0) ? this.approvedFid : nextFreeFid();
		signer.status = "approved";
		signer.fid = fid;
		if (!this.users.containsKey(fid)) {
			registerUser(fid, "farcaster-" + fid, "https://i.imgur.com/simulated-" + fid + ".png");
		}
	}

	private int nextFreeFid() {
		while (this.users.containsKey(this.nextFid)) {
			this.nextFid++;
		}
		return this.nextFid++;
	}

	private byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		this.random.nextBytes(bytes);
		return bytes;
	}

	static String custody(String address) {
		if (address == null || !address.matches("0x[0-9a-fA-F]{40}")) {
			throw new IllegalArgumentException("custody address must be 0x and 40 hex digits");
		}
		return address.toLowerCase();
	}

	/** A stable, well-formed custody address for a user registered without one. */
	private static String derivedCustody(int fid) {
		return "0x" + HEX.formatHex(sha256("custody|" + fid), 0, 20);
	}

	private static void checkFid(int fid) {
		if (fid < 1) {
			throw new IllegalArgumentException("fid must be positive, got " + fid);
		}
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	record User(int fid, String username, String pfpUrl, String custodyAddress) {

	}

	/** A managed signer; mutable under the ledger's lock, handed out as copies. */
	static final class Signer {

		final String uuid;

		final String publicKey;

		String status = "generated";

		int fid;

		int appFid;

		int lookups;

		String approvalToken;

		Signer(String uuid, String publicKey) {
			this.uuid = uuid;
			this.publicKey = publicKey;
		}

		Signer copy() {
			Signer copy = new Signer(this.uuid, this.publicKey);
			copy.status = this.status;
			copy.fid = this.fid;
			copy.appFid = this.appFid;
			copy.lookups = this.lookups;
			copy.approvalToken = this.approvalToken;
			return copy;
		}

		Map<String, Object> toJson() {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("object", "signer");
			json.put("signer_uuid", this.uuid);
			json.put("public_key", this.publicKey);
			json.put("status", this.status);
			if (this.approvalToken != null) {
				json.put("signer_approval_url",
						"https://client.warpcast.com/deeplinks/signed-key-request?token=" + this.approvalToken);
			}
			if (this.fid > 0) {
				json.put("fid", this.fid);
			}
			return json;
		}

	}

}
