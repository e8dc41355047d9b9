Profile: RenkeiConsent
Parent: JP_Consent
Id: renkei-consent
Title: "Renkei Consent 地域連携データ共有同意"
Description: "患者が地域医療連携ネットワークでの診療情報の共有に同意（またはオプトアウト）した記録。どの地域ポリシー（施設ごとのオプトイン／包括オプトイン／オプトアウト）か、どの施設が取得したか、共有先と除外する機微情報を示す。A patient's consent to (or opt-out from) sharing their records in the regional exchange: the regional policy it follows, the facility that obtained it, the facilities it covers and the sensitive categories it excludes."
* ^status = #draft
* status MS
* status ^short = "active: 有効 / inactive: 撤回済み（withdrawn）"
* extension contains RenkeiConsentWithdrawal named withdrawal 0..1 MS
* extension[withdrawal] ^short = "撤回の日時と理由 / when and why the patient withdrew"
* obeys renkei-consent-3
* scope = $ConsentScope#patient-privacy
* scope MS
* category 1..* MS
* category ^slicing.discriminator.type = #pattern
* category ^slicing.discriminator.path = "$this"
* category ^slicing.rules = #open
* category contains patientConsent 1..1 MS
* category[patientConsent] = $LOINC#59284-0
* category[patientConsent] ^short = "LOINC 59284-0 Patient Consent"
* patient 1..1 MS
* patient only Reference($JP_Patient)
* dateTime 1..1 MS
* dateTime ^short = "同意取得日時 / when the consent was obtained"
* performer MS
* performer ^short = "同意した者（患者本人または代諾者） / who gave the consent (patient or a representative)"
* organization 1..1 MS
* organization only Reference(RenkeiOrganization)
* organization ^short = "同意を取得した参加施設 / the facility that obtained the consent"
* source[x] only Attachment or Reference(DocumentReference)
* source[x] MS
* source[x] ^short = "署名済み同意書（スキャン） / the scanned signed consent form"
* policy MS
* policy ^short = "地域協議会の運用規程などの文書 / the regional council's policy document"
* policyRule 1..1 MS
* policyRule from RenkeiConsentPolicyVS (required)
* policyRule ^short = "地域の同意方式 / the region's consent model"
* obeys renkei-consent-1
* provision 1..1 MS
* provision.type 1..1 MS
* provision.type ^short = "permit: 共有に同意 / deny: 共有を拒否（オプトアウト）"
* provision.period MS
* provision.period ^short = "共有を認める期間 / when sharing is allowed"
* provision.actor MS
* provision.actor ^short = "共有先の施設 / the facilities the data may be shared with"
* provision.actor.role MS
* provision.actor.role = $v3-ParticipationType#IRCP
* provision.actor.role ^short = "IRCP: 情報の受け手 / information recipient"
* provision.actor.reference MS
* provision.actor.reference only Reference(Organization)
* provision.purpose MS
* provision.provision MS
* provision.provision ^short = "共有から除外する機微情報 / sensitive categories excluded from sharing"
* provision.provision.type 1..1 MS
* provision.provision.type = #deny
* provision.provision.securityLabel MS
* provision.provision.securityLabel from RenkeiSensitiveCategoryVS (extensible)
* provision.provision.class MS
* provision.provision.class ^short = "除外する資源種別（例: DocumentReference） / excluded resource types"
* provision.provision obeys renkei-consent-2

Invariant: renkei-consent-1
Description: "施設ごとのオプトインでは共有先の施設を列挙する / an opt-in-per-facility consent names the facilities it covers in provision.actor"
Severity: #error
Expression: "policyRule.coding.where(code = 'opt-in-per-facility').exists() implies provision.actor.exists()"

Invariant: renkei-consent-3
Description: "撤回の記録があるのは撤回済み（inactive）の同意だけ / only a withdrawn (inactive) consent records a withdrawal"
Severity: #error
Expression: "extension('http://renkei.example.jp/fhir/StructureDefinition/renkei-consent-withdrawal').exists() implies status = 'inactive'"

Extension: RenkeiConsentWithdrawal
Id: renkei-consent-withdrawal
Title: "Renkei Consent Withdrawal 同意の撤回"
Description: "患者が同意を撤回した日時と理由。撤回した同意は status = inactive の新しい版として保存され、以前の版は履歴に残る。When and why the patient withdrew a consent. The withdrawn consent is stored as a new version with status inactive; the earlier versions stay in its history."
Context: Consent
* ^status = #draft
* extension contains date 1..1 MS and reason 0..1 MS
* extension[date] ^short = "撤回の日時 / when the patient withdrew"
* extension[date].value[x] only dateTime
* extension[date].value[x] 1..1
* extension[reason] ^short = "撤回の理由（患者の申し出の要旨） / why, as the patient said"
* extension[reason].value[x] only string
* extension[reason].value[x] 1..1

