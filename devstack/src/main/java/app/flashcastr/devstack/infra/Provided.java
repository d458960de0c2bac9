package app.flashcastr.devstack.infra;

/**
 * An endpoint handed to the services, with how to stop it (nothing to do unless
 * embedded).
 *
 * @param endpoint what the services connect to
 * @param stopper stops what the devstack started for it
 * @param <E> the endpoint type
 */
public record Provided<E>(E endpoint, AutoCloseable stopper) implements AutoCloseable {

	static <E> Provided<E> external(E endpoint) {
		return new Provided<>(endpoint, () -> {
		});
	}

	@Override
	public void close() throws Exception {
		this.stopper.close();
	}

}
