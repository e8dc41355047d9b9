Profile: RenkeiBedLocation
Parent: JP_Location
Id: renkei-bed-location
Title: "Renkei Bed Location 病床"
Description: "参加施設の1床（ベッド）とその稼働状況。空床情報の共有に用いる。One bed of a participating facility and its current occupancy, shared for bed-availability look-ups."
* ^status = #draft
* identifier MS
* status 1..1 MS
* operationalStatus 1..1 MS
* operationalStatus from $v2-0116-vs (required)
* operationalStatus ^short = "病床の状態 O:使用中 U:空床 C:閉鎖 H:清掃中 K:汚染 I:隔離 / bed status (HL7 v2 table 0116)"
* name 1..1 MS
* mode = #instance
* type MS
* physicalType 1..1 MS
* physicalType = $LocationPhysicalType#bd
* physicalType ^short = "ベッド（bd 固定） / always bed"
* managingOrganization 1..1 MS
* managingOrganization only Reference(RenkeiOrganization)
* managingOrganization ^short = "病床を管理する参加施設 / the facility the bed belongs to"
* partOf 1..1 MS
* partOf ^short = "病棟（または病室） / the ward (or room) the bed is in"

Instance: renkei-location-chiba-minato-ward-5e
InstanceOf: JP_Location
Title: "千葉みなと中央病院 5階東病棟"
Description: "病床の親となる病棟（架空）。The ward that holds the example beds (fictitious)."
Usage: #example
* status = #active
* name = "5階東病棟（内科）"
* mode = #instance
* type = $v3-RoleCode#HU "hospital unit"
* physicalType = $LocationPhysicalType#wa "Ward"
* managingOrganization = Reference(renkei-organization-chiba-minato-hospital)

Instance: renkei-bed-chiba-minato-5e-512-2
InstanceOf: RenkeiBedLocation
Title: "5階東病棟 512号室 2番ベッド（空床）"
Description: "空床の一般病床（架空）。An unoccupied general bed (fictitious)."
Usage: #example
* identifier[0].system = "http://renkei.example.jp/fhir/hospital/1210112346/bed-id"
* identifier[0].value = "5E-512-2"
* status = #active
* operationalStatus = $v2-0116#U "Unoccupied"
* name = "5階東病棟 512号室 2番ベッド"
* mode = #instance
* physicalType = $LocationPhysicalType#bd "Bed"
* managingOrganization = Reference(renkei-organization-chiba-minato-hospital)
* partOf = Reference(renkei-location-chiba-minato-ward-5e)

Instance: renkei-bed-chiba-minato-5e-512-3
InstanceOf: RenkeiBedLocation
Title: "5階東病棟 512号室 3番ベッド（隔離）"
Description: "感染対策で隔離中の病床（架空）。A bed in isolation for infection control (fictitious)."
Usage: #example
* identifier[0].system = "http://renkei.example.jp/fhir/hospital/1210112346/bed-id"
* identifier[0].value = "5E-512-3"
* status = #active
* operationalStatus = $v2-0116#I "Isolated"
* name = "5階東病棟 512号室 3番ベッド"
* mode = #instance
* physicalType = $LocationPhysicalType#bd "Bed"
* managingOrganization = Reference(renkei-organization-chiba-minato-hospital)
* partOf = Reference(renkei-location-chiba-minato-ward-5e)
