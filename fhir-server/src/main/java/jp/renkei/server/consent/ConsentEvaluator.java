package jp.renkei.server.consent;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.Optional;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ConsentProvisionType;
import org.hl7.fhir.r4.model.Consent.ProvisionComponent;
import org.hl7.fhir.r4.model.Period;

/**
 * The region's consent rules as one pure function: may facility F see a resource that facility H
 * holds about a patient, given that patient's Consent resources, at a moment?
 *
 * <ul>
 *   <li>A facility always sees what it holds itself.</li>
 *   <li>Only consents in force count: {@code status} active and {@code provision.period} covering
 *       the moment. A withdrawn consent (status inactive, or a newer deny) stops counting at once.</li>
 *   <li>For F, the newest permit covering F and the newest deny covering F are compared by
 *       {@code Consent.dateTime}: the newer wins, a deny on a tie.</li>
 *   <li>A permit covers F when it names F in {@code provision.actor}; a permit naming no facility
 *       covers every facility only under the comprehensive and opt-out policies (a per-facility
 *       permit must name its facilities). A deny naming no facility covers every facility.</li>
 *   <li>No consent covering F: shared only under opt-out.</li>
 *   <li>The winning permit's nested deny provisions exclude sensitive categories (by the
 *       resource's {@code meta.security} labels) or resource types ({@code provision.class}).</li>
 * </ul>
 */
public final class ConsentEvaluator {

	private static final String RESOURCE_TYPES = "http://hl7.org/fhir/resource-types";

	private final RegionConsentPolicy policy;

	public ConsentEvaluator(RegionConsentPolicy policy) {
		this.policy = policy;
	}

	/**
	 * @param consents the patient's Consent resources (any status; the others are ignored)
	 * @param requestingOrganization {@code Organization/<id>} the caller acts for
	 * @param holdingOrganization {@code Organization/<id>} that holds or authored the resource
	 * @param resourceType the resource's type, for exclusions by {@code provision.class}
	 * @param securityLabels the resource's {@code meta.security} labels, for exclusions by category
	 * @param at the moment of the request
	 */
	public ConsentDecision decide(Collection<Consent> consents, String requestingOrganization, String holdingOrganization,
			String resourceType, Collection<Coding> securityLabels, Instant at) {
		if (requestingOrganization.equals(holdingOrganization)) {
			return ConsentDecision.permit("own-record", Optional.empty());
		}
		Optional<Consent> permit = newest(consents, at, ConsentProvisionType.PERMIT, requestingOrganization);
		Optional<Consent> deny = newest(consents, at, ConsentProvisionType.DENY, requestingOrganization);
		if (deny.isPresent() && (permit.isEmpty() || !dateOf(deny.get()).before(dateOf(permit.get())))) {
			return ConsentDecision.deny("deny", id(deny.get()));
		}
		if (permit.isEmpty()) {
			return policy == RegionConsentPolicy.OPT_OUT
					? ConsentDecision.permit("opt-out-default", Optional.empty())
					: ConsentDecision.deny("no-consent", Optional.empty());
		}
		Consent winner = permit.get();
		if (excludes(winner.getProvision(), resourceType, securityLabels)) {
			return ConsentDecision.deny("excluded-category", id(winner));
		}
		return ConsentDecision.permit("permit", id(winner));
	}

	private Optional<Consent> newest(Collection<Consent> consents, Instant at, ConsentProvisionType type, String organization) {
		return consents.stream()
				.filter(consent -> consent.getStatus() == Consent.ConsentState.ACTIVE)
				.filter(consent -> consent.getProvision().getType() == type)
				.filter(consent -> inForce(consent.getProvision().getPeriod(), at))
				.filter(consent -> covers(consent, type, organization))
				.max(Comparator.comparing(ConsentEvaluator::dateOf));
	}

	private boolean covers(Consent consent, ConsentProvisionType type, String organization) {
		var actors = consent.getProvision().getActor();
		if (actors.isEmpty()) {
			return type == ConsentProvisionType.DENY || policy != RegionConsentPolicy.OPT_IN_PER_FACILITY;
		}
		return actors.stream().anyMatch(actor -> organization.equals(actor.getReference().getReferenceElement().toUnqualifiedVersionless().getValue()));
	}

	private static boolean inForce(Period period, Instant at) {
		Date moment = Date.from(at);
		if (period.hasStart() && moment.before(period.getStart())) {
			return false;
		}
		// A period end given as a date includes that whole day (HAPI's getEnd() is its first instant).
		return !period.hasEnd() || !moment.after(period.getEndElement().getPrecision().add(period.getEnd(), 1));
	}

	private static boolean excludes(ProvisionComponent provision, String resourceType, Collection<Coding> securityLabels) {
		for (ProvisionComponent nested : provision.getProvision()) {
			if (nested.getType() != ConsentProvisionType.DENY) {
				continue;
			}
			boolean labelled = nested.getSecurityLabel().stream().anyMatch(excluded -> securityLabels.stream()
					.anyMatch(label -> excluded.getCode() != null && excluded.getCode().equals(label.getCode())
							&& (excluded.getSystem() == null || excluded.getSystem().equals(label.getSystem()))));
			boolean typed = nested.getClass_().stream().anyMatch(excluded -> resourceType.equals(excluded.getCode())
					&& (excluded.getSystem() == null || RESOURCE_TYPES.equals(excluded.getSystem())));
			if (labelled || typed) {
				return true;
			}
		}
		return false;
	}

	private static Date dateOf(Consent consent) {
		return consent.hasDateTime() ? consent.getDateTime() : new Date(0);
	}

	private static Optional<String> id(Consent consent) {
		return Optional.ofNullable(consent.getIdElement().getIdPart());
	}
}
