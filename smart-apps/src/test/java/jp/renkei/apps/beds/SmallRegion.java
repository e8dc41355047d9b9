package jp.renkei.apps.beds;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;

/**
 * A small region for tests: two hospitals and a clinic with beds in various states, plus a ward and a
 * room that are not beds.
 *
 * <pre>
 * 市立みなと総合病院     空床 3, 使用中 2, 清掃中 1        = 6 beds
 * 県立やまて医療センター 空床 1, 使用中 4, 閉鎖 1, 状態なし 1 = 7 beds
 * さくら内科クリニック   使用中 2                          = 2 beds
 * </pre>
 */
final class SmallRegion {

	static final String MINATO = "市立みなと総合病院";
	static final String YAMATE = "県立やまて医療センター";
	static final String SAKURA = "さくら内科クリニック";

	static final Organization MINATO_HOSPITAL = organization("minato", MINATO);
	static final Organization YAMATE_CENTER = organization("yamate", YAMATE);
	static final Organization SAKURA_CLINIC = organization("sakura", SAKURA);

	static final int FACILITIES = 3;
	static final int AVAILABLE = 4;
	static final int BEDS = 15;

	private SmallRegion() {}

	static List<Organization> organizations() {
		return List.of(MINATO_HOSPITAL, YAMATE_CENTER, SAKURA_CLINIC);
	}

	/** Listed in an order unlike the display order, so sorting is exercised. */
	static List<Location> locations() {
		List<Location> locations = new ArrayList<>();
		locations.add(bed("sakura-1", SAKURA_CLINIC, "O"));
		locations.add(bed("sakura-2", SAKURA_CLINIC, "O"));
		locations.add(bed("yamate-1", YAMATE_CENTER, "U"));
		for (int i = 2; i <= 5; i++) {
			locations.add(bed("yamate-" + i, YAMATE_CENTER, "O"));
		}
		locations.add(bed("yamate-6", YAMATE_CENTER, "C"));
		locations.add(bed("yamate-7", YAMATE_CENTER, null));
		for (int i = 1; i <= 3; i++) {
			locations.add(bed("minato-" + i, MINATO_HOSPITAL, "U"));
		}
		locations.add(bed("minato-4", MINATO_HOSPITAL, "O"));
		locations.add(bed("minato-5", MINATO_HOSPITAL, "O"));
		locations.add(bed("minato-6", MINATO_HOSPITAL, "H"));
		locations.add(location("minato-ward-3e", MINATO_HOSPITAL, "wa", null));
		locations.add(location("minato-room-301", MINATO_HOSPITAL, "ro", "U"));
		return locations;
	}

	static Organization organization(String id, String name) {
		Organization organization = new Organization();
		organization.setId("Organization/" + id);
		organization.setName(name);
		return organization;
	}

	static Location bed(String id, Organization facility, String status) {
		return location(id, facility, "bd", status);
	}

	private static Location location(String id, Organization facility, String physicalType, String status) {
		Location location = new Location();
		location.setId("Location/" + id);
		location.setName(id);
		location.setStatus(Location.LocationStatus.ACTIVE);
		location.getPhysicalType()
				.addCoding(new Coding("http://terminology.hl7.org/CodeSystem/location-physical-type", physicalType, null));
		if (status != null) {
			location.setOperationalStatus(new Coding(BedStatus.SYSTEM, status, null));
		}
		if (facility != null) {
			location.setManagingOrganization(new Reference("Organization/" + facility.getIdElement().getIdPart()));
		}
		return location;
	}
}
