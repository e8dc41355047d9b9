package jp.renkei.server.consent;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;

/**
 * The contained resources of a response. A contained resource has no existence of its own: it is
 * shown or hidden with the resource that contains it, which consent has decided already. HAPI's
 * consent interceptor asks about contained resources too when it walks the response, and fails with
 * a ConcurrentModificationException (a 500) when one is rejected; so they are marked before that walk
 * and answered as visible.
 */
final class ContainedResources {

	private static final String KEY = ContainedResources.class.getName();

	private ContainedResources() {
	}

	/** Marks every resource contained anywhere in {@code response} (entries of bundles, resources of parameters). */
	static void mark(RequestDetails request, IBaseResource response) {
		Set<IBaseResource> contained = Collections.newSetFromMap(new IdentityHashMap<>());
		collect(response, contained, 0);
		if (!contained.isEmpty()) {
			synchronized (request.getUserData()) {
				request.getUserData().put(KEY, contained);
			}
		}
	}

	@SuppressWarnings("unchecked")
	static boolean isContained(RequestDetails request, IBaseResource resource) {
		String id = resource.getIdElement() == null ? null : resource.getIdElement().getValue();
		if (id != null && id.startsWith("#")) {
			return true;
		}
		Object marked;
		synchronized (request.getUserData()) {
			marked = request.getUserData().get(KEY);
		}
		return marked instanceof Set<?> set && ((Set<IBaseResource>) set).contains(resource);
	}

	private static void collect(IBaseResource resource, Set<IBaseResource> contained, int depth) {
		if (resource == null || depth > 8) {
			return;
		}
		if (resource instanceof Bundle bundle) {
			bundle.getEntry().forEach(entry -> collect(entry.getResource(), contained, depth + 1));
		} else if (resource instanceof Parameters parameters) {
			parameters.getParameter().forEach(parameter -> {
				collect(parameter.getResource(), contained, depth + 1);
				parameter.getPart().forEach(part -> collect(part.getResource(), contained, depth + 1));
			});
		}
		if (resource instanceof DomainResource domain) {
			for (Resource inner : domain.getContained()) {
				contained.add(inner);
				collect(inner, contained, depth + 1);
			}
		}
	}
}
