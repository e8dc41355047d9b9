package jp.renkei.server.identity;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** TEMPORARY placeholder on main until branch h-identity (the real regional identity) is merged. */
@Component
public class RegionalIdentity {

	public List<String> linkedRecords(String patientId) {
		return List.of(patientId);
	}

	public Optional<String> personOf(String patientId) {
		return Optional.empty();
	}
}
