package jp.renkei.server.demo;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import jp.renkei.server.demo.DemoCondition.Department;
import jp.renkei.server.demo.Facility.Bed;
import jp.renkei.server.demo.Facility.BedStatus;
import jp.renkei.server.demo.Facility.Kind;
import jp.renkei.server.demo.Facility.Physician;
import jp.renkei.server.demo.Facility.Ward;
import jp.renkei.server.demo.JapaneseNames.NamePart;
import jp.renkei.terminology.codesystem.FeeSchedule;
import jp.renkei.terminology.codesystem.MedicalInstitutionCode;
import jp.renkei.terminology.codesystem.Prefecture;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Endpoint;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The nine facilities of the demo region (three hospitals, six clinics) and their Organization,
 * Endpoint, Location (wards and beds), Practitioner and PractitionerRole resources.
 */
final class FacilityGenerator {

	private static final long SEED = 20261101L;

	private final Random random = new Random(SEED);

	/** The facilities, hospitals first; the same on every call of a new generator. */
	List<Facility> facilities() {
		List<Facility> facilities = new ArrayList<>();
		facilities.add(hospital("h1", "房総中央総合病院", DemoCity.CHIBA_CHUO, "亥鼻2-3-1", "0014", 35.6112, 140.1373,
				List.of(Department.INTERNAL, Department.SURGERY, Department.ORTHOPEDICS, Department.CARDIOLOGY,
						Department.NEUROLOGY, Department.RADIOLOGY),
				List.of(new WardPlan("E4", "東4階病棟", Department.INTERNAL, 12),
						new WardPlan("W4", "西4階病棟", Department.SURGERY, 12),
						new WardPlan("5F", "5階病棟", Department.ORTHOPEDICS, 12))));
		facilities.add(hospital("h2", "市原みなと病院", DemoCity.ICHIHARA, "五井8-11-2", "0081", 35.5133, 140.0870,
				List.of(Department.INTERNAL, Department.SURGERY, Department.ORTHOPEDICS, Department.CARDIOLOGY,
						Department.RADIOLOGY),
				List.of(new WardPlan("3F", "3階病棟", Department.INTERNAL, 12),
						new WardPlan("4F", "4階病棟", Department.CARDIOLOGY, 12))));
		facilities.add(hospital("h3", "木更津かずさ病院", DemoCity.KISARAZU, "富士見3-5-8", "0034", 35.3800, 139.9265,
				List.of(Department.INTERNAL, Department.SURGERY, Department.ORTHOPEDICS, Department.NEUROLOGY,
						Department.RADIOLOGY),
				List.of(new WardPlan("2F", "2階病棟", Department.INTERNAL, 10),
						new WardPlan("3F", "3階病棟", Department.ORTHOPEDICS, 10))));
		facilities.add(clinic("c1", "本千葉内科クリニック", DemoCity.CHIBA_CHUO, "本千葉町5-12", "0012", 35.6030, 140.1180,
				Department.INTERNAL));
		facilities.add(clinic("c2", "五井駅前ファミリークリニック", DemoCity.ICHIHARA, "五井中央西1-22-7", "0081", 35.5150, 140.0880,
				Department.INTERNAL));
		facilities.add(clinic("c3", "袖ケ浦さくら診療所", DemoCity.SODEGAURA, "福王台2-14-3", "0261", 35.4365, 139.9600,
				Department.INTERNAL));
		facilities.add(clinic("c4", "君津やまびこ内科", DemoCity.KIMITSU, "久保3-8-15", "1144", 35.3300, 139.9020,
				Department.INTERNAL));
		facilities.add(clinic("c5", "茂原みどり整形外科クリニック", DemoCity.MOBARA, "千代田町1-6-20", "0024", 35.4275, 140.2870,
				Department.ORTHOPEDICS));
		facilities.add(clinic("c6", "木更津はまかぜ内科クリニック", DemoCity.KISARAZU, "潮見4-2-9", "0061", 35.3700, 139.9110,
				Department.INTERNAL));
		return facilities;
	}

