package app.flashcastr.testinfra;

import java.io.IOException;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.rabbitmq.RabbitMQContainer;
import org.testcontainers.utility.DockerImageName;

import app.flashcastr.localinfra.InfrastructureOrigin;
import app.flashcastr.localinfra.PostgresEndpoint;
import app.flashcastr.localinfra.RabbitEndpoint;

/**
 * The last resort: PostgreSQL and RabbitMQ in containers, each started at most once per
 * JVM and left to Testcontainers' reaper to remove.
 */
final class Containers {

	static final String POSTGRES_IMAGE = "postgres:17-alpine";

	/**
	 * The management image, so vhosts can be created over HTTP as with a local broker.
	 */
	static final String RABBITMQ_IMAGE = "rabbitmq:4-management-alpine";

	private Containers() {
	}

	/**
	 * Returns why Testcontainers cannot be used, or {@code null} when a Docker engine
	 * answers.
	 */
	static String dockerUnavailableReason() {
		try {
			return DockerClientFactory.instance().isDockerAvailable() ? null
					: "no Docker environment (the docker client alone is not enough: an engine must answer)";
		}
		catch (RuntimeException | LinkageError ex) {
			return "Docker check failed: " + ex.getMessage();
		}
	}

	static PostgresEndpoint postgres() {
		PostgreSQLContainer container = PostgresHolder.CONTAINER;
		String host = container.getHost();
		int port = container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT);
		return new PostgresEndpoint("postgresql://" + host + ":" + port + "/postgres", host, port,
				container.getUsername(), container.getPassword(), "postgres", InfrastructureOrigin.TESTCONTAINERS);
	}

	static RabbitEndpoint rabbit() {
		RabbitMQContainer container = RabbitHolder.CONTAINER;
		return new RabbitEndpoint(container.getHost(), container.getAmqpPort(), container.getAdminUsername(),
				container.getAdminPassword(), "/", container.getHttpPort(), InfrastructureOrigin.TESTCONTAINERS);
	}

	/** Runs {@code rabbitmqctl} inside the broker's container; returns its output. */
	static String rabbitmqctl(String... arguments) {
		String[] command = new String[arguments.length + 1];
		command[0] = "rabbitmqctl";
		System.arraycopy(arguments, 0, command, 1, arguments.length);
		String what = "rabbitmqctl " + String.join(" ", arguments);
		try {
			ExecResult result = RabbitHolder.CONTAINER.execInContainer(command);
			if (result.getExitCode() != 0) {
				throw new InfrastructureUnavailableException(
						what + " failed: " + (result.getStderr() + result.getStdout()).strip());
			}
			return result.getStdout();
		}
		catch (IOException ex) {
			throw new InfrastructureUnavailableException(what + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InfrastructureUnavailableException("Interrupted during " + what, ex);
		}
	}

	/**
	 * Started on first use, once per JVM (class initialisation is thread-safe and runs
	 * once).
	 */
	private static final class PostgresHolder {

		static final PostgreSQLContainer CONTAINER = start();

		@SuppressWarnings("resource") // Lives as long as the JVM; the reaper removes it.
		private static PostgreSQLContainer start() {
			PostgreSQLContainer container = new PostgreSQLContainer(DockerImageName.parse(POSTGRES_IMAGE))
				.withUsername("postgres")
				.withPassword("postgres");
			container.start();
			return container;
		}

	}

	private static final class RabbitHolder {

		static final RabbitMQContainer CONTAINER = start();

		@SuppressWarnings("resource") // Lives as long as the JVM; the reaper removes it.
		private static RabbitMQContainer start() {
			RabbitMQContainer container = new RabbitMQContainer(DockerImageName.parse(RABBITMQ_IMAGE));
			container.start();
			return container;
		}

	}

}