Invariant: renkei-consent-2
Description: "除外条件は機微情報の区分（securityLabel）か資源種別（class）で示す / an exclusion names a sensitivity category (securityLabel) or a resource type (class)"
Severity: #error
Expression: "securityLabel.exists() or class.exists()"

CodeSystem: RenkeiConsentPolicy
Id: renkei-consent-policy
Title: "Renkei Consent Policy 地域の同意方式"
Description: "地域医療連携ネットワークで定める同意の方式。The consent models the region's policy allows."
* ^status = #draft
* ^caseSensitive = true
* ^experimental = false
* #opt-in-per-facility "施設ごとの同意（オプトイン）" "患者が共有を認めた施設（provision.actor）とだけ診療情報を共有する。Records are shared only with the facilities the patient agreed to, listed in provision.actor."
* #opt-in-comprehensive "包括同意（オプトイン）" "患者の同意により、地域の全参加施設と診療情報を共有する。With the patient's consent, records are shared with every participating facility of the region."
* #opt-out "オプトアウト" "患者が拒否しない限り地域の参加施設と共有する。拒否した場合は provision.type = deny の同意で記録する。Records are shared with the participating facilities unless the patient objects; an objection is recorded with provision.type = deny."

ValueSet: RenkeiConsentPolicyVS
Id: renkei-consent-policy
Title: "Renkei Consent Policy 地域の同意方式"
Description: "地域で定める同意の方式。The consent models the region's policy allows."
* ^status = #draft
* ^experimental = false
* include codes from system RenkeiConsentPolicy

ValueSet: RenkeiSensitiveCategoryVS
Id: renkei-sensitive-category
Title: "Renkei Sensitive Category 機微情報区分"
Description: "同意で共有から除外できる機微情報の区分（HL7 v3 ActCode の情報機微性）。Sensitive information categories a consent can exclude from sharing (HL7 v3 ActCode information sensitivity)."
* ^status = #draft
* ^experimental = false
* $v3-ActCode#PSY "psychiatry disorder information sensitivity"
* $v3-ActCode#MH "mental health information sensitivity"
* $v3-ActCode#HIV "HIV/AIDS information sensitivity"
* $v3-ActCode#STD "sexually transmitted disease information sensitivity"
* $v3-ActCode#SEX "sexuality and reproductive health information sensitivity"
* $v3-ActCode#GDIS "genetic disease information sensitivity"
* $v3-ActCode#ETH "substance abuse information sensitivity"
* $v3-ActCode#SDV "sexual assault, abuse, or domestic violence information sensitivity"

Instance: renkei-consent-comprehensive-chiba-hanako
InstanceOf: RenkeiConsent
Title: "包括同意（精神科・HIV関連を除く）"
Description: "千葉みなと中央病院で取得した包括同意。精神科とHIV関連の情報は共有しない（架空）。A comprehensive opt-in obtained at Chiba Minato Central Hospital that excludes psychiatric and HIV-related information (fictitious)."
Usage: #example
* status = #active
* scope = $ConsentScope#patient-privacy "Privacy Consent"
* category[patientConsent] = $LOINC#59284-0 "Patient Consent"
* patient = Reference(renkei-patient-chiba-hanako) "千葉 花子"
* dateTime = "2026-04-01T10:30:00+09:00"
* performer = Reference(renkei-patient-chiba-hanako) "千葉 花子"
* organization = Reference(renkei-organization-chiba-minato-hospital) "千葉みなと中央病院"
* sourceReference = Reference(renkei-docref-consent-form-chiba-hanako)
* policyRule = RenkeiConsentPolicy#opt-in-comprehensive "包括同意（オプトイン）"
* provision.type = #permit
* provision.period.start = "2026-04-01"
* provision.period.end = "2031-03-31"
* provision.provision[0].type = #deny
* provision.provision[0].securityLabel[0] = $v3-ActCode#PSY "psychiatry disorder information sensitivity"
* provision.provision[0].securityLabel[1] = $v3-ActCode#HIV "HIV/AIDS information sensitivity"

Instance: renkei-consent-per-facility-chiba-hanako
InstanceOf: RenkeiConsent
Title: "施設ごとの同意（ふなばし内科クリニックとのみ共有）"
Description: "かかりつけ診療所とのみ共有する施設ごとの同意（架空）。A per-facility opt-in that shares only with the patient's family clinic (fictitious)."
Usage: #example
* status = #active
* scope = $ConsentScope#patient-privacy "Privacy Consent"
* category[patientConsent] = $LOINC#59284-0 "Patient Consent"
* patient = Reference(renkei-patient-chiba-hanako) "千葉 花子"
* dateTime = "2026-05-20T14:00:00+09:00"
* organization = Reference(renkei-organization-chiba-minato-hospital) "千葉みなと中央病院"
* policy[0].uri = "http://renkei.example.jp/policy/regional-sharing-2026"
* policyRule = RenkeiConsentPolicy#opt-in-per-facility "施設ごとの同意（オプトイン）"
* provision.type = #permit
* provision.period.start = "2026-05-20"
* provision.actor[0].role = $v3-ParticipationType#IRCP "information recipient"
* provision.actor[0].reference = Reference(renkei-organization-funabashi-clinic) "ふなばし内科クリニック"

