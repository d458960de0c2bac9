package app.flashcastr.api.unified;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.dataloader.DataLoader;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

import app.flashcastr.api.flash.FlashRows;
import app.flashcastr.api.paging.Paging;
import app.flashcastr.api.unified.UnifiedRepository.Extras;

/**
 * Queries {@code unifiedFlash} and {@code unifiedFlashes}. Both nested fields,
 * {@code farcaster_user} and {@code identification}, share one data loader whose batch
 * reads the link and the identification of every flash of the response in one statement,
 * so a list costs at most two.
 */
@Controller
class UnifiedController {

	static final String LOADER = "unifiedExtras";

	private final UnifiedRepository flashes;

	private final Paging paging;

	UnifiedController(UnifiedRepository flashes, Paging paging, BatchLoaderRegistry loaders) {
		this.flashes = flashes;
		this.paging = paging;
		loaders.forTypePair(String.class, Extras.class)
			.withName(LOADER)
			.registerMappedBatchLoader((flashIds, env) -> Mono.fromCallable(() -> flashes.extras(flashIds)));
	}

	@QueryMapping
	UnifiedFlash unifiedFlash(@Argument("flash_id") String flashId) {
		long id = FlashRows.parseFlashId(flashId, "flash_id");
		return this.flashes.flash(id).orElse(null);
	}

	@QueryMapping
	List<UnifiedFlash> unifiedFlashes(@Argument Integer page, @Argument Integer limit, @Argument String city,
			@Argument String player) {
		Paging.Page bounds = this.paging.page(page, limit);
		return this.flashes.flashes(city, player, bounds);
	}

	@SchemaMapping(typeName = "UnifiedFlash", field = "farcaster_user")
	CompletableFuture<FarcasterUser> farcasterUser(UnifiedFlash flash, DataLoader<String, Extras> unifiedExtras) {
		return unifiedExtras.load(flash.flash_id()).thenApply((extras) -> (extras != null) ? extras.user() : null);
	}

	@SchemaMapping(typeName = "UnifiedFlash", field = "identification")
	CompletableFuture<FlashIdentificationInfo> identification(UnifiedFlash flash,
			DataLoader<String, Extras> unifiedExtras) {
		return unifiedExtras.load(flash.flash_id())
			.thenApply((extras) -> (extras != null) ? extras.identification() : null);
	}

}
