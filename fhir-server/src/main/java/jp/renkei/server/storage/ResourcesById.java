package jp.renkei.server.storage;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.dao.ISearchBuilder;
import ca.uhn.fhir.jpa.dao.SearchBuilderFactory;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads current resources of one type by their FHIR ids, in bulk, as the server itself (no consent, no
 * scopes: the caller decides afterwards what may be shown, as {@code $summary} and {@code $match} do).
 *
 * <p>Why not HAPI's {@code _id} search: HAPI resolves several ids of a type with one statement
 * {@code (RES_TYPE = ? AND FHIR_ID = ?) OR (RES_TYPE = ? AND FHIR_ID = ?) ...} whenever its id cache
 * does not hold them (every new patient in the ER). H2 2.3 plans that on the unique
 * {@code (RES_TYPE, FHIR_ID)} index but can use an IN list only on an index's first column, so it
 * walks every resource of the type: 100,000 Observations, about 0.3 s for a handful of ids; with
 * 1,000,000 resources, seconds. Here the ids are resolved with {@code FHIR_ID IN (...)} on HAPI's
 * index of the FHIR id alone (an exact look-up on H2, checked by {@code ResourcesByIdIT}; MariaDB and
 * PostgreSQL have the same index, their plans were not examined), the type is
 * checked in Java, and the resources are loaded by persistent id in one batch, as HAPI's own search
 * loads a page.
 */
@Component
public class ResourcesById {

	/** Ids per statement: well below every database's limit on bind parameters. */
	static final int CHUNK = 500;

	private final JdbcTemplate jdbc;
	private final SearchBuilderFactory<JpaPid> builders;
	private final IHapiTransactionService transactions;
	private final FhirContext fhirContext;

	public ResourcesById(DataSource dataSource, SearchBuilderFactory<JpaPid> builders, IHapiTransactionService transactions,
			FhirContext fhirContext) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.builders = builders;
		this.transactions = transactions;
		this.fhirContext = fhirContext;
	}

	/** The statement resolving {@code count} FHIR ids to persistent ids (and types). */
	static String resolving(int count) {
		String marks = java.util.Collections.nCopies(count, "?").stream().collect(Collectors.joining(", "));
		return "SELECT RES_ID, RES_TYPE FROM HFJ_RESOURCE WHERE FHIR_ID IN (" + marks + ") AND RES_DELETED_AT IS NULL";
	}

	/**
	 * The current (not deleted) resources of {@code type} with these ids, in no particular order; ids
	 * that are unknown, deleted or of another type are left out.
	 */
	public List<IBaseResource> read(String type, Collection<String> ids) {
		List<String> distinct = new ArrayList<>(new LinkedHashSet<>(ids));
		List<JpaPid> pids = new ArrayList<>();
		for (int from = 0; from < distinct.size(); from += CHUNK) {
			List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + CHUNK));
			// No RES_TYPE in the WHERE clause: with it, H2 would pick the (RES_TYPE, FHIR_ID) index again.
			jdbc.query(resolving(chunk.size()), rs -> {
				if (type.equals(rs.getString(2))) {
					pids.add(JpaPid.fromIdAndResourceType(rs.getLong(1), type));
				}
			}, chunk.toArray());
		}
		return load(type, pids);
	}

	/**
	 * Every current resource of {@code type}, in the order they were stored, at most {@code chunk} in
	 * memory at a time: for rebuilding an index over a whole table (a million resources do not fit in
	 * one search result). Pages by persistent id (keyset), so each page is one indexed range query.
	 */
	public void forEachOfType(String type, int chunk, Consumer<IBaseResource> action) {
		JdbcTemplate page = new JdbcTemplate(jdbc.getDataSource());
		page.setMaxRows(chunk);
		long after = Long.MIN_VALUE;
		while (true) {
			List<Long> ids = page.queryForList("SELECT RES_ID FROM HFJ_RESOURCE WHERE RES_TYPE = ? AND RES_DELETED_AT IS NULL AND RES_ID > ? "
					+ "ORDER BY RES_ID", Long.class, type, after);
			if (ids.isEmpty()) {
				return;
			}
			load(type, ids.stream().map(id -> JpaPid.fromIdAndResourceType(id, type)).toList()).forEach(action);
			if (ids.size() < chunk) {
				return;
			}
			after = ids.get(ids.size() - 1);
		}
	}

	/** The FHIR ids of every current resource of {@code type}. */
	public Set<String> idsOfType(String type) {
		Set<String> ids = new HashSet<>();
		jdbc.query("SELECT FHIR_ID FROM HFJ_RESOURCE WHERE RES_TYPE = ? AND RES_DELETED_AT IS NULL", rs -> {
			ids.add(rs.getString(1));
		}, type);
		return ids;
	}

	private List<IBaseResource> load(String type, List<JpaPid> pids) {
		if (pids.isEmpty()) {
			return List.of();
		}
		Class<? extends IBaseResource> implementation = fhirContext.getResourceDefinition(type).getImplementingClass();
		SystemRequestDetails request = new SystemRequestDetails();
		return transactions.withRequest(request).read(partition -> {
			ISearchBuilder<JpaPid> builder = builders.newSearchBuilder(type, implementation);
			List<IBaseResource> found = new ArrayList<>();
			for (int from = 0; from < pids.size(); from += CHUNK) {
				found.addAll(builder.loadResourcesByPid(pids.subList(from, Math.min(pids.size(), from + CHUNK)), request));
			}
			return found;
		});
	}
}