	/** A facility's resources in dependency order: Organization, Endpoint, wards, beds, physicians, roles. */
	List<Resource> resourcesOf(Facility facility) {
		List<Resource> resources = new ArrayList<>();
		resources.add(organization(facility));
		if (facility.isHospital()) {
			resources.add(endpoint(facility));
			facility.wards().forEach(ward -> resources.add(ward(facility, ward)));
			facility.wards().forEach(ward -> ward.beds().forEach(bed -> resources.add(bed(facility, ward, bed))));
		}
		facility.physicians().forEach(physician -> resources.add(practitioner(facility, physician)));
		facility.physicians().forEach(physician -> resources.add(practitionerRole(facility, physician)));
		return resources;
	}

	private record WardPlan(String code, String name, Department department, int beds) {}

	private Facility hospital(String key, String name, DemoCity city, String line, String postalSuffix,
			double latitude, double longitude, List<Department> departments, List<WardPlan> wardPlans) {
		MedicalInstitutionCode code = institutionCode(city, "1" + key.substring(1) + "0" + key.substring(1));
		List<Ward> wards = new ArrayList<>();
		for (int w = 0; w < wardPlans.size(); w++) {
			WardPlan plan = wardPlans.get(w);
			String wardId = "demo-loc-" + key + "-w" + (w + 1);
			List<Bed> beds = new ArrayList<>();
			for (int b = 0; b < plan.beds(); b++) {
				// Four-bed rooms numbered from the floor digit of the ward: 401, 402, ...
				String room = plan.code().replaceAll("\\D", "") + String.format("%02d", b / 4 + 1);
				int bedInRoom = b % 4 + 1;
				beds.add(new Bed(
						"%s-b%02d".formatted(wardId, b + 1),
						"%s-%s-%d".formatted(plan.code(), room, bedInRoom),
						"%s %s号室 %dベッド".formatted(plan.name(), room, bedInRoom),
						bedStatus()));
			}
			wards.add(new Ward(wardId, plan.code(), plan.name(), plan.department(), beds));
		}
		return new Facility(key, Kind.HOSPITAL, name, city, line, city.postalPrefix() + "-" + postalSuffix,
				latitude, longitude, phone(city, 1000 + Integer.parseInt(key.substring(1)) * 11), code,
				wards, physicians(key, code, departments));
	}

	private Facility clinic(String key, String name, DemoCity city, String line, String postalSuffix,
			double latitude, double longitude, Department department) {
		MedicalInstitutionCode code = institutionCode(city, "2" + key.substring(1) + "1" + key.substring(1));
		return new Facility(key, Kind.CLINIC, name, city, line, city.postalPrefix() + "-" + postalSuffix,
				latitude, longitude, phone(city, 2000 + Integer.parseInt(key.substring(1)) * 37), code,
				List.of(), physicians(key, code, List.of(department, department)));
	}

	private static MedicalInstitutionCode institutionCode(DemoCity city, String institutionNumber) {
		return MedicalInstitutionCode.withCheckDigit(Prefecture.CHIBA, FeeSchedule.MEDICAL, city.areaNumber(), institutionNumber);
	}

	private static String phone(DemoCity city, int subscriber) {
		String area = city.phoneAreaCode();
		// Japanese fixed-line numbers have ten digits including the area code.
		int localDigits = 10 - area.length();
		String local = String.valueOf(200_000_000L + subscriber * 7_919L).substring(9 - localDigits);
		return area + local;
	}

	/** Mostly occupied, as Japanese acute wards are, with some of every other status. */
	private BedStatus bedStatus() {
		int draw = random.nextInt(100);
		if (draw < 58) {
			return BedStatus.OCCUPIED;
		} else if (draw < 82) {
			return BedStatus.UNOCCUPIED;
		} else if (draw < 87) {
			return BedStatus.HOUSEKEEPING;
		} else if (draw < 91) {
			return BedStatus.CLOSED;
		} else if (draw < 95) {
			return BedStatus.ISOLATED;
		}
		return BedStatus.CONTAMINATED;
	}

