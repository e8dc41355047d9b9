// The emergency summary (救急サマリー), Patient/[id]/$summary: its sections, the extension that names
// the other facilities of a collapsed entry, and the tag that names the facility holding each entry.
// The server (fhir-server, package jp.renkei.server.summary) already writes these URLs: keep them.

// English designation in the display the server writes in Composition.section.code.
RuleSet: EnglishDesignation(code, text)
* #{code} ^designation[+].language = #en
* #{code} ^designation[=].value = "{text}"

CodeSystem: RenkeiSummarySection
Id: renkei-summary-section
Title: "Renkei Summary Section 救急サマリーのセクション"
Description: "救急サマリー（Patient/[id]/$summary が返す FHIR 文書）の Composition.section の種類。最初の6つは救急医がまず確認する「6情報」、続いて既往と連携の記録。LOINC にセクションコードがあるものは Composition 上で LOINC も併記する。The sections of the emergency summary document (Patient/[id]/$summary), in document order: first the \"6 information\" an emergency physician checks at once, then the history and the facility records merged. Where LOINC has a section code the server adds it beside this code."
* ^url = "http://renkei.example.jp/fhir/CodeSystem/summary-section"
* ^status = #draft
* ^caseSensitive = true
* ^experimental = false
* #allergies "アレルギー" "薬剤以外のアレルギー・不耐症（AllergyIntolerance、category が medication でないもの）。有効または状態未記載で、否定（refuted）・誤記（entered-in-error）でないもの。LOINC 48765-2。Allergies and intolerances not of category medication, active or without clinical status, neither refuted nor entered in error; LOINC 48765-2."
* insert EnglishDesignation(allergies, Allergies)
* #contraindications "薬剤禁忌" "category が medication の AllergyIntolerance（JP-CLINS の薬剤アレルギー・禁忌）。対応する LOINC セクションコードはない。AllergyIntolerance of category medication (drug allergies and contraindications, as in JP-CLINS); no LOINC section code."
* insert EnglishDesignation(contraindications, Drug contraindications)
* #infections "感染症" "JP-CLINS の感染症検査コード体系（JLAC10 / JLAC11 InfectionLabo）でコード化された検査結果（Observation）。対応する LOINC セクションコードはない。Laboratory results coded in the JP-CLINS infection code systems (JLAC10 / JLAC11 InfectionLabo); no LOINC section code."
* insert EnglishDesignation(infections, Infections)
* #problems "傷病名" "臨床状態が active / recurrence / relapse の傷病名（Condition）。LOINC 11450-4。Conditions whose clinical status is active, recurrence or relapse; LOINC 11450-4."
* insert EnglishDesignation(problems, Active problems)
* #medications "処方" "status が active の処方（MedicationRequest）。LOINC 10160-0。Prescriptions (MedicationRequest) with status active; LOINC 10160-0."
* insert EnglishDesignation(medications, Current medication)
* #labs "検査" "感染症以外の検体検査結果（category laboratory の Observation）：検査項目ごとに新しい結果（基準値・異常フラグ付き）、新しい結果のある項目から。LOINC 30954-2。Laboratory results other than infections: the newest results of each test (with reference range and flag), tests with the newest results first; LOINC 30954-2."
* insert EnglishDesignation(labs, Recent lab results)
* #procedures "手術・処置" "手術・処置（Procedure）、新しいものから。LOINC 47519-4。Operations and procedures (Procedure), newest first; LOINC 47519-4."
* insert EnglishDesignation(procedures, Operations and procedures)
* #encounters "受診歴" "受診・入院（Encounter）：どこで、いつ、なぜ。新しいものから。LOINC 46240-8。Encounters (where, when, why), newest first; LOINC 46240-8."
* insert EnglishDesignation(encounters, Recent encounters)
* #imaging "画像検査" "画像検査（ImagingStudy）、新しいものから。読影レポート（DiagnosticReport）とビューアの Endpoint を文書のエントリに含める。LOINC 18748-4。Imaging studies (ImagingStudy), newest first, with their reports (DiagnosticReport) and viewer Endpoints as entries of the document; LOINC 18748-4."
* insert EnglishDesignation(imaging, Imaging studies)
* #documents "文書" "現行（current）の共有文書（DocumentReference：退院時サマリー、診療情報提供書など）、新しいものから。LOINC 55107-7。Current shared documents (DocumentReference: discharge summaries, referral letters), newest first; LOINC 55107-7."
* insert EnglishDesignation(documents, Documents)
* #merged-records "統合した記録" "この文書に統合した各施設の患者記録（Patient）。記録が複数あるときだけ置く。対応する LOINC セクションコードはない。The facility Patient records merged into this document; present only when there are several; no LOINC section code."
* insert EnglishDesignation(merged-records, Merged facility records)
* #excluded-records "除外した記録" "地域で同一人物として紐付いているが、生年月日または性別が要求された記録と矛盾するため表示していない患者記録（Patient）。救急アプリは警告を出す。対応する LOINC セクションコードはない。Patient records the region links to the requested one but left out because their birth date or sex contradict it; the ER app warns about them; no LOINC section code."
* insert EnglishDesignation(excluded-records, Linked records left out)

