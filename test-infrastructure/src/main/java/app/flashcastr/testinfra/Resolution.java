package app.flashcastr.testinfra;

/**
 * The outcome of resolving a server once per JVM: the endpoint, or why none was found.
 */
record Resolution<T>(T endpoint, String failure) {

	static <T> Resolution<T> found(T endpoint) {
		return new Resolution<>(endpoint, null);
	}

	static <T> Resolution<T> failed(String failure) {
		return new Resolution<>(null, failure);
	}

	T get() {
		if (this.endpoint == null) {
			throw new InfrastructureUnavailableException(this.failure);
		}
		return this.endpoint;
	}

}
