package app.flashcastr.api.user;

import java.util.List;

import graphql.schema.DataFetchingEnvironment;
import io.micrometer.core.instrument.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

import app.flashcastr.api.auth.ApiKeys;
import app.flashcastr.api.errors.ApiErrorType;
import app.flashcastr.api.errors.ApiException;
import app.flashcastr.observability.metrics.ServiceMeters;

/** Query {@code users}; mutations {@code setUserAutoCast} and {@code deleteUser}. */
@Controller
class UserController {

	private static final Logger logger = LoggerFactory.getLogger(UserController.class);

	private final UserRepository users;

	private final ApiKeys apiKeys;

	private final Counter deleted;

	UserController(UserRepository users, ApiKeys apiKeys, ServiceMeters meters) {
		this.users = users;
		this.apiKeys = apiKeys;
		this.deleted = meters.counter("users_deleted", "Users deleted through the API");
	}

	@QueryMapping
	List<User> users(@Argument String username, @Argument Integer fid) {
		return this.users.users(username, fid);
	}

	@MutationMapping
	User setUserAutoCast(@Argument int fid, @Argument("auto_cast") boolean autoCast, DataFetchingEnvironment env) {
		this.apiKeys.require(env);
		return this.users.setAutoCast(fid, autoCast)
			.orElseThrow(() -> new ApiException(ApiErrorType.NOT_FOUND, "User not found"));
	}

	@MutationMapping
	DeleteUserResponse deleteUser(@Argument int fid, DataFetchingEnvironment env) {
		this.apiKeys.require(env);
		if (!this.users.delete(fid)) {
			return new DeleteUserResponse(false, "User not found");
		}
		this.deleted.increment();
		logger.info("Deleted user {} and their flash links", fid);
		return new DeleteUserResponse(true, "User deleted successfully");
	}

}
