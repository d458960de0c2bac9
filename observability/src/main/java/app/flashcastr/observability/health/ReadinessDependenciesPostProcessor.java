package app.flashcastr.observability.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;

/**
 * Adds the service's own dependencies ({@code db}, {@code rabbit}, …) to the
 * {@code readiness} group, but only those the service really has: group membership is
 * asked only for contributors that exist, so naming an absent one here is harmless,
 * whereas listing it in {@code management.endpoint.health.group.readiness.include} would
 * fail startup. The {@code liveness} group is left alone: a restart never fixes an
 * outside dependency.
 */
public final class ReadinessDependenciesPostProcessor implements HealthEndpointGroupsPostProcessor {

	static final String READINESS = "readiness";

	private final Set<String> dependencies;

	/**
	 * @param dependencies health contributor names that join the readiness group when
	 * present
	 */
	public ReadinessDependenciesPostProcessor(List<String> dependencies) {
		this.dependencies = Set.copyOf(dependencies);
	}

	@Override
	public HealthEndpointGroups postProcessHealthEndpointGroups(HealthEndpointGroups groups) {
		HealthEndpointGroup readiness = groups.get(READINESS);
		if (readiness == null || this.dependencies.isEmpty()) {
			return groups;
		}
		Map<String, HealthEndpointGroup> named = new LinkedHashMap<>();
		for (String name : groups.getNames()) {
			named.put(name, groups.get(name));
		}
		named.put(READINESS, new WithDependencies(readiness, this.dependencies));
		return HealthEndpointGroups.of(groups.getPrimary(), named);
	}

	private record WithDependencies(HealthEndpointGroup delegate,
			Set<String> dependencies) implements HealthEndpointGroup {

		@Override
		public boolean isMember(String name) {
			return this.delegate.isMember(name) || this.dependencies.contains(name);
		}

		@Override
		public boolean showComponents(SecurityContext securityContext) {
			return this.delegate.showComponents(securityContext);
		}

		@Override
		public boolean showDetails(SecurityContext securityContext) {
			return this.delegate.showDetails(securityContext);
		}

		@Override
		public StatusAggregator getStatusAggregator() {
			return this.delegate.getStatusAggregator();
		}

		@Override
		public HttpCodeStatusMapper getHttpCodeStatusMapper() {
			return this.delegate.getHttpCodeStatusMapper();
		}

		@Override
		public AdditionalHealthEndpointPath getAdditionalPath() {
			return this.delegate.getAdditionalPath();
		}

	}

}
