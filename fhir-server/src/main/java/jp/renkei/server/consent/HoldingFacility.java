package jp.renkei.server.consent;

import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseCoding;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Which facility holds a resource, as the server stamped it: a {@code meta.tag} with system
 * {@link #SYSTEM} and the Organization's logical id as code. The server sets it when a resource is
 * created ({@link HoldingFacilityStamp}); clients cannot choose it.
 */
public final class HoldingFacility {

	public static final String SYSTEM = "http://renkei.example.jp/fhir/CodeSystem/holding-facility";

	private HoldingFacility() {
	}

	/** {@code Organization/<id>} from the resource's tag, if it has one. */
	public static Optional<String> of(IBaseResource resource) {
		for (IBaseCoding tag : resource.getMeta().getTag()) {
			if (SYSTEM.equals(tag.getSystem()) && tag.getCode() != null && !tag.getCode().isBlank()) {
				return Optional.of("Organization/" + tag.getCode());
			}
		}
		return Optional.empty();
	}

	/** Replaces any holding-facility tag by one for {@code organization} ({@code Organization/<id>}), or removes it. */
	static void set(IBaseResource resource, Optional<String> organization) {
		resource.getMeta().getTag().removeIf(tag -> SYSTEM.equals(tag.getSystem()));
		organization.ifPresent(reference -> resource.getMeta().addTag()
				.setSystem(SYSTEM)
				.setCode(reference.substring(reference.indexOf('/') + 1))
				.setDisplay(null));
	}
}
