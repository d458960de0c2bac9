package app.flashcastr.testinfra;

import java.util.function.Consumer;
import java.util.function.Supplier;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Import into a {@code @SpringBootTest} to run it against real infrastructure: registers
 * {@code spring.datasource.*} and {@code spring.rabbitmq.*} (host, port, addresses,
 * username, password, virtual-host) for a fresh database and vhost per application
 * context.
 *
 * <p>
 * Both are created on first use of their properties, so a context without a datasource or
 * without RabbitMQ creates nothing, and are removed when the context closes.
 *
 * <pre class="code">
 * &#64;SpringBootTest
 * &#64;Import(RealInfrastructureConfiguration.class)
 * class PinStoreTests { ... }
 * </pre>
 *
 * @see TestInfrastructure
 */
@TestConfiguration(proxyBeanMethods = false)
public class RealInfrastructureConfiguration {

	@Bean
	DynamicPropertyRegistrar flashcastrRealInfrastructure() {
		return new PerContextInfrastructure();
	}

	/**
	 * One database and one vhost for one application context. Created early (as a
	 * registrar), it is destroyed late, after the pools that use the database and vhost.
	 */
	static final class PerContextInfrastructure implements DynamicPropertyRegistrar, DisposableBean {

		private final Once<IsolatedDatabase> database = new Once<>(TestInfrastructure::newDatabase);

		private final Once<IsolatedVhost> vhost = new Once<>(TestInfrastructure::newVhost);

		@Override
		public void accept(DynamicPropertyRegistry registry) {
			registry.add("spring.datasource.url", () -> this.database.get().jdbcUrl());
			registry.add("spring.datasource.username", () -> this.database.get().username());
			registry.add("spring.datasource.password", () -> this.database.get().password());
			registry.add("spring.rabbitmq.host", () -> this.vhost.get().host());
			registry.add("spring.rabbitmq.port", () -> this.vhost.get().port());
			// Set too, so an application default for addresses cannot point tests
			// elsewhere.
			registry.add("spring.rabbitmq.addresses", () -> this.vhost.get().host() + ":" + this.vhost.get().port());
			registry.add("spring.rabbitmq.username", () -> this.vhost.get().username());
			registry.add("spring.rabbitmq.password", () -> this.vhost.get().password());
			registry.add("spring.rabbitmq.virtual-host", () -> this.vhost.get().name());
		}

		@Override
		public void destroy() {
			this.database.ifCreated(TestInfrastructure::release);
			this.vhost.ifCreated(TestInfrastructure::release);
		}

		IsolatedDatabase database() {
			return this.database.get();
		}

		IsolatedVhost vhost() {
			return this.vhost.get();
		}

	}

	/** Creates a value on first use only. */
	private static final class Once<T> {

		private final Supplier<T> factory;

		private T value;

		Once(Supplier<T> factory) {
			this.factory = factory;
		}

		synchronized T get() {
			if (this.value == null) {
				this.value = this.factory.get();
			}
			return this.value;
		}

		synchronized void ifCreated(Consumer<T> action) {
			if (this.value != null) {
				action.accept(this.value);
			}
		}

	}

}
