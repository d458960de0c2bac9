package app.flashcastr.producer;

import java.util.random.RandomGenerator;

/**
 * Randomness under test control: {@link #nextDouble()} returns the value set (default
 * 0.99: no random skip).
 */
public final class ScriptedRandom implements RandomGenerator {

	private volatile double next = 0.99;

	public void set(double next) {
		this.next = next;
	}

	@Override
	public double nextDouble() {
		return this.next;
	}

	@Override
	public long nextLong() {
		return (long) (this.next * Long.MAX_VALUE);
	}

}
