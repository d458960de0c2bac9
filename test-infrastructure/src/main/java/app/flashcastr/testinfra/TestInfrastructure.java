package app.flashcastr.testinfra;

import app.flashcastr.localinfra.PostgresEndpoint;
import app.flashcastr.localinfra.RabbitEndpoint;

/**
 * The one place that decides where tests get PostgreSQL and RabbitMQ from, and hands out
 * isolated databases and vhosts so test runs never collide.
 *
 * <p>
 * Each server is resolved once per JVM, in this order:
 * <ol>
 * <li>URLs in the environment: {@code TEST_DATABASE_URL} ({@code jdbc:postgresql://...}
 * or {@code postgresql://user:pass@host:port/db}) and {@code TEST_RABBITMQ_URL}
 * ({@code amqp://user:pass@host:port}, management API on
 * {@code TEST_RABBITMQ_MANAGEMENT_PORT}, default 15672);</li>
 * <li>local services on the standard ports: 127.0.0.1:5432 (user {@code postgres}, trust
 * auth) and 127.0.0.1:5672 ({@code guest/guest}; vhosts made through the management API
 * on 15672 when the plugin is enabled, else with the local {@code rabbitmqctl});</li>
 * <li>Testcontainers, when a Docker engine answers (one container of each, per JVM);</li>
 * </ol>
 * otherwise an {@link InfrastructureUnavailableException} says what was tried.
 *
 * <p>
 * Databases and vhosts handed out are removed when their Spring context closes, or at JVM
 * exit; ones a killed JVM left behind are swept by the next JVM after six hours.
 *
 * @see RealInfrastructureConfiguration
 */
public final class TestInfrastructure {

	private TestInfrastructure() {
	}

	/**
	 * The PostgreSQL server tests use, with admin access.
	 * @return the resolved server
	 * @throws InfrastructureUnavailableException if no server could be found
	 */
	public static PostgresEndpoint postgres() {
		return PostgresHolder.RESOLUTION.get();
	}

	/**
	 * The RabbitMQ broker tests use.
	 * @return the resolved broker
	 * @throws InfrastructureUnavailableException if no broker could be found
	 */
	public static RabbitEndpoint rabbit() {
		return RabbitHolder.RESOLUTION.get();
	}

	/**
	 * Creates a fresh, empty database ({@code flashcastr_test_...}), dropped at JVM exit.
	 * @return the new database
	 */
	public static IsolatedDatabase newDatabase() {
		return PostgresAdmin.create(postgres());
	}

	/**
	 * Creates a fresh vhost with full permissions for the broker user, deleted at JVM
	 * exit. Falls back to the broker's default vhost (with a warning) when neither the
	 * management API nor {@code rabbitmqctl} is usable.
	 * @return the new vhost
	 */
	public static IsolatedVhost newVhost() {
		return VhostAdmin.create(rabbit());
	}

	/**
	 * As {@link #newVhost()}, for a test that cannot share the default vhost (it counts
	 * messages or queues): skipped (locally) or failed (under CI) via
	 * {@link #requireIsolatedVhosts()} where no vhost of its own can be made.
	 * @return the new vhost
	 */
	public static IsolatedVhost newIsolatedVhost() {
		requireIsolatedVhosts();
		return newVhost();
	}

	/**
	 * Skips (locally) or fails (under CI) a test that needs vhosts of its own when the
	 * broker cannot make them (neither management API nor {@code rabbitmqctl} usable),
	 * with one line naming what to run.
	 */
	public static void requireIsolatedVhosts() {
		String problem = VhostAdmin.noIsolation(rabbit());
		Prerequisites.require(problem == null, problem);
	}

	/**
	 * The local three-node RabbitMQ cluster ({@code rabbitmq/cluster.sh start}); skips
	 * the calling test (locally) or fails it (under CI) with that one line when it is not
	 * running.
	 * @return the cluster
	 */
	public static RabbitCluster cluster() {
		String problem = RabbitCluster.problem();
		Prerequisites.require(problem == null, problem);
		return RabbitCluster.local();
	}

	/** Drops a database now rather than at JVM exit (used when a test context closes). */
	public static void release(IsolatedDatabase database) {
		PostgresAdmin.release(database);
	}

	/** Deletes a vhost now rather than at JVM exit (used when a test context closes). */
	public static void release(IsolatedVhost vhost) {
		VhostAdmin.release(vhost);
	}

	/**
	 * Resolved on first use, once per JVM (class initialisation is thread-safe and runs
	 * once).
	 */
	private static final class PostgresHolder {

		static final Resolution<PostgresEndpoint> RESOLUTION = PostgresResolver.resolve(System.getenv());

	}

	private static final class RabbitHolder {

		static final Resolution<RabbitEndpoint> RESOLUTION = RabbitResolver.resolve(System.getenv());

	}

}
