package app.flashcastr.simulators.ipfs;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of an {@link IpfsSimulator}. Start from {@link #defaults()} and change what
 * the test needs with the {@code with*} methods.
 *
 * @param pinataPort TCP port of the Pinata API, {@code 0} for a random free port
 * @param kuboPort TCP port of the Kubo RPC API, {@code 0} for a random free port
 * @param pinataJwt the only JWT Pinata accepts ({@code Authorization: Bearer <jwt>})
 * @param latency added to every pin response of both APIs, like a real pinning service's
 * upload and hashing time (faults come on top); at most 120 s
 */
public record IpfsSimulatorSettings(int pinataPort, int kuboPort, String pinataJwt, Duration latency) {

	static final Duration MAX_LATENCY = Duration.ofSeconds(120);

	public IpfsSimulatorSettings {
		checkPort(pinataPort, "pinataPort");
		checkPort(kuboPort, "kuboPort");
		if (pinataPort != 0 && pinataPort == kuboPort) {
			throw new IllegalArgumentException("pinataPort and kuboPort must differ, both are " + pinataPort);
		}
		Objects.requireNonNull(pinataJwt, "pinataJwt");
		if (pinataJwt.isBlank()) {
			throw new IllegalArgumentException("pinataJwt must not be blank");
		}
		Objects.requireNonNull(latency, "latency");
		if (latency.isNegative() || latency.compareTo(MAX_LATENCY) > 0) {
			throw new IllegalArgumentException("latency must be within 0.." + MAX_LATENCY + ", got " + latency);
		}
	}

	/**
	 * Random ports, JWT {@code simulated-pinata-jwt}, no added latency.
	 * @return the default settings
	 */
	public static IpfsSimulatorSettings defaults() {
		return new IpfsSimulatorSettings(0, 0, "simulated-pinata-jwt", Duration.ZERO);
	}

	public IpfsSimulatorSettings withPinataPort(int pinataPort) {
		return new IpfsSimulatorSettings(pinataPort, this.kuboPort, this.pinataJwt, this.latency);
	}

	public IpfsSimulatorSettings withKuboPort(int kuboPort) {
		return new IpfsSimulatorSettings(this.pinataPort, kuboPort, this.pinataJwt, this.latency);
	}

	public IpfsSimulatorSettings withPinataJwt(String pinataJwt) {
		return new IpfsSimulatorSettings(this.pinataPort, this.kuboPort, pinataJwt, this.latency);
	}

	public IpfsSimulatorSettings withLatency(Duration latency) {
		return new IpfsSimulatorSettings(this.pinataPort, this.kuboPort, this.pinataJwt, latency);
	}

	@Override
	public String toString() {
		// Even a simulated secret stays out of logs, so nobody copies the habit.
		return "IpfsSimulatorSettings[pinataPort=" + this.pinataPort + ", kuboPort=" + this.kuboPort + ", latency="
				+ this.latency + "]";
	}

	private static void checkPort(int port, String name) {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException(name + " must be within 0..65535, got " + port);
		}
	}

}