Extension: RenkeiAlsoRecordedBy
Id: also-recorded-by
Title: "Renkei Also Recorded By 同じ記録のある他施設"
Description: "救急サマリーで、複数の施設が記録した同じ項目（同じコードまたは同じテキスト、手術・処置は同じ日）を1件にまとめたとき、まとめたエントリ（最新の記録）に付けて、同じ項目を記録した他の施設を示す。サーバーが $summary の応答の中で付ける。The other facilities that recorded the same item, collapsed into this entry of the emergency summary: when several facilities recorded the same item (same code or same text; for procedures, on the same day) the summary shows the newest record once, with one of these per other facility. Added by the server in the $summary response."
Context: AllergyIntolerance, Condition, Observation, MedicationRequest, Procedure
* ^status = #draft
* . 0..*
* . ^short = "同じ項目を記録した他の施設 / another facility that recorded the same item"
* value[x] 1..1
* value[x] only Reference(Organization)
* value[x] ^short = "他の施設 / the other facility"

CodeSystem: RenkeiHoldingFacility
Id: renkei-holding-facility
Title: "Renkei Holding Facility 保有施設"
Description: "患者データの各リソースを保有する参加施設。コードは地域の FHIR サーバー上の Organization リソースの論理 ID（例: Organization/abc の abc）。サーバーが保存時に meta.tag に付ける（書き手の施設。サーバー自身や地域運用者の書き込みでは患者記録の managingOrganization。更新しても元の保有施設のまま）。クライアントが付けたタグは置き換えられるので、クライアントは付けない。コードは地域の Organization そのものなので、ここには列挙しない（1つも列挙しない fragment）。The participating facility that holds each resource of patient data. Codes are the logical ids of the region's Organization resources on the regional FHIR server (abc for Organization/abc). The server stamps the tag in meta.tag when it stores a resource (the writer's facility; for the server's own writes and a region operator's, the patient record's managingOrganization; an update keeps the original holder), never clients: a tag a client sends is replaced. The codes are the region's Organizations themselves, so none is listed here (an empty fragment)."
* ^url = "http://renkei.example.jp/fhir/CodeSystem/holding-facility"
* ^status = #draft
* ^caseSensitive = true
* ^experimental = false
// Not #not-present, though no code is listed: HAPI FHIR 8.8.0's validation chain (the server's and
// RenkeiPackageTest's) then rejects every resource carrying the tag ("Validation failed" at
// meta.tag), so every write of a stamped resource would fail. For an unknown code of a fragment it
// warns, as it warned before about the unknown code system.
* ^content = #fragment
