package app.flashcastr.devstack.service;

import java.net.URI;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One child JVM of the devstack.
 *
 * @param name short name, used as the output prefix ({@code [producer] ...})
 * @param jar the executable jar
 * @param port the port it must get (checked free before anything starts)
 * @param environment its own variables, added to the inherited environment
 * @param usesInfrastructure whether it also gets {@link InfrastructureEnvironment}
 * @param readinessUrl answers 200 once the service is ready
 * @param jvmOptions options before {@code -jar}
 * @param links what to print once it is ready: label to URL, in order
 */
public record ServiceSpec(String name, Path jar, int port, Map<String, String> environment, boolean usesInfrastructure,
		URI readinessUrl, List<String> jvmOptions, Map<String, String> links) {

	public ServiceSpec {
		environment = Map.copyOf(environment);
		jvmOptions = List.copyOf(jvmOptions);
		links = Collections.unmodifiableMap(new LinkedHashMap<>(links));
	}

	/**
	 * The service this JVM is a replica of.
	 * @return {@code consumer} for {@code consumer-2} (and for {@code consumer})
	 */
	public String service() {
		return this.name.replaceFirst("-\\d+$", "");
	}

	/**
	 * This service with one more variable of its own.
	 * @param name the variable
	 * @param value its value
	 * @return a copy with the variable set
	 */
	public ServiceSpec withEnvironment(String name, String value) {
		Map<String, String> variables = new HashMap<>(this.environment);
		variables.put(name, value);
		return new ServiceSpec(this.name, this.jar, this.port, variables, this.usesInfrastructure, this.readinessUrl,
				this.jvmOptions, this.links);
	}

	/**
	 * The variables this service is started with, on top of the inherited ones.
	 * @param infrastructure where PostgreSQL and the broker are
	 * @return the infrastructure variables (if used) overridden by the service's own
	 */
	public Map<String, String> processEnvironment(Map<String, String> infrastructure) {
		Map<String, String> variables = new HashMap<>();
		if (this.usesInfrastructure) {
			variables.putAll(infrastructure);
		}
		variables.putAll(this.environment);
		return variables;
	}

}