	private List<Physician> physicians(String key, MedicalInstitutionCode code, List<Department> departments) {
		List<Physician> physicians = new ArrayList<>();
		for (int i = 0; i < departments.size(); i++) {
			boolean female = random.nextInt(100) < 35;
			NamePart family = JapaneseNames.pick(JapaneseNames.FAMILY_NAMES, random);
			NamePart given = JapaneseNames.pick(female ? JapaneseNames.FEMALE_GIVEN_NAMES : JapaneseNames.MALE_GIVEN_NAMES, random);
			String registration = String.format("%06d", 300_000 + random.nextInt(250_000));
			physicians.add(new Physician(
					"demo-prac-%s-%d".formatted(key, i + 1),
					"demo-role-%s-%d".formatted(key, i + 1),
					"D%s%03d".formatted(code.value().substring(5, 9), i + 1),
					family, given,
					female ? AdministrativeGender.FEMALE : AdministrativeGender.MALE,
					departments.get(i),
					registration));
		}
		return physicians;
	}

	private static Organization organization(Facility facility) {
		Organization organization = new Organization();
		organization.setId(facility.organizationId());
		organization.getMeta().addProfile(Canonicals.RENKEI_ORGANIZATION);
		MedicalInstitutionCode code = facility.code();
		organization.addExtension(Canonicals.EXT_PREFECTURE_NO,
				new Coding(Canonicals.PREFECTURE_NO_2DIGITS, code.prefecture().code(), null));
		organization.addExtension(Canonicals.EXT_ORGANIZATION_CATEGORY,
				new Coding(Canonicals.FEE_SCORE_TYPE, String.valueOf(code.feeSchedule().digit()), null));
		organization.addExtension(Canonicals.EXT_ORGANIZATION_NO,
				new Identifier().setSystem(Canonicals.MEDICAL_ORGANIZATION_ID).setValue(code.facilityCode()));
		organization.addIdentifier().setSystem(Canonicals.MEDICAL_INSTITUTION_NO).setValue(code.value());
		organization.setActive(true);
		organization.addType(new CodeableConcept(facility.isHospital()
				? new Coding(Canonicals.RENKEI_FACILITY_TYPE, "hospital", "病院")
				: new Coding(Canonicals.RENKEI_FACILITY_TYPE, "clinic", "診療所"))
				.setText(facility.isHospital() ? "病院" : "診療所"));
		organization.setName(facility.name());
		organization.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(facility.phone())
				.setUse(ContactPoint.ContactPointUse.WORK);
		Address address = organization.addAddress()
				.setUse(Address.AddressUse.WORK)
				.setType(Address.AddressType.BOTH)
				.setText(DemoCity.PREFECTURE + facility.city().cityName() + facility.addressLine())
				.addLine(facility.addressLine())
				.setCity(facility.city().cityName())
				.setState(DemoCity.PREFECTURE)
				.setPostalCode(facility.postalCode())
				.setCountry("JP");
		Extension geolocation = address.addExtension().setUrl(Canonicals.EXT_GEOLOCATION);
		geolocation.addExtension("latitude", new DecimalType(BigDecimal.valueOf(facility.latitude())));
		geolocation.addExtension("longitude", new DecimalType(BigDecimal.valueOf(facility.longitude())));
		// The PACS Endpoint points at its Organization, not the other way round: no reference cycle,
		// so the region loads in dependency order.
		return organization;
	}

	private static Endpoint endpoint(Facility facility) {
		Endpoint endpoint = new Endpoint();
		endpoint.setId(facility.endpointId());
		endpoint.setStatus(Endpoint.EndpointStatus.ACTIVE);
		endpoint.setConnectionType(new Coding(Canonicals.ENDPOINT_CONNECTION_TYPE, "dicom-wado-rs", "DICOM WADO-RS"));
		endpoint.setName(facility.name() + " PACS (DICOMweb)");
		endpoint.setManagingOrganization(facility.reference());
		endpoint.addPayloadType().setText("DICOM WADO-RS");
		endpoint.addPayloadMimeType("application/dicom");
		// example.jp is reserved for examples: nothing will ever answer there.
		endpoint.setAddress("https://pacs." + facility.key() + ".demo.example.jp/dicom-web");
		return endpoint;
	}

