package app.flashcastr.api.identification;

/**
 * GraphQL {@code FlashIdentification}; {@code matched_flash} is a batched field.
 *
 * @param id row id
 * @param source_ipfs_cid the identified image
 * @param matched_flash_id the catalogue invader's id, a bigint as a string
 * @param matched_flash_name e.g. {@code PA_1234}
 * @param similarity embedding similarity
 * @param confidence identification confidence
 * @param created_at when it was stored, ISO-8601 UTC
 */
record FlashIdentification(int id, String source_ipfs_cid, String matched_flash_id, String matched_flash_name,
		double similarity, double confidence, String created_at) {

}
