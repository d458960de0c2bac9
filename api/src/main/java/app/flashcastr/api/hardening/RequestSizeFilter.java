package app.flashcastr.api.hardening;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 413 to a GraphQL POST whose declared body exceeds {@code max-request-bytes},
 * before the body is read or parsed.
 */
@Component
class RequestSizeFilter extends OncePerRequestFilter {

	private final HardeningProperties properties;

	RequestSizeFilter(HardeningProperties properties) {
		this.properties = properties;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI();
		return !"POST".equals(request.getMethod()) || !(path.equals("/") || path.equals("/graphql"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long length = request.getContentLengthLong();
		if (length > this.properties.maxRequestBytes()) {
			response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			response.getWriter()
				.write("{\"errors\":[{\"message\":\"Request too large: " + length + " bytes, at most "
						+ this.properties.maxRequestBytes()
						+ " bytes\",\"extensions\":{\"classification\":\"BAD_USER_INPUT\"}}]}");
			return;
		}
		chain.doFilter(request, response);
	}

}
