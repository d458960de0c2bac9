package app.flashcastr.api.signup;

import graphql.schema.DataFetchingEnvironment;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

import app.flashcastr.api.auth.ApiKeys;

/** The signup fields of the GraphQL schema ({@code graphql/signup.graphqls}). */
@Controller
class SignupController {

	private final SignupService signups;

	private final ApiKeys apiKeys;

	SignupController(SignupService signups, ApiKeys apiKeys) {
		this.signups = signups;
		this.apiKeys = apiKeys;
	}

	@MutationMapping
	InitiateSignupResponse initiateSignup(@Argument("username") String username) {
		return this.signups.initiate(username);
	}

	@QueryMapping
	PollSignupStatusResponse pollSignupStatus(@Argument("signer_uuid") String signerUuid,
			@Argument("username") String username) {
		return this.signups.poll(signerUuid, username);
	}

	/**
	 * Deprecated upstream (signup completes through polling); kept so old clients work.
	 */
	@MutationMapping
	SignupResponse signup(@Argument("fid") int fid, @Argument("signer_uuid") String signerUuid,
			@Argument("username") String username, DataFetchingEnvironment env) {
		this.apiKeys.require(env);
		return new SignupResponse(true, "Deprecated: signup completes through pollSignupStatus");
	}

}