Instance: renkei-consent-withdrawn-chiba-hanako
InstanceOf: RenkeiConsent
Title: "撤回された施設ごとの同意"
Description: "患者の申し出により撤回された施設ごとの同意（架空）。撤回日時と理由を記録し、provision.period も撤回日で終わる。A per-facility opt-in the patient withdrew; the withdrawal records when and why, and provision.period ends on that day (fictitious)."
Usage: #example
* extension[withdrawal].extension[date].valueDateTime = "2026-09-01T11:00:00+09:00"
* extension[withdrawal].extension[reason].valueString = "転居のため地域連携の利用をやめたい（本人の申し出）"
* status = #inactive
* scope = $ConsentScope#patient-privacy "Privacy Consent"
* category[patientConsent] = $LOINC#59284-0 "Patient Consent"
* patient = Reference(renkei-patient-chiba-hanako) "千葉 花子"
* dateTime = "2026-05-20T14:00:00+09:00"
* organization = Reference(renkei-organization-chiba-minato-hospital) "千葉みなと中央病院"
* policyRule = RenkeiConsentPolicy#opt-in-per-facility "施設ごとの同意（オプトイン）"
* provision.type = #permit
* provision.period.start = "2026-05-20"
* provision.period.end = "2026-09-01"
* provision.actor[0].role = $v3-ParticipationType#IRCP "information recipient"
* provision.actor[0].reference = Reference(renkei-organization-funabashi-clinic) "ふなばし内科クリニック"

Instance: renkei-consent-per-facility-scanned-form-chiba-hanako
InstanceOf: RenkeiConsent
Title: "施設ごとの同意（同意書スキャンを添付、文書は共有しない）"
Description: "署名済み同意書のスキャン（PDF、Binary）を sourceAttachment で参照する施設ごとの同意。診療文書（DocumentReference）は共有から除外する（架空）。A per-facility opt-in whose scanned signed form (a PDF in a Binary) is its sourceAttachment; clinical documents (DocumentReference) are excluded from sharing (fictitious)."
Usage: #example
* status = #active
* scope = $ConsentScope#patient-privacy "Privacy Consent"
* category[patientConsent] = $LOINC#59284-0 "Patient Consent"
* patient = Reference(renkei-patient-chiba-hanako) "千葉 花子"
* dateTime = "2026-06-10T09:15:00+09:00"
* organization = Reference(renkei-organization-funabashi-clinic) "ふなばし内科クリニック"
* sourceAttachment.contentType = #application/pdf
* sourceAttachment.url = "Binary/renkei-consent-form-scan-000124"
* sourceAttachment.title = "地域連携同意書（署名済み）"
* sourceAttachment.creation = "2026-06-10T09:15:00+09:00"
* policyRule = RenkeiConsentPolicy#opt-in-per-facility "施設ごとの同意（オプトイン）"
* provision.type = #permit
* provision.period.start = "2026-06-10"
* provision.actor[0].role = $v3-ParticipationType#IRCP "information recipient"
* provision.actor[0].reference = Reference(renkei-organization-chiba-minato-hospital) "千葉みなと中央病院"
* provision.provision[0].type = #deny
* provision.provision[0].class[0] = http://hl7.org/fhir/resource-types#DocumentReference "DocumentReference"

Instance: renkei-consent-opt-out-objection-chiba-hanako
InstanceOf: RenkeiConsent
Title: "オプトアウト方式での共有拒否"
Description: "オプトアウト方式の地域で、患者が共有を拒否した記録（provision.type = deny、施設を限定しないので全施設が対象。架空）。In an opt-out region, the patient's objection to sharing: a deny naming no facility covers every facility (fictitious)."
Usage: #example
* status = #active
* scope = $ConsentScope#patient-privacy "Privacy Consent"
* category[patientConsent] = $LOINC#59284-0 "Patient Consent"
* patient = Reference(renkei-patient-chiba-hanako) "千葉 花子"
* dateTime = "2026-07-01T16:40:00+09:00"
* organization = Reference(renkei-organization-chiba-minato-hospital) "千葉みなと中央病院"
* policyRule = RenkeiConsentPolicy#opt-out "オプトアウト"
* provision.type = #deny
