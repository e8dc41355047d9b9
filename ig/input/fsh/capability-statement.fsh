// The resources the regional server holds, each with the interactions every client may expect
// (access is further limited by SMART scopes and the patient's consent).
RuleSet: ResourceInScope(type)
* rest[0].resource[+].type = #{type}
* rest[0].resource[=].interaction[+].code = #read
* rest[0].resource[=].interaction[+].code = #vread
* rest[0].resource[=].interaction[+].code = #search-type
* rest[0].resource[=].interaction[+].code = #create
* rest[0].resource[=].interaction[+].code = #update
* rest[0].resource[=].interaction[+].code = #history-instance
* rest[0].resource[=].versioning = #versioned
* rest[0].resource[=].readHistory = true

RuleSet: SupportedProfile(url)
* rest[0].resource[=].supportedProfile[+] = "{url}"

Instance: RenkeiServerCapabilityStatement
InstanceOf: CapabilityStatement
Title: "Renkei Regional FHIR Server 要件"
Description: "地域医療連携 FHIR サーバーが扱うリソースと操作。The resources and interactions the regional FHIR server supports."
Usage: #definition
* id = "renkei-server"
* version = "0.1.0"
* name = "RenkeiServerCapabilityStatement"
* title = "Renkei Regional FHIR Server 要件"
* status = #draft
* experimental = false
* date = "2026-11-23"
* publisher = "Renkei project"
* description = "地域医療連携ネットワークの FHIR サーバー（HAPI FHIR JPA, R4）が扱うリソース・プロファイル・操作。JP Core 1.2.0 のプロファイルと本 IG のプロファイルに準拠する。認可は SMART App Launch（OAuth 2.0）による。The resources, profiles and interactions of the regional exchange's FHIR R4 server, conforming to JP Core 1.2.0 and this IG; authorization by SMART App Launch."
* jurisdiction = urn:iso:std:iso:3166#JP "Japan"
* kind = #requirements
* instantiates = "http://jpfhir.jp/fhir/core/CapabilityStatement/JP_Server_CapabilityStatement"
* fhirVersion = #4.0.1
* format[0] = #json
* format[1] = #xml
* rest[0].mode = #server
* rest[0].documentation = "全ての操作に SMART on FHIR のアクセストークンが必要。患者データの参照は患者の地域共有同意（RenkeiConsent）に従う。Every interaction needs a SMART on FHIR access token; reading patient data follows the patient's regional consent (RenkeiConsent)."
* rest[0].security.cors = true
* rest[0].security.service = $RestfulSecurityService#SMART-on-FHIR "SMART-on-FHIR"

