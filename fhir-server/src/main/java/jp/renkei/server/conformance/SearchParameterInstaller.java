package jp.renkei.server.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.api.model.DaoMethodOutcome;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Makes the search parameters of the conformance packages (JP Core's kana-name sort key,
 * insurance numbers, prefecture number, ...) and the project's own (e.g. {@code Location?physical-type},
 * which R4 lacks) active on the server, before any data is loaded.
 *
 * <p>Stored by id with an update, so a restart changes nothing unless a definition changed. Runs
 * first among the start-up runners (after the context, whose batch jobs a new search parameter
 * triggers, is ready), so data loaded at start-up, such as the demo region, is indexed by them.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class SearchParameterInstaller implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(SearchParameterInstaller.class);

	private final DaoRegistry daoRegistry;
	private final ISearchParamRegistry searchParamRegistry;
	private final List<IBaseResource> searchParameters;

	public SearchParameterInstaller(
			FhirContext fhirContext,
			DaoRegistry daoRegistry,
			ISearchParamRegistry searchParamRegistry,
			ConformanceResources packages,
			List<IBaseResource> projectSearchParameters) {
		this.daoRegistry = daoRegistry;
		this.searchParamRegistry = searchParamRegistry;
		List<IBaseResource> all = new ArrayList<>();
		packages.all().stream().filter(r -> "SearchParameter".equals(fhirContext.getResourceType(r))).forEach(all::add);
		all.addAll(projectSearchParameters);
		this.searchParameters = List.copyOf(all);
	}

	@Override
	public void run(ApplicationArguments arguments) {
		IFhirResourceDao<IBaseResource> dao = daoRegistry.getResourceDao("SearchParameter");
		int changed = 0;
		for (IBaseResource searchParameter : searchParameters) {
			DaoMethodOutcome outcome = dao.update(searchParameter, new SystemRequestDetails());
			if (!outcome.isNop()) {
				changed++;
			}
		}
		if (changed > 0) {
			searchParamRegistry.forceRefresh();
		}
		log.info("{} search parameter(s) from the conformance packages are active ({} new or changed)",
				searchParameters.size(), changed);
	}
}
