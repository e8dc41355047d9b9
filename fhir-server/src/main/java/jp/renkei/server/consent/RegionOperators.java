package jp.renkei.server.consent;

import java.util.Set;
import jp.renkei.server.auth.Caller;
import org.springframework.stereotype.Component;

/**
 * The backend clients that act for the whole region ({@code renkei.consent.region-operator-clients}):
 * they see every record without consent. Only a system caller (no user signed in) qualifies, so a
 * user signing in through such a client is still under consent.
 */
@Component
public class RegionOperators {

	private final Set<String> clientIds;

	public RegionOperators(ConsentProperties properties) {
		this.clientIds = Set.copyOf(properties.regionOperatorClients());
	}

	public boolean isRegionOperator(Caller caller) {
		return caller.isSystem() && clientIds.contains(caller.clientId());
	}
}
