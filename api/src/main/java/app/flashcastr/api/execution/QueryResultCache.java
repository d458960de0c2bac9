package app.flashcastr.api.execution;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionResult;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import io.micrometer.core.instrument.Counter;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.stereotype.Component;

import app.flashcastr.api.cache.CacheProperties;
import app.flashcastr.api.hardening.HardeningProperties;
import app.flashcastr.api.metrics.GraphQlMetrics;
import app.flashcastr.observability.metrics.ServiceMeters;

/**
 * Serves a public read query answered in the last {@code query-result-ttl} (1 s) from
 * memory, without executing it again: the front end's feed, flash and leaderboard pages
 * are the same few documents requested thousands of times a second, and executing one
 * costs a millisecond of CPU where answering from here costs a few microseconds.
 *
 * <p>
 * Only queries whose every root field is one of the read-only queries below are kept, and
 * only answers without errors; identical requests arriving while one executes share its
 * answer (one execution per key). A mutation or a completed signup poll on this instance
 * drops every kept answer, so a client sees its own change at once; other replicas within
 * the TTL. Hits and misses count as {@code flashcastr_api_cache_*_total{cache_name=
 * "query_result"}}, and every answer still counts in the GraphQL request metrics.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class QueryResultCache implements WebGraphQlInterceptor {

	/**
	 * Root fields that only read: {@code pollSignupStatus} stores users, so it is not.
	 */
	static final Set<String> READ_ONLY_QUERIES = Set.of("users", "flashes", "globalFlashes", "globalFlash", "flash",
			"flashesSummary", "allFlashesPlayers", "getAllCities", "getTrendingCities", "getLeaderboard", "progress",
			"flashIdentifications", "flashIdentification", "unifiedFlash", "unifiedFlashes");

	private static final String CACHE_NAME = "query_result";

	/** Distinct documents classified; as many as the preparsed-document cache keeps. */
	private static final int MAX_DOCUMENTS = 1_000;

	private final boolean enabled;

	private final Cache<String, Operation> operations;

	private final ConcurrentMap<Key, Answer> answers;

	private final long refreshAfterNanos;

	private final ParserOptions parserOptions;

	private final GraphQlMetrics metrics;

	private final Counter hits;

	private final Counter misses;

	QueryResultCache(CacheProperties caches, HardeningProperties hardening, GraphQlMetrics metrics,
			ServiceMeters meters) {
		this.enabled = caches.queryResultTtl().isPositive();
		this.operations = Caffeine.newBuilder().maximumSize(MAX_DOCUMENTS).build();
		this.answers = Caffeine.newBuilder()
			.expireAfterWrite(this.enabled ? caches.queryResultTtl() : Duration.ofMillis(1))
			.maximumSize(caches.maximumSize())
			.<Key, Answer>build()
			.asMap();
		this.refreshAfterNanos = caches.queryResultTtl().toNanos() / 2;
		this.parserOptions = hardening.parserOptions();
		this.metrics = metrics;
		this.hits = meters.counter("cache_hits", "Cache hits", "cache_name", CACHE_NAME);
		this.misses = meters.counter("cache_misses", "Cache misses", "cache_name", CACHE_NAME);
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		String document = request.getDocument();
		if (!this.enabled || document == null) {
			return chain.next(request);
		}
		Operation operation = this.operations.get(document, this::classify);
		Definition requested = operation.named(request.getOperationName());
		if (requested == null || !requested.cacheable()) {
			if (requested == null || !requested.changesData()) {
				return chain.next(request);
			}
			return chain.next(request).doOnNext((response) -> {
				if (response.getErrors().isEmpty()) {
					this.answers.clear();
				}
			});
		}
		Key key = new Key(document, request.getOperationName(), request.getVariables());
		Answer mine = new Answer(System.nanoTime());
		Answer existing = this.answers.putIfAbsent(key, mine);
		if (existing == null) {
			this.misses.increment();
			return execute(request, chain, key, mine, null);
		}
		long start = System.nanoTime();
		if (existing.isDone() && start - existing.loadedAt >= this.refreshAfterNanos && existing.claimRefresh()) {
			// Half-way through its life, one caller executes again while the others are
			// still answered at once: no caller waits for an expiry.
			this.misses.increment();
			return execute(request, chain, key, new Answer(start), existing);
		}
		this.hits.increment();
		return Mono.fromFuture(existing.result, true).map((result) -> {
			this.metrics.record(requested.type(), requested.name(), Duration.ofNanos(System.nanoTime() - start),
					!result.getErrors().isEmpty());
			return new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), result));
		});
	}

	/**
	 * Executes the request and keeps its answer under the key if it is clean; callers
	 * already waiting for {@code mine} get the answer either way.
	 * @param replaced the kept answer this one refreshes, or null on a miss
	 */
	private Mono<WebGraphQlResponse> execute(WebGraphQlRequest request, Chain chain, Key key, Answer mine,
			Answer replaced) {
		return chain.next(request).doOnNext((response) -> {
			ExecutionResult result = response.getExecutionResult();
			boolean clean = result.getErrors().isEmpty() && response.getResponseHeaders().isEmpty();
			mine.result.complete(result);
			if (replaced == null && !clean) {
				this.answers.remove(key, mine);
			}
			else if (replaced != null && clean) {
				this.answers.replace(key, replaced, mine);
			}
		}).doOnError((failure) -> {
			mine.result.completeExceptionally(failure);
			if (replaced == null) {
				this.answers.remove(key, mine);
			}
		}).doOnCancel(() -> {
			mine.result.cancel(false);
			if (replaced == null) {
				this.answers.remove(key, mine);
			}
		});
	}

	private Operation classify(String document) {
		try {
			Document parsed = Parser.parse(ParserEnvironment.newParserEnvironment()
				.document(document)
				.parserOptions(this.parserOptions)
				.build());
			List<OperationDefinition> definitions = parsed.getDefinitionsOfType(OperationDefinition.class);
			return new Operation(definitions.stream().map(QueryResultCache::describe).toList());
		}
		catch (RuntimeException ex) {
			// Unparsable: executed as sent, so graphql-java reports the syntax error.
			return new Operation(List.of());
		}
	}

	private static Definition describe(OperationDefinition definition) {
		String type = definition.getOperation().name().toLowerCase(Locale.ROOT);
		boolean query = definition.getOperation() == OperationDefinition.Operation.QUERY;
		boolean readOnly = query;
		boolean signupPoll = false;
		for (Selection<?> selection : definition.getSelectionSet().getSelections()) {
			if (!(selection instanceof Field field)) {
				// Fragments at the root: not worth resolving here, so not cached.
				readOnly = false;
				continue;
			}
			if ("pollSignupStatus".equals(field.getName())) {
				signupPoll = true;
			}
			if (!"__typename".equals(field.getName()) && !READ_ONLY_QUERIES.contains(field.getName())) {
				readOnly = false;
			}
		}
		boolean changesData = !query || signupPoll;
		return new Definition(definition.getName(), type, readOnly, changesData);
	}

	/** One kept or executing answer. */
	private static final class Answer {

		private final CompletableFuture<ExecutionResult> result = new CompletableFuture<>();

		private final long loadedAt;

		private final AtomicBoolean refreshing = new AtomicBoolean();

		Answer(long loadedAt) {
			this.loadedAt = loadedAt;
		}

		boolean isDone() {
			return this.result.isDone() && !this.result.isCompletedExceptionally();
		}

		/** True for the one caller that refreshes this answer. */
		boolean claimRefresh() {
			return this.refreshing.compareAndSet(false, true);
		}

	}

	/** What one request asks for: document, chosen operation and variables. */
	private record Key(String document, String operationName, Map<String, Object> variables) {
	}

	/** The operations of one document. */
	private record Operation(List<Definition> definitions) {

		/** The operation a request with this operation name runs, or null if unclear. */
		Definition named(String operationName) {
			if (operationName == null || operationName.isEmpty()) {
				return (this.definitions.size() == 1) ? this.definitions.get(0) : null;
			}
			for (Definition definition : this.definitions) {
				if (operationName.equals(definition.name())) {
					return definition;
				}
			}
			return null;
		}

	}

	/**
	 * One operation of a document.
	 *
	 * @param name its name, or null
	 * @param type query, mutation or subscription
	 * @param cacheable whether every root field only reads
	 * @param changesData whether running it may change what queries answer
	 */
	private record Definition(String name, String type, boolean cacheable, boolean changesData) {
	}

}
