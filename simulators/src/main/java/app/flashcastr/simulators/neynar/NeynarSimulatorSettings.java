package app.flashcastr.simulators.neynar;

import java.util.Objects;

/**
 * Settings of a {@link NeynarSimulator}. Start from {@link #defaults()} and change what
 * the test needs with the {@code with*} methods.
 *
 * @param port TCP port, {@code 0} for a random free port
 * @param apiKey the only {@code x-api-key} accepted
 * @param approveAfterLookups a signer waiting for approval turns {@code approved} at its
 * n-th lookup (the first n−1 lookups see {@code pending_approval}); at least 1
 * @param approvedFid the fid approved signers get; {@code 0} assigns a new fid to each
 * signer
 */
public record NeynarSimulatorSettings(int port, String apiKey, int approveAfterLookups, int approvedFid) {

	public NeynarSimulatorSettings {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("port must be within 0..65535, got " + port);
		}
		Objects.requireNonNull(apiKey, "apiKey");
		if (apiKey.isBlank()) {
			throw new IllegalArgumentException("apiKey must not be blank");
		}
		if (approveAfterLookups < 1) {
			throw new IllegalArgumentException("approveAfterLookups must be at least 1, got " + approveAfterLookups);
		}
		if (approvedFid < 0) {
			throw new IllegalArgumentException("approvedFid must be 0 (assign) or a fid, got " + approvedFid);
		}
	}

	/**
	 * Random port, API key {@code simulated-neynar-key}, approval at the 2nd lookup, a
	 * new fid per approved signer.
	 * @return the default settings
	 */
	public static NeynarSimulatorSettings defaults() {
		return new NeynarSimulatorSettings(0, "simulated-neynar-key", 2, 0);
	}

	public NeynarSimulatorSettings withPort(int port) {
		return new NeynarSimulatorSettings(port, this.apiKey, this.approveAfterLookups, this.approvedFid);
	}

	public NeynarSimulatorSettings withApiKey(String apiKey) {
		return new NeynarSimulatorSettings(this.port, apiKey, this.approveAfterLookups, this.approvedFid);
	}

	public NeynarSimulatorSettings withApproveAfterLookups(int approveAfterLookups) {
		return new NeynarSimulatorSettings(this.port, this.apiKey, approveAfterLookups, this.approvedFid);
	}

	public NeynarSimulatorSettings withApprovedFid(int approvedFid) {
		return new NeynarSimulatorSettings(this.port, this.apiKey, this.approveAfterLookups, approvedFid);
	}

	@Override
	public String toString() {
		// Even a simulated secret stays out of logs, so nobody copies the habit.
		return "NeynarSimulatorSettings[port=" + this.port + ", approveAfterLookups=" + this.approveAfterLookups
				+ ", approvedFid=" + this.approvedFid + "]";
	}

}
