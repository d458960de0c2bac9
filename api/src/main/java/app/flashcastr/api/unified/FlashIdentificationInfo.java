package app.flashcastr.api.unified;

/**
 * GraphQL {@code FlashIdentificationInfo}: the identification of a flash's image.
 *
 * @param id row id
 * @param matched_flash_id the catalogue invader's id, a bigint as a string
 * @param matched_flash_name e.g. {@code PA_1234}
 * @param similarity embedding similarity
 * @param confidence identification confidence
 */
record FlashIdentificationInfo(int id, String matched_flash_id, String matched_flash_name, double similarity,
		double confidence) {

}
