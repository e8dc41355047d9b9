package jp.renkei.server.access;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Optional;
import jp.renkei.server.auth.Caller;
import org.springframework.stereotype.Component;

/**
 * Who is calling in the current FHIR request: the one place consent, audit and scope enforcement
 * ask. The caller is stored once per request by {@link BearerTokenInterceptor}, after the token was
 * verified; entries of a batch or transaction share their request's caller.
 *
 * <p>Empty for requests that carry no verified token: {@code GET /fhir/metadata}, internal requests
 * of the server itself, and every request when open access for development is on.
 */
@Component
public class RequestCaller {

	private static final String KEY = RequestCaller.class.getName();

	public Optional<Caller> of(RequestDetails request) {
		if (request == null) {
			return Optional.empty();
		}
		return Optional.ofNullable((Caller) request.getUserData().get(KEY));
	}

	void remember(RequestDetails request, Caller caller) {
		request.getUserData().put(KEY, caller);
	}
}
