package app.flashcastr.api.paging;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Paging limits, under {@code flashcastr.api.paging}.
 *
 * @param maxLimit largest page size served; bigger requests are cut to it
 * @param maxOffset deepest row offset served; deeper pages are refused because the
 * database would have to skip that many rows
 */
@Validated
@ConfigurationProperties("flashcastr.api.paging")
public record PagingProperties(@DefaultValue("100") @Min(1) int maxLimit,
		@DefaultValue("100000") @Min(0) int maxOffset) {

}
