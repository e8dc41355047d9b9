package jp.renkei.server.conformance;

import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;

/** The conformance resources of the configured packages (JP Core, its pinned extensions, our IG). */
public record ConformanceResources(List<IBaseResource> all) {

	public ConformanceResources {
		all = List.copyOf(all);
	}
}
