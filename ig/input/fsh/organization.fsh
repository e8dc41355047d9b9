Profile: RenkeiOrganization
Parent: JP_Organization
Id: renkei-organization
Title: "Renkei Organization 参加施設"
Description: "地域医療連携ネットワークの参加施設。10桁の医療機関コードで識別する。A facility taking part in the regional exchange, identified by its 10-digit medical institution code (医療機関コード)."
* ^status = #draft
* identifier 1..* MS
* identifier[medicalInstitutionCode] 1..1 MS
* identifier[medicalInstitutionCode] ^short = "医療機関コード（10桁） / 10-digit medical institution code"
* identifier[medicalInstitutionCode] obeys renkei-org-1
* identifier[medicalInstitutionCode].value 1..1 MS
* active MS
* type 1..* MS
* type from RenkeiFacilityTypeVS (extensible)
* type ^short = "施設種別 / kind of facility in the region"
* name 1..1 MS
* telecom MS
* address MS
* address.extension contains $geolocation named geolocation 0..1 MS
* address.extension[geolocation] ^short = "施設の位置（緯度・経度） / facility coordinates (WGS84)"
* endpoint MS

Invariant: renkei-org-1
Description: "医療機関コードは10桁の数字 / the medical institution code is 10 ASCII digits (prefecture 2, fee schedule 1, facility code 7)"
Severity: #error
Expression: "value.matches('^[0-9]{10}$')"

CodeSystem: RenkeiFacilityType
Id: renkei-facility-type
Title: "Renkei Facility Type 参加施設種別"
Description: "地域医療連携ネットワークにおける参加施設の種別。Kinds of facility that take part in the regional exchange."
* ^status = #draft
* ^caseSensitive = true
* ^experimental = false
* #hospital "病院" "病床20床以上の病院 / hospital (20 or more beds)"
* #clinic "診療所" "医科診療所（無床・有床） / medical clinic"
* #dental-clinic "歯科診療所" "歯科診療所 / dental clinic"
* #pharmacy "保険薬局" "保険薬局 / community pharmacy"
* #home-nursing "訪問看護ステーション" "訪問看護ステーション / home-visit nursing station"
* #care-facility "介護施設" "介護老人保健施設・特別養護老人ホーム等 / long-term care facility"
* #laboratory "検査機関" "臨床検査センター等 / clinical laboratory"

ValueSet: RenkeiFacilityTypeVS
Id: renkei-facility-type
Title: "Renkei Facility Type 参加施設種別"
Description: "参加施設の種別。Kinds of facility that take part in the regional exchange."
* ^status = #draft
* ^experimental = false
* include codes from system RenkeiFacilityType

Instance: renkei-organization-chiba-minato-hospital
InstanceOf: RenkeiOrganization
Title: "千葉みなと中央病院"
Description: "千葉市の参加病院（架空）。A participating hospital in Chiba City (fictitious)."
Usage: #example
* identifier[medicalInstitutionCode].system = $MedicalInstitutionNo
* identifier[medicalInstitutionCode].value = "1210112346"
* extension[prefectureNo].valueCoding = $PrefectureNo#12 "千葉県"
* extension[organizationCategory].valueCoding = $MedicationFeeScoreType#1 "医科"
* extension[organizationNo].valueIdentifier.system = $MedicalOrganizationID
* extension[organizationNo].valueIdentifier.value = "0112346"
* active = true
* type = RenkeiFacilityType#hospital "病院"
* name = "千葉みなと中央病院"
* telecom[0].system = #phone
* telecom[0].value = "043-000-0000"
* telecom[0].use = #work
* address.use = #work
* address.text = "〒260-0026 千葉県千葉市中央区千葉港9-9"
* address.line = "千葉港9-9"
* address.city = "千葉市中央区"
* address.state = "千葉県"
* address.postalCode = "260-0026"
* address.country = "JP"
* address.extension[geolocation].extension[latitude].valueDecimal = 35.6072
* address.extension[geolocation].extension[longitude].valueDecimal = 140.1063

Instance: renkei-organization-funabashi-clinic
InstanceOf: RenkeiOrganization
Title: "ふなばし内科クリニック"
Description: "船橋市の参加診療所（架空）。A participating clinic in Funabashi (fictitious)."
Usage: #example
* identifier[medicalInstitutionCode].system = $MedicalInstitutionNo
* identifier[medicalInstitutionCode].value = "1210456784"
* extension[prefectureNo].valueCoding = $PrefectureNo#12 "千葉県"
* active = true
* type = RenkeiFacilityType#clinic "診療所"
* name = "ふなばし内科クリニック"
* telecom[0].system = #phone
* telecom[0].value = "047-000-0000"
* address.text = "〒273-0005 千葉県船橋市本町9-9-9"
* address.line = "本町9-9-9"
* address.city = "船橋市"
* address.state = "千葉県"
* address.postalCode = "273-0005"
* address.country = "JP"
* address.extension[geolocation].extension[latitude].valueDecimal = 35.6997
* address.extension[geolocation].extension[longitude].valueDecimal = 139.9853
