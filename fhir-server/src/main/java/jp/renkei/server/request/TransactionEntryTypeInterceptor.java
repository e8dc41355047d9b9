package jp.renkei.server.request;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import jp.renkei.server.config.FhirServerInterceptor;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Refuses a transaction or batch whose entry carries a resource of another type than its request
 * URL names ({@code POST Observation} with a Patient, {@code PUT Consent?identifier=...} with a
 * Basic). HAPI stores such an entry under the resource's own type and ignores the URL, so a
 * feeder's mapping error would go unnoticed. Checked before any entry is processed, so nothing of
 * the bundle is stored.
 */
@Interceptor
public class TransactionEntryTypeInterceptor implements FhirServerInterceptor {

	@Hook(Pointcut.STORAGE_TRANSACTION_PROCESSING)
	public void checkEntries(IBaseBundle bundle) {
		if (!(bundle instanceof Bundle r4Bundle)) {
			return;
		}
		for (int i = 0; i < r4Bundle.getEntry().size(); i++) {
			Bundle.BundleEntryComponent entry = r4Bundle.getEntry().get(i);
			Bundle.HTTPVerb method = entry.getRequest().getMethod();
			if (!entry.hasResource() || (method != Bundle.HTTPVerb.POST && method != Bundle.HTTPVerb.PUT)) {
				continue;
			}
			String url = entry.getRequest().getUrl();
			String urlType = resourceTypeOf(url);
			String resourceType = entry.getResource().fhirType();
			if (urlType != null && !urlType.equals(resourceType)) {
				throw new InvalidRequestException("Bundle.entry[" + i + "]: request " + method.toCode() + " " + url
						+ " names " + urlType + " but the entry's resource is a " + resourceType);
			}
		}
	}

	/** The type a relative request URL names ({@code Patient}, {@code Patient/1}, {@code Patient?x=y}). */
	private static String resourceTypeOf(String url) {
		if (url == null || url.isBlank() || url.contains("://")) {
			return null;
		}
		String path = url.startsWith("/") ? url.substring(1) : url;
		int end = path.length();
		for (char separator : new char[] {'/', '?'}) {
			int at = path.indexOf(separator);
			if (at >= 0) {
				end = Math.min(end, at);
			}
		}
		String type = path.substring(0, end);
		return type.isEmpty() ? null : type;
	}
}
