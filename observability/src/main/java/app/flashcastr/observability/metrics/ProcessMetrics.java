package app.flashcastr.observability.metrics;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.RuntimeMXBean;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The process gauges every service exports under its own prefix:
 * {@code <prefix>_uptime_seconds} and
 * {@code <prefix>_memory_bytes{type=heap_used|heap_total|rss|external}} (the upstream
 * Node services' names, kept so dashboards and the HighMemory alert read the same series
 * for all three services).
 */
public final class ProcessMetrics implements MeterBinder {

	/**
	 * Buffer pools that hold memory outside the heap: NIO direct buffers and
	 * memory-mapped files.
	 */
	private static final Set<String> EXTERNAL_POOLS = Set.of("direct", "mapped");

	private final String prefix;

	/** Read once: a container's limit does not change while it runs. */
	private final OptionalLong memoryLimit = ContainerMemoryLimit.read();

	private final RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();

	private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

	private final List<BufferPoolMXBean> bufferPools = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)
		.stream()
		.filter((pool) -> EXTERNAL_POOLS.contains(pool.getName()))
		.toList();

	private final ResidentSetSize residentSetSize = new ResidentSetSize();

	/**
	 * @param prefix the service's Prometheus prefix
	 */
	public ProcessMetrics(String prefix) {
		this.prefix = prefix;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		ServiceMeters meters = new ServiceMeters(this.prefix, registry);
		meters.gauge("uptime_seconds", "Process uptime", this, ProcessMetrics::uptimeSeconds);
		String description = "Process memory: JVM heap used/committed, resident set size, direct and mapped buffers";
		meters.gauge("memory_bytes", description, this, ProcessMetrics::heapUsed, "type", "heap_used");
		meters.gauge("memory_bytes", description, this, ProcessMetrics::heapCommitted, "type", "heap_total");
		meters.gauge("memory_bytes", description, this, ProcessMetrics::rss, "type", "rss");
		meters.gauge("memory_bytes", description, this, ProcessMetrics::external, "type", "external");
		if (this.memoryLimit.isPresent()) {
			meters.gauge("memory_limit_bytes", "Memory limit of the container (cgroup); absent when unlimited", this,
					(metrics) -> metrics.memoryLimit.getAsLong());
		}
	}

	private double uptimeSeconds() {
		return this.runtime.getUptime() / 1000d;
	}

	private double heapUsed() {
		return this.memory.getHeapMemoryUsage().getUsed();
	}

	private double heapCommitted() {
		return this.memory.getHeapMemoryUsage().getCommitted();
	}

	private double rss() {
		return this.residentSetSize.bytes();
	}

	private double external() {
		return this.bufferPools.stream().mapToLong(BufferPoolMXBean::getMemoryUsed).filter((used) -> used > 0).sum();
	}

}
