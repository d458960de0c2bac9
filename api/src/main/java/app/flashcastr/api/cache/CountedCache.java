package app.flashcastr.api.cache;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;

import app.flashcastr.observability.metrics.ServiceMeters;

/**
 * A Caffeine cache of query results that loads each key once, even under concurrency: the
 * first caller loads on its own thread while later callers wait for the same future.
 * Counts {@code flashcastr_api_cache_hits_total{cache_name}} and
 * {@code _cache_misses_total{cache_name}} (a caller that waited for another's load is a
 * hit). A failed load is not cached.
 *
 * @param <K> key type: every argument the result depends on
 * @param <V> cached value
 */
public final class CountedCache<K, V> {

	private final AsyncCache<K, V> cache;

	private final Counter hits;

	private final Counter misses;

	/**
	 * @param name the {@code cache_name} label, e.g. {@code leaderboard}
	 * @param ttl how long a loaded value is served
	 * @param maximumSize most keys kept
	 * @param meters where the hit/miss counters are registered
	 */
	public CountedCache(String name, Duration ttl, long maximumSize, ServiceMeters meters) {
		this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maximumSize).buildAsync();
		this.hits = meters.counter("cache_hits", "Cache hits", "cache_name", name);
		this.misses = meters.counter("cache_misses", "Cache misses", "cache_name", name);
	}

	/**
	 * The cached value of the key, loaded by {@code loader} on this thread if absent.
	 * @param key every argument the value depends on
	 * @param loader computes the value
	 * @return the value
	 */
	public V get(K key, Function<K, V> loader) {
		CompletableFuture<V> mine = new CompletableFuture<>();
		CompletableFuture<V> existing = this.cache.asMap().putIfAbsent(key, mine);
		if (existing != null) {
			this.hits.increment();
			return join(existing);
		}
		this.misses.increment();
		try {
			V value = loader.apply(key);
			mine.complete(value);
			return value;
		}
		catch (RuntimeException | Error ex) {
			// Waiting callers see the failure; the next caller loads again.
			this.cache.asMap().remove(key, mine);
			mine.completeExceptionally(ex);
			throw ex;
		}
	}

	/** Drops every cached value. */
	public void invalidateAll() {
		this.cache.synchronous().invalidateAll();
	}

	/**
	 * The value of a load shared through a future, its own runtime exception rethrown
	 * unwrapped.
	 * @param future a load's future
	 * @return its value
	 */
	public static <V> V join(CompletableFuture<V> future) {
		try {
			return future.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw ex;
		}
	}

}
