package jp.renkei.server.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import jp.renkei.server.audit.AuditJournal.PendingEntry;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * Turns pending {@link AuditJournal} rows into AuditEvent resources, in batches (one FHIR transaction
 * per batch, through HAPI's DAOs on an internal {@link AuditWriter} request that is neither audited
 * nor validated), then marks the rows done. Runs every {@code renkei.audit.materializer-interval},
 * starting once the server is up (after the search parameters are installed), so rows a crash left
 * pending are picked up at the next start.
 *
 * <p>Each AuditEvent's id is its journal row's id: running a row again after a crash between the write
 * and the mark updates the same AuditEvent instead of duplicating it. A reference to a resource that
 * does not exist (a failed read of an unknown id, a deleted resource, a user whose Practitioner is not
 * on this server) is kept as an identifier and display instead, since HAPI enforces referential
 * integrity on write.
 */
public class AuditMaterializer implements ApplicationRunner, DisposableBean {

	static final int MAX_ATTEMPTS = 10;
	private static final Logger LOG = LoggerFactory.getLogger(AuditMaterializer.class);
	private static final int MISSING_CACHE_SIZE = 10_000;

	private final AuditJournal journal;
	private final FhirContext fhirContext;
	private final DaoRegistry daoRegistry;
	private final IFhirSystemDao<Bundle, Meta> systemDao;
	private final AuditProperties properties;
	/** References found not to resolve, so later batches name them by identifier straight away. */
	private final Set<String> missingReferences = Collections.newSetFromMap(Collections.synchronizedMap(
			new LinkedHashMap<>(256, 0.75f, true) {
				@Override
				protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
					return size() > MISSING_CACHE_SIZE;
				}
			}));
	private ScheduledExecutorService executor;

	public AuditMaterializer(AuditJournal journal, FhirContext fhirContext, DaoRegistry daoRegistry,
			IFhirSystemDao<Bundle, Meta> systemDao, AuditProperties properties) {
		this.journal = journal;
		this.fhirContext = fhirContext;
		this.daoRegistry = daoRegistry;
		this.systemDao = systemDao;
		this.properties = properties;
	}

	@Override
	public void run(ApplicationArguments arguments) {
		long pending = journal.pendingCount();
		if (pending > 0) {
			LOG.info("{} audit journal row(s) are pending from before the start; materializing them now", pending);
		}
		start();
	}

	/** Starts the periodic materialization (idempotent). */
	public synchronized void start() {
		if (executor != null) {
			return;
		}
		executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "audit-materializer");
			thread.setDaemon(true);
			return thread;
		});
		long interval = properties.materializerInterval().toMillis();
		executor.scheduleWithFixedDelay(this::drain, 0, interval, TimeUnit.MILLISECONDS);
	}

	/** Stops it, letting a running pass finish; rows journaled meanwhile stay pending. */
	public void stop() {
		ScheduledExecutorService running;
		synchronized (this) {
			running = executor;
			executor = null;
		}
		if (running == null) {
			return;
		}
		running.shutdown();
		try {
			if (!running.awaitTermination(60, TimeUnit.SECONDS)) {
				running.shutdownNow();
			}
		} catch (InterruptedException e) {
			running.shutdownNow();
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void destroy() {
		stop();
	}

	private void drain() {
		try {
			while (materializePending() == properties.batchSize() && !Thread.currentThread().isInterrupted()) {
				// a full batch: more may be waiting
			}
		} catch (RuntimeException e) {
			LOG.warn("Materializing the audit journal failed; retrying in {}: {}", properties.materializerInterval(), e.getMessage());
		}
	}

	/** One pass over the oldest pending rows (at most one batch); returns how many rows were read. */
	public synchronized int materializePending() {
		List<PendingEntry> pending = journal.pending(properties.batchSize(), MAX_ATTEMPTS);
		if (pending.isEmpty()) {
			return 0;
		}
		Map<String, AuditEvent> events = new LinkedHashMap<>();
		for (PendingEntry entry : pending) {
			try {
				AuditEvent event = fhirContext.newJsonParser().parseResource(AuditEvent.class, entry.eventJson());
				event.setId(entry.id());
				nameMissingByIdentifier(event);
				List<AuditEvent> parts = perPatient(event, entry.id());
				events.put(entry.id(), parts.get(0));
				for (AuditEvent part : parts.subList(1, parts.size())) {
					events.put(part.getIdElement().getIdPart(), part);
				}
			} catch (DataFormatException e) {
				LOG.error("Audit journal row {} is not a readable AuditEvent: {}", entry.id(), e.getMessage());
				journal.markFailed(entry.id(), "unreadable: " + e.getMessage());
			}
		}
		if (events.isEmpty()) {
			return pending.size();
		}
		try {
			writeTogether(events.values());
			journal.markMaterialized(new ArrayList<>(events.keySet()));
		} catch (BaseServerResponseException e) {
			LOG.debug("A batch of {} AuditEvents failed as a whole ({}); writing them one by one", events.size(), e.getMessage());
			events.forEach(this::writeAlone);
		}
		return pending.size();
	}

	private void writeTogether(Iterable<AuditEvent> events) {
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		for (AuditEvent event : events) {
			transaction.addEntry().setResource(event).getRequest().setMethod(Bundle.HTTPVerb.PUT)
					.setUrl("AuditEvent/" + event.getIdElement().getIdPart());
		}
		systemDao.transaction(AuditWriter.newRequest(), transaction);
	}

	private void writeAlone(String id, AuditEvent event) {
		IFhirResourceDao<AuditEvent> dao = daoRegistry.getResourceDao(AuditEvent.class);
		try {
			dao.update(event, AuditWriter.newRequest());
			journal.markMaterialized(List.of(id));
			return;
		} catch (BaseServerResponseException first) {
			if (findMissingReferences(event)) {
				nameMissingByIdentifier(event);
				try {
					dao.update(event, AuditWriter.newRequest());
					journal.markMaterialized(List.of(id));
					return;
				} catch (BaseServerResponseException second) {
					fail(id, second);
					return;
				}
			}
			fail(id, first);
		}
	}

	private void fail(String id, BaseServerResponseException e) {
		LOG.error("AuditEvent {} could not be stored (the journal row stays pending and is retried): {}", id, e.getMessage());
		journal.markFailed(id, e.getMessage());
	}

	/** Checks every reference of the event; true when one does not resolve (remembered in {@link #missingReferences}). */
	private boolean findMissingReferences(AuditEvent event) {
		boolean found = false;
		for (Reference reference : references(event)) {
			String value = reference.getReference();
			if (!missingReferences.contains(value) && !exists(value)) {
				missingReferences.add(value);
				found = true;
			}
		}
		return found;
	}

	private boolean exists(String reference) {
		IdType id = new IdType(reference);
		if (!id.hasResourceType() || !fhirContext.getResourceTypes().contains(id.getResourceType())) {
			return false;
		}
		try {
			daoRegistry.getResourceDao(id.getResourceType()).read(id.toUnqualifiedVersionless(), AuditWriter.newRequest());
			return true;
		} catch (BaseServerResponseException notFoundOrGone) {
			return false;
		}
	}

	private void nameMissingByIdentifier(AuditEvent event) {
		for (Reference reference : references(event)) {
			String value = reference.getReference();
			if (missingReferences.contains(value)) {
				if (!reference.hasIdentifier()) {
					reference.setIdentifier(AuditEventMapper.logical(value).getIdentifier());
				}
				reference.setDisplay(value);
				reference.setReference(null);
			}
		}
	}

	/**
	 * One AuditEvent per patient (as IHE BALP records patient accesses): a request that touched
	 * several patients' records becomes one event in each patient's compartment, naming only that
	 * patient by reference and everything else by identifier. Otherwise a patient reading their access
	 * log, or their {@code $everything}, would be led to the other patients' records. A resource known
	 * to belong to other patients only (its {@link AuditEventMapper#OWNER_DETAIL} details) is left out
	 * of the event: each of it is in its own patients' events, and a load of 500 resources of 40
	 * patients makes 40 events of their own resources, not 40 events of all 500.
	 */
	static List<AuditEvent> perPatient(AuditEvent event, String id) {
		List<AuditEvent.AuditEventEntityComponent> patients = event.getEntity().stream()
				.filter(entity -> entity.getWhat().hasReference() && entity.getWhat().getReference().startsWith("Patient/"))
				.toList();
		if (patients.size() <= 1) {
			return List.of(event);
		}
		List<AuditEvent> parts = new ArrayList<>();
		for (int i = 0; i < patients.size(); i++) {
			String patient = patients.get(i).getWhat().getReference();
			AuditEvent part = event.copy();
			part.setId(i == 0 ? id : id + "-" + (i + 1));
			part.getEntity().removeIf(entity -> entity.getWhat().hasReference()
					&& entity.getWhat().getReference().startsWith("Patient/") && !entity.getWhat().getReference().equals(patient));
			part.getEntity().removeIf(entity -> belongsOnlyToOthers(entity, patient));
			for (AuditEvent.AuditEventEntityComponent entity : part.getEntity()) {
				Reference what = entity.getWhat();
				if (what.hasReference() && !what.getReference().equals(patient)) {
					String value = what.getReference();
					what.setIdentifier(AuditEventMapper.logical(value).getIdentifier()).setDisplay(value).setReference(null);
				}
			}
			parts.add(part);
		}
		return parts;
	}

	private static boolean belongsOnlyToOthers(AuditEvent.AuditEventEntityComponent entity, String patient) {
		List<String> owners = entity.getDetail().stream()
				.filter(detail -> AuditEventMapper.OWNER_DETAIL.equals(detail.getType()) && detail.getValue() instanceof StringType)
				.map(detail -> ((StringType) detail.getValue()).getValue()).toList();
		return !owners.isEmpty() && !owners.contains(patient);
	}

	private static List<Reference> references(AuditEvent event) {
		List<Reference> references = new ArrayList<>();
		event.getAgent().forEach(agent -> references.add(agent.getWho()));
		event.getEntity().forEach(entity -> references.add(entity.getWhat()));
		return references.stream().filter(Reference::hasReference).toList();
	}
}
