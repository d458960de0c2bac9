package app.flashcastr.api.flash;

import java.util.List;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

import app.flashcastr.api.cache.CacheProperties;
import app.flashcastr.api.cache.CountedCache;
import app.flashcastr.api.paging.Paging;
import app.flashcastr.observability.metrics.ServiceMeters;

/**
 * Queries {@code flashes}, {@code globalFlashes}, {@code globalFlash}, {@code flash},
 * {@code flashesSummary}, {@code allFlashesPlayers} and {@code getAllCities}.
 * {@code FlashcastrFlash.flash} is a plain property: every link is read with its flash,
 * so no DataLoader is dispatched for it.
 */
@Controller
class FlashController {

	private final FlashRepository flashes;

	private final Paging paging;

	private final CountedCache<String, List<String>> allCities;

	private final CountedCache<GlobalFlashesKey, List<Flash>> globalFlashes;

	private final CountedCache<Long, Flash> globalFlash;

	private final boolean recentCached;

	FlashController(FlashRepository flashes, Paging paging, CacheProperties caches, ServiceMeters meters) {
		this.flashes = flashes;
		this.paging = paging;
		// Every city is a scan of every flash (upstream's memory incident): served from
		// cache.
		this.allCities = new CountedCache<>("all_cities", caches.allCitiesTtl(), 1, meters);
		// The front page and single flashes are most of the traffic and change only when
		// a flash arrives or is pinned: a 500 ms cache turns thousands of identical SQL
		// round trips a second into one (measured in bench/, issue 4; without it
		// globalFlashes halved, docs/benchmarks.md "Session 17").
		this.recentCached = caches.recentFlashesTtl().isPositive();
		this.globalFlashes = new CountedCache<>("global_flashes", caches.recentFlashesTtl(), caches.maximumSize(),
				meters);
		this.globalFlash = new CountedCache<>("global_flash", caches.recentFlashesTtl(), 10 * caches.maximumSize(),
				meters);
	}

	@QueryMapping
	List<FlashcastrFlash> flashes(@Argument Integer page, @Argument Integer limit, @Argument Integer fid,
			@Argument String username, @Argument String city) {
		return this.flashes.links(fid, username, city, this.paging.page(page, limit));
	}

	@QueryMapping
	List<Flash> globalFlashes(@Argument Integer page, @Argument Integer limit, @Argument String city,
			@Argument String player) {
		Paging.Page window = this.paging.page(page, limit);
		if (!this.recentCached) {
			return this.flashes.flashes(city, player, window);
		}
		return this.globalFlashes.get(new GlobalFlashesKey(city, player, window),
				(key) -> List.copyOf(this.flashes.flashes(key.city(), key.player(), key.page())));
	}

	@QueryMapping
	Flash globalFlash(@Argument("flash_id") String flashId) {
		long id = FlashRows.parseFlashId(flashId, "flash_id");
		if (!this.recentCached) {
			return this.flashes.flash(id).orElse(null);
		}
		// An unknown id loads null, which Caffeine never keeps: misses are not cached.
		return this.globalFlash.get(id, (key) -> this.flashes.flash(key).orElse(null));
	}

	@QueryMapping
	FlashcastrFlash flash(@Argument int id) {
		return this.flashes.link(id).orElse(null);
	}

	@QueryMapping
	FlashesSummary flashesSummary(@Argument int fid) {
		return this.flashes.summary(fid);
	}

	@QueryMapping
	List<String> allFlashesPlayers(@Argument String username) {
		// Upstream answers [] without a name: the query checks that a player exists.
		return FlashRepository.hasText(username) ? this.flashes.players(username) : List.of();
	}

	@QueryMapping
	List<String> getAllCities() {
		return this.allCities.get("all", (key) -> List.copyOf(this.flashes.cities()));
	}

	/** Every argument a {@code globalFlashes} page depends on. */
	private record GlobalFlashesKey(String city, String player, Paging.Page page) {
	}

}
