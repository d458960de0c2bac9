package app.flashcastr.observability.management;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.Consumer;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets reads (GET, HEAD, OPTIONS) through and refuses any other method without the
 * management token: 401 when none is sent, 403 when it is wrong or when the service has
 * none configured. The answer is JSON saying what to do; the log line names the request,
 * never the token.
 */
final class ManagementWriteFilter extends HttpFilter {

	private static final Logger logger = LoggerFactory.getLogger(ManagementWriteFilter.class);

	private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

	private static final String BEARER = "Bearer ";

	private final ManagementToken token;

	private final Consumer<String> refusals;

	/**
	 * A filter checking writes against the token.
	 * @param token the configured token (possibly unset)
	 * @param refusals counts a refusal by reason
	 */
	ManagementWriteFilter(ManagementToken token, Consumer<String> refusals) {
		this.token = token;
		this.refusals = refusals;
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (READS.contains(request.getMethod())) {
			chain.doFilter(request, response);
			return;
		}
		if (!this.token.configured()) {
			refuse(request, response, HttpServletResponse.SC_FORBIDDEN, "not_configured",
					"management writes are disabled on this service: set MANAGEMENT_TOKEN to enable them");
			return;
		}
		String authorization = request.getHeader("Authorization");
		if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			response.setHeader("WWW-Authenticate", "Bearer");
			refuse(request, response, HttpServletResponse.SC_UNAUTHORIZED, "missing_token",
					"this management write needs a token: send 'Authorization: Bearer <MANAGEMENT_TOKEN>'");
			return;
		}
		if (!this.token.matches(authorization.substring(BEARER.length()).trim())) {
			refuse(request, response, HttpServletResponse.SC_FORBIDDEN, "wrong_token", "the management token is wrong");
			return;
		}
		chain.doFilter(request, response);
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, int status, String reason,
			String message) throws IOException {
		this.refusals.accept(reason);
		logger.warn("Refused {} {} from {}: {}", request.getMethod(), request.getRequestURI(), request.getRemoteAddr(),
				reason);
		response.setStatus(status);
		response.setContentType("application/json");
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter()
			.write("{\"status\":" + status + ",\"error\":\"" + reason + "\",\"message\":\"" + message + "\"}");
	}

}