	private static Location ward(Facility facility, Ward ward) {
		Location location = new Location();
		location.setId(ward.id());
		location.getMeta().addProfile(Canonicals.JP_LOCATION);
		location.addIdentifier().setSystem(locationIdSystem(facility, "ward-id")).setValue(ward.code());
		location.setStatus(Location.LocationStatus.ACTIVE);
		location.setName(ward.name());
		location.setDescription(ward.name() + "（" + ward.department().japaneseName() + "）");
		location.setMode(Location.LocationMode.INSTANCE);
		location.addType(new CodeableConcept(new Coding(Canonicals.V3_ROLE_CODE, "HU", "hospital unit")));
		location.setPhysicalType(new CodeableConcept(
				new Coding(Canonicals.LOCATION_PHYSICAL_TYPE, "wa", "Ward")));
		location.setManagingOrganization(facility.reference());
		return location;
	}

	private static Location bed(Facility facility, Ward ward, Bed bed) {
		Location location = new Location();
		location.setId(bed.id());
		location.getMeta().addProfile(Canonicals.RENKEI_BED_LOCATION);
		location.addIdentifier().setSystem(locationIdSystem(facility, "bed-id")).setValue(bed.code());
		location.setStatus(bed.status() == BedStatus.CLOSED ? Location.LocationStatus.SUSPENDED : Location.LocationStatus.ACTIVE);
		location.setOperationalStatus(new Coding(Canonicals.V2_0116_BED_STATUS, bed.status().code(), bed.status().display()));
		location.setName(bed.name());
		location.setDescription(bed.name());
		location.setMode(Location.LocationMode.INSTANCE);
		location.setPhysicalType(new CodeableConcept(
				new Coding(Canonicals.LOCATION_PHYSICAL_TYPE, "bd", "Bed")));
		location.setManagingOrganization(facility.reference());
		location.setPartOf(new Reference("Location/" + ward.id()).setDisplay(ward.name()));
		return location;
	}

	/**
	 * Bed and ward codes are only unique within one hospital and no national namespace exists for
	 * them: one per hospital under the project's canonical base, as the IG's bed examples do.
	 */
	private static String locationIdSystem(Facility facility, String kind) {
		return Canonicals.RENKEI + "hospital/" + facility.code().value() + "/" + kind;
	}

	private static Practitioner practitioner(Facility facility, Physician physician) {
		Practitioner practitioner = new Practitioner();
		practitioner.setId(physician.id());
		practitioner.getMeta().addProfile(Canonicals.JP_PRACTITIONER);
		practitioner.addIdentifier().setSystem(facility.physicianIdSystem()).setValue(physician.staffNumber());
		practitioner.setActive(true);
		practitioner.addName(JapaneseNames.kanji(physician.family(), physician.given()));
		practitioner.addName(JapaneseNames.kana(physician.family(), physician.given()));
		practitioner.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(facility.phone())
				.setUse(ContactPoint.ContactPointUse.WORK);
		practitioner.setGender(physician.gender());
		practitioner.addQualification()
				.setCode(new CodeableConcept(new Coding(Canonicals.MEDICAL_LICENSE_CERTIFICATE, "medical-registration", null)))
				.addIdentifier().setSystem(Canonicals.MEDICAL_REGISTRATION_NUMBER).setValue(physician.registrationNumber());
		return practitioner;
	}

	private static PractitionerRole practitionerRole(Facility facility, Physician physician) {
		PractitionerRole role = new PractitionerRole();
		role.setId(physician.roleId());
		role.getMeta().addProfile(Canonicals.JP_PRACTITIONER_ROLE);
		role.setActive(true);
		role.setPractitioner(physician.reference());
		role.setOrganization(facility.reference());
		role.addCode(new CodeableConcept(new Coding(Canonicals.PRACTITIONER_ROLE, "doctor", "Doctor")).setText("医師"));
		role.addSpecialty().setText(physician.department().japaneseName());
		facility.wards().stream()
				.filter(ward -> ward.department() == physician.department())
				.forEach(ward -> role.addLocation(new Reference("Location/" + ward.id()).setDisplay(ward.name())));
		role.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(facility.phone())
				.setUse(ContactPoint.ContactPointUse.WORK);
		return role;
	}
}
