package jp.renkei.server.demo;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.Duration;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Stores the {@link DemoRegion} when the server has started and {@code renkei.demo.enabled} is
 * set, unless it is stored already.
 *
 * <p>The region goes through HAPI's system DAO as transaction Bundles of PUTs with the region's
 * fixed ids, in dependency order, {@code renkei.demo.chunk-size} resources per Bundle. Each write
 * passes the same storage interceptors as a client's (profile enforcement included), so the demo
 * data is held to the rules real data is. PUT with fixed ids makes loading idempotent: a repeated or
 * interrupted load converges on the same content.
 *
 * <p>"Stored already" means the region's last resource exists: chunks commit in order, so that one
 * is present only if every earlier chunk was committed.
 */
@Component
public class DemoRegionLoader {

	private static final Logger log = LoggerFactory.getLogger(DemoRegionLoader.class);

	private final IFhirSystemDao<Bundle, Meta> systemDao;
	private final DaoRegistry daoRegistry;
	private final DemoProperties properties;

	public DemoRegionLoader(IFhirSystemDao<Bundle, Meta> systemDao, DaoRegistry daoRegistry, DemoProperties properties) {
		this.systemDao = systemDao;
		this.daoRegistry = daoRegistry;
		this.properties = properties;
	}

	/**
	 * Loads the region once the server accepts requests. A failure is logged, not thrown: the server
	 * is useful without its demo data, and the next start tries again.
	 */
	@EventListener(ApplicationReadyEvent.class)
	public void loadOnStart() {
		if (!properties.enabled()) {
			return;
		}
		try {
			loadIfAbsent();
		} catch (RuntimeException e) {
			log.error("The demo region could not be loaded; the server runs without it", e);
		}
	}

	/**
	 * Stores the region of {@code renkei.demo.patients} people unless it is stored already.
	 *
	 * @return whether it was loaded, how many resources and how long it took
	 */
	public synchronized DemoLoadResult loadIfAbsent() {
		long started = System.nanoTime();
		DemoRegion region = DemoRegion.generate(properties.patients());
		List<Resource> resources = region.resources();
		if (resources.isEmpty() || isStored(resources.get(resources.size() - 1))) {
			DemoLoadResult result = DemoLoadResult.skipped(Duration.ofNanos(System.nanoTime() - started));
			log.info("Demo region ({} patients) already stored; not loading it again", properties.patients());
			return result;
		}
		log.info("Loading the demo region: {} patients, {} resources {}", properties.patients(), region.size(),
				region.countsByType());
		int transactions = 0;
		for (int from = 0; from < resources.size(); from += properties.chunkSize()) {
			List<Resource> chunk = resources.subList(from, Math.min(from + properties.chunkSize(), resources.size()));
			systemDao.transaction(new SystemRequestDetails(), transactionOf(chunk));
			transactions++;
			log.debug("Demo region: {} of {} resources stored", from + chunk.size(), resources.size());
		}
		DemoLoadResult result = new DemoLoadResult(true, resources.size(), transactions,
				Duration.ofNanos(System.nanoTime() - started));
		log.info("Loaded the demo region: {} resources in {} transactions, {} ms, {} resources/s",
				result.resourceCount(), result.transactions(), result.duration().toMillis(),
				Math.round(result.resourcesPerSecond()));
		return result;
	}

	private boolean isStored(Resource resource) {
		try {
			daoRegistry.getResourceDao(resource.fhirType())
					.read(new IdType(resource.fhirType(), resource.getIdPart()), new SystemRequestDetails());
			return true;
		} catch (ResourceNotFoundException | ResourceGoneException absent) {
			return false;
		}
	}

	private static Bundle transactionOf(List<Resource> resources) {
		Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		for (Resource resource : resources) {
			String url = resource.fhirType() + "/" + resource.getIdPart();
			bundle.addEntry().setFullUrl(url).setResource(resource)
					.getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl(url);
		}
		return bundle;
	}
}