* insert ResourceInScope(Patient)
* insert SupportedProfile(http://jpfhir.jp/fhir/core/StructureDefinition/JP_Patient)
* rest[0].resource[=].operation[+].name = "summary"
* rest[0].resource[=].operation[=].definition = Canonical(renkei-patient-summary)
* rest[0].resource[=].operation[=].documentation = "救急サマリー（GET Patient/[id]/$summary）：地域で紐付いた全施設の記録を統合し同意で絞り込んだ FHIR 文書。The emergency summary: a FHIR document merged from the region's linked facility records, consent-filtered."
* rest[0].resource[=].operation[+].name = "match"
* rest[0].resource[=].operation[=].definition = "http://hl7.org/fhir/OperationDefinition/Patient-match"
* rest[0].resource[=].operation[=].documentation = "FHIR 標準の Patient/$match（POST）：かな氏名・生年月日・性別・保険者番号などから地域の患者記録を探す。救急アプリの患者検索に使う。FHIR's own Patient/$match (POST): finds the region's Patient records of the persons a description fits (kana name, birth date, sex, insurance member id); the ER app's patient search."
* rest[0].resource[=].operation[+].name = "identity"
* rest[0].resource[=].operation[=].definition = Canonical(renkei-patient-identity)
* rest[0].resource[=].operation[=].documentation = "地域共通IDの確認（GET Patient/[id]/$identity）。プライバシー管理者と地域運用者のみ。The record's regional person, linked records and possible matches; privacy officers and region operators only."
* rest[0].resource[=].operation[+].name = "link"
* rest[0].resource[=].operation[=].definition = Canonical(renkei-patient-link)
* rest[0].resource[=].operation[=].documentation = "患者記録の紐付け（POST Patient/[id]/$link）。プライバシー管理者と地域運用者のみ。Links another record to the same person; privacy officers and region operators only."
* rest[0].resource[=].operation[+].name = "unlink"
* rest[0].resource[=].operation[=].definition = Canonical(renkei-patient-unlink)
* rest[0].resource[=].operation[=].documentation = "患者記録の紐付け解除（POST Patient/[id]/$unlink）。プライバシー管理者と地域運用者のみ。Separates the record from its person; privacy officers and region operators only."
* insert ResourceInScope(Consent)
* insert SupportedProfile(http://jpfhir.jp/fhir/core/StructureDefinition/JP_Consent)
* rest[0].resource[=].supportedProfile[+] = Canonical(RenkeiConsent)
* insert ResourceInScope(DocumentReference)
* insert SupportedProfile(http://jpfhir.jp/fhir/core/StructureDefinition/JP_DocumentReference)
* rest[0].resource[=].supportedProfile[+] = Canonical(RenkeiDocumentReference)
* insert ResourceInScope(ImagingStudy)
* insert SupportedProfile(http://jpfhir.jp/fhir/core/StructureDefinition/JP_ImagingStudy_Radiology)
* insert SupportedProfile(http://jpfhir.jp/fhir/core/StructureDefinition/JP_ImagingStudy_Endoscopy)
* insert ResourceInScope(Encounter)
* insert SupportedProfile(http://jpfhir.jp/fhir/core/StructureDefinition/JP_Encounter)
* insert ResourceInScope(Location)
* insert SupportedProfile(http://jpfhir.jp/fhir/core/StructureDefinition/JP_Location)
* rest[0].resource[=].supportedProfile[+] = Canonical(RenkeiBedLocation)
* insert ResourceInScope(Organization)
* insert SupportedProfile(http://jpfhir.jp/fhir/core/StructureDefinition/JP_Organization)
* rest[0].resource[=].supportedProfile[+] = Canonical(RenkeiOrganization)
* insert ResourceInScope(Practitioner)
* insert SupportedProfile(http://jpfhir.jp/fhir/core/StructureDefinition/JP_Practitioner)
* insert ResourceInScope(PractitionerRole)
* insert SupportedProfile(http://jpfhir.jp/fhir/core/StructureDefinition/JP_PractitionerRole)
* insert ResourceInScope(Condition)
* insert SupportedProfile(http://jpfhir.jp/fhir/core/StructureDefinition/JP_Condition)
* insert SupportedProfile(http://jpfhir.jp/fhir/core/StructureDefinition/JP_Condition_Diagnosis)
* insert ResourceInScope(AllergyIntolerance)
* insert SupportedProfile(http://jpfhir.jp/fhir/core/StructureDefinition/JP_AllergyIntolerance)
* insert ResourceInScope(MedicationRequest)
* insert SupportedProfile(http://jpfhir.jp/fhir/core/StructureDefinition/JP_MedicationRequest)
* insert SupportedProfile(http://jpfhir.jp/fhir/core/StructureDefinition/JP_MedicationRequest_Injection)
* insert ResourceInScope(MedicationStatement)
* insert SupportedProfile(http://jpfhir.jp/fhir/core/StructureDefinition/JP_MedicationStatement)
* insert SupportedProfile(http://jpfhir.jp/fhir/core/StructureDefinition/JP_MedicationStatement_Injection)
* insert ResourceInScope(Observation)
* insert SupportedProfile(http://jpfhir.jp/fhir/core/StructureDefinition/JP_Observation_Common)
* insert SupportedProfile(http://jpfhir.jp/fhir/core/StructureDefinition/JP_Observation_LabResult)
* insert SupportedProfile(http://jpfhir.jp/fhir/core/StructureDefinition/JP_Observation_VitalSigns)
* insert SupportedProfile(http://jpfhir.jp/fhir/core/StructureDefinition/JP_Observation_BodyMeasurement)
* insert SupportedProfile(http://jpfhir.jp/fhir/core/StructureDefinition/JP_Observation_PhysicalExam)
* insert SupportedProfile(http://jpfhir.jp/fhir/core/StructureDefinition/JP_Observation_SocialHistory)
* insert SupportedProfile(http://jpfhir.jp/fhir/core/StructureDefinition/JP_Observation_Microbiology)
* insert SupportedProfile(http://jpfhir.jp/fhir/core/StructureDefinition/JP_Observation_Radiology_Findings)
* insert SupportedProfile(http://jpfhir.jp/fhir/core/StructureDefinition/JP_Observation_Radiology_Impression)
* insert SupportedProfile(http://jpfhir.jp/fhir/core/StructureDefinition/JP_Observation_Endoscopy)
* insert SupportedProfile(http://jpfhir.jp/fhir/core/StructureDefinition/JP_Observation_Electrocardiogram)
* insert SupportedProfile(http://jpfhir.jp/fhir/core/StructureDefinition/JP_Observation_DentalOral_ToothExistence)
* insert SupportedProfile(http://jpfhir.jp/fhir/core/StructureDefinition/JP_Observation_DentalOral_MissingToothCondition)
* insert SupportedProfile(http://jpfhir.jp/fhir/core/StructureDefinition/JP_Observation_DentalOral_ToothTreatmentCondition)
* insert SupportedProfile(http://jpfhir.jp/fhir/core/StructureDefinition/JP_Observation_DentalOral_eCS)
* insert ResourceInScope(Procedure)
* insert SupportedProfile(http://jpfhir.jp/fhir/core/StructureDefinition/JP_Procedure)
* insert ResourceInScope(AuditEvent)
* insert ResourceInScope(Task)
* insert ResourceInScope(ServiceRequest)
* insert SupportedProfile(http://jpfhir.jp/fhir/core/StructureDefinition/JP_ServiceRequest_Common)
* insert ResourceInScope(Binary)
* insert SupportedProfile(http://jpfhir.jp/fhir/core/StructureDefinition/JP_Binary)
* insert ResourceInScope(Endpoint)
* insert ResourceInScope(Composition)
