package app.flashcastr.api.identification;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import graphql.schema.DataFetchingEnvironment;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

import app.flashcastr.api.auth.ApiKeys;
import app.flashcastr.api.errors.ApiErrorType;
import app.flashcastr.api.errors.ApiException;
import app.flashcastr.api.flash.Flash;
import app.flashcastr.api.flash.FlashRepository;
import app.flashcastr.api.flash.FlashRows;
import app.flashcastr.api.paging.Paging;

/**
 * Queries {@code flashIdentifications} and {@code flashIdentification}, the batched
 * {@code FlashIdentification.matched_flash}, and the API-key protected mutation
 * {@code saveFlashIdentification} (public upstream).
 */
@Controller
class FlashIdentificationController {

	private final FlashIdentificationRepository identifications;

	private final FlashRepository flashes;

	private final Paging paging;

	private final ApiKeys apiKeys;

	FlashIdentificationController(FlashIdentificationRepository identifications, FlashRepository flashes, Paging paging,
			ApiKeys apiKeys) {
		this.identifications = identifications;
		this.flashes = flashes;
		this.paging = paging;
		this.apiKeys = apiKeys;
	}

	@QueryMapping
	List<FlashIdentification> flashIdentifications(@Argument("ipfs_cid") String ipfsCid,
			@Argument("matched_flash_id") String matchedFlashId, @Argument Integer limit) {
		Long matched = (matchedFlashId != null && !matchedFlashId.isBlank())
				? FlashRows.parseFlashId(matchedFlashId, "matched_flash_id") : null;
		return this.identifications.identifications(ipfsCid, matched, this.paging.clampLimit(limit, 50));
	}

	@QueryMapping
	FlashIdentification flashIdentification(@Argument int id) {
		return this.identifications.identification(id).orElse(null);
	}

	/** The matched flash when it is a row of {@code flashes}: one query per request. */
	@BatchMapping(typeName = "FlashIdentification", field = "matched_flash")
	Map<FlashIdentification, Flash> matchedFlash(List<FlashIdentification> identifications) {
		Map<Long, Flash> found = this.flashes.flashesById(identifications.stream()
			.map((identification) -> Long.valueOf(identification.matched_flash_id()))
			.toList());
		Map<FlashIdentification, Flash> result = new LinkedHashMap<>();
		for (FlashIdentification identification : identifications) {
			Flash flash = found.get(Long.valueOf(identification.matched_flash_id()));
			if (flash != null) {
				result.put(identification, flash);
			}
		}
		return result;
	}

	@MutationMapping
	FlashIdentification saveFlashIdentification(@Argument("source_ipfs_cid") String sourceIpfsCid,
			@Argument("matched_flash_id") String matchedFlashId,
			@Argument("matched_flash_name") String matchedFlashName, @Argument double similarity,
			@Argument double confidence, DataFetchingEnvironment env) {
		this.apiKeys.require(env);
		if (sourceIpfsCid.isBlank() || sourceIpfsCid.length() > 200) {
			throw new ApiException(ApiErrorType.BAD_USER_INPUT, "source_ipfs_cid must be 1 to 200 characters");
		}
		if (!Double.isFinite(similarity) || !Double.isFinite(confidence)) {
			throw new ApiException(ApiErrorType.BAD_USER_INPUT, "similarity and confidence must be finite numbers");
		}
		long matched = FlashRows.parseFlashId(matchedFlashId, "matched_flash_id");
		String name = (matchedFlashName != null && !matchedFlashName.isBlank()) ? matchedFlashName : null;
		return this.identifications.save(sourceIpfsCid, matched, name, similarity, confidence);
	}

}
