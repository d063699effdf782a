package export

import (
	"strings"

	"github.com/secexport/secexport/internal/posture/armjson"
)

// An alert is exported flat, in the PascalCase SecurityAlert shape that
// continuous export, workflow automation and Sentinel share, not in its ARM
// shape. The fields, in Azure's order, and where each comes from in the ARM
// alert (Microsoft.Security/locations/alerts, api-version 2022-01-01):
//
//	VendorName               properties.vendorName, default "Microsoft"
//	AlertType                properties.alertType
//	ProductName              properties.productName, default "Microsoft Defender for Cloud"
//	StartTimeUtc             properties.startTimeUtc
//	EndTimeUtc               properties.endTimeUtc
//	TimeGenerated            properties.timeGeneratedUtc
//	ProcessingEndTime        properties.processingEndTimeUtc
//	Severity                 properties.severity
//	Status                   properties.status, with ARM's "Active" written "New" as the
//	                         export model spells it (InProgress, Dismissed, Resolved as they are)
//	ProviderAlertStatus      properties.providerAlertStatus, else null (ARM has no such field)
//	ConfidenceLevel          properties.confidenceLevel, else null
//	ConfidenceScore          properties.confidenceScore, else null
//	ConfidenceReasons        properties.confidenceReasons, else null
//	IsIncident               properties.isIncident, default false
//	SystemAlertId            properties.systemAlertId, default the alert's name
//	CorrelationKey           properties.correlationKey
//	Intent                   properties.intent
//	AzureResourceId          azureResourceId of the first AzureResource resource identifier
//	WorkspaceId              workspaceId of the first LogAnalytics resource identifier
//	WorkspaceSubscriptionId  workspaceSubscriptionId of that identifier
//	WorkspaceResourceGroup   workspaceResourceGroup of that identifier, "" without one
//	AgentId                  agentId of that identifier, "" without one
//	CompromisedEntity        properties.compromisedEntity
//	AlertDisplayName         properties.alertDisplayName
//	Description              properties.description
//	Entities                 properties.entities, object keys PascalCased at every depth
//	                         ("$id"/"$ref" kept), [] when absent
//	ExtendedLinks            properties.extendedLinks as given
//	RemediationSteps         properties.remediationSteps, [] when absent
//	ExtendedProperties       properties.extendedProperties, keys PascalCased, plus fields
//	                         Azure puts there (see appendExtendedProperties)
//	ResourceIdentifiers      properties.resourceIdentifiers, keys PascalCased, and
//	                         AzureResourceTenantId (the tenant) added to AzureResource ones
//	AlertUri                 properties.alertUri
//
// A field without a source and without a default above is null, except
// WorkspaceResourceGroup and AgentId, which are "" as in Azure's captured
// events. properties.version and properties.supportingEvidence have no place
// in the export model and are not exported; techniques and subTechniques go
// into ExtendedProperties. Azure never deletes alerts; an alert exported with
// action Delete is written like any other, with its stored status.
func appendAlert(b []byte, r resource, tenantID string) []byte {
	p := r.props
	ids := identifiersOf(p.Get("resourceIdentifiers"))
	azureID, la := ids.azureResourceID(), ids.logAnalytics()

	b = append(b, `{"VendorName":`...)
	b = appendOr(b, p.Get("vendorName"), `"Microsoft"`)
	b = append(b, `,"AlertType":`...)
	b = appendOr(b, p.Get("alertType"), "null")
	b = append(b, `,"ProductName":`...)
	b = appendOr(b, p.Get("productName"), `"Microsoft Defender for Cloud"`)
	b = append(b, `,"StartTimeUtc":`...)
	b = appendOr(b, p.Get("startTimeUtc"), "null")
	b = append(b, `,"EndTimeUtc":`...)
	b = appendOr(b, p.Get("endTimeUtc"), "null")
	b = append(b, `,"TimeGenerated":`...)
	b = appendOr(b, p.Get("timeGeneratedUtc"), "null")
	b = append(b, `,"ProcessingEndTime":`...)
	b = appendOr(b, p.Get("processingEndTimeUtc"), "null")
	b = append(b, `,"Severity":`...)
	b = appendOr(b, p.Get("severity"), "null")
	b = append(b, `,"Status":`...)
	b = appendStatus(b, p.Get("status"))
	b = append(b, `,"ProviderAlertStatus":`...)
	b = appendOr(b, p.Get("providerAlertStatus"), "null")
	b = append(b, `,"ConfidenceLevel":`...)
	b = appendOr(b, p.Get("confidenceLevel"), "null")
	b = append(b, `,"ConfidenceScore":`...)
	b = appendOr(b, p.Get("confidenceScore"), "null")
	b = append(b, `,"ConfidenceReasons":`...)
	b = appendOr(b, p.Get("confidenceReasons"), "null")
	b = append(b, `,"IsIncident":`...)
	b = appendOr(b, p.Get("isIncident"), "false")
	b = append(b, `,"SystemAlertId":`...)
	b = appendOr(b, p.Get("systemAlertId"), string(r.name))
	b = append(b, `,"CorrelationKey":`...)
	b = appendOr(b, p.Get("correlationKey"), "null")
	b = append(b, `,"Intent":`...)
	b = appendOr(b, p.Get("intent"), "null")
	b = append(b, `,"AzureResourceId":`...)
	b = appendOr(b, azureID, "null")
	b = append(b, `,"WorkspaceId":`...)
	b = appendOr(b, la.Get("workspaceId"), "null")
	b = append(b, `,"WorkspaceSubscriptionId":`...)
	b = appendOr(b, la.Get("workspaceSubscriptionId"), "null")
	b = append(b, `,"WorkspaceResourceGroup":`...)
	b = appendOr(b, la.Get("workspaceResourceGroup"), `""`)
	b = append(b, `,"AgentId":`...)
	b = appendOr(b, la.Get("agentId"), `""`)
	b = append(b, `,"CompromisedEntity":`...)
	b = appendOr(b, p.Get("compromisedEntity"), "null")
	b = append(b, `,"AlertDisplayName":`...)
	b = appendOr(b, p.Get("alertDisplayName"), "null")
	b = append(b, `,"Description":`...)
	b = appendOr(b, p.Get("description"), "null")
	b = append(b, `,"Entities":`...)
	b = appendPascal(b, orEmptyArray(p.Get("entities")))
	b = append(b, `,"ExtendedLinks":`...)
	b = appendOr(b, p.Get("extendedLinks"), "null")
	b = append(b, `,"RemediationSteps":`...)
	b = appendOr(b, p.Get("remediationSteps"), "[]")
	b = append(b, `,"ExtendedProperties":`...)
	b = appendExtendedProperties(b, p, azureID)
	b = append(b, `,"ResourceIdentifiers":`...)
	b = ids.appendTo(b, tenantID)
	b = append(b, `,"AlertUri":`...)
	b = appendOr(b, p.Get("alertUri"), "null")
	return append(b, '}')
}

// appendStatus writes an ARM alert status in the export model's spelling.
func appendStatus(b, raw []byte) []byte {
	if raw == nil || armjson.StringFold(raw, "Active") {
		return append(b, `"New"`...)
	}
	return append(b, raw...)
}

// appendExtendedProperties writes ExtendedProperties: the alert's
// extendedProperties with each key's first letter upper-cased, then, where
// absent, what Azure's exported alerts carry there and the ARM alert holds
// elsewhere: EffectiveAzureResourceId, CompromisedEntity, ProductComponentName
// and EffectiveSubscriptionId, in that order, and the MITRE techniques and
// subTechniques as JSON array text (the bag holds strings; the SecurityAlert
// table's Techniques column has the same text).
//
// The ARM API lower-cases the first letter of every key of this bag ("alert
// Id", "effectiveSubscriptionId"), and the export does not ("Resource type",
// "EffectiveSubscriptionId"), except for resourceType, which both spell so.
func appendExtendedProperties(b []byte, p armjson.Object, azureID []byte) []byte {
	var ep armjson.Object
	if raw := p.Get("extendedProperties"); armjson.IsObject(raw) {
		ep, _ = armjson.Split(raw)
	}
	b = append(b, '{')
	n := 0
	for _, m := range ep {
		b = appendSep(b, n)
		if string(m.Key) == "resourceType" {
			b = armjson.AppendMember(b, m.Key, m.Value)
		} else {
			b = appendPascalKey(b, m.Key)
			b = append(b, m.Value...)
		}
		n++
	}
	add := func(key string, value []byte) {
		if value == nil || armjson.IsNull(value) || ep.Index(key) >= 0 {
			return
		}
		b = appendSep(b, n)
		b = armjson.AppendMember(b, []byte(key), value)
		n++
	}
	add("EffectiveAzureResourceId", azureID)
	add("CompromisedEntity", p.Get("compromisedEntity"))
	add("ProductComponentName", p.Get("productComponentName"))
	add("EffectiveSubscriptionId", subscriptionOf(azureID))
	add("Techniques", arrayText(p.Get("techniques")))
	add("SubTechniques", arrayText(p.Get("subTechniques")))
	return append(b, '}')
}

// subscriptionOf returns the subscription id in the resource id raw, as a JSON
// string, or nil.
func subscriptionOf(raw []byte) []byte {
	id, ok := armjson.Unquote(raw)
	if !ok || len(id) < len("/subscriptions/") || !strings.EqualFold(id[:len("/subscriptions/")], "/subscriptions/") {
		return nil
	}
	sub, _, _ := strings.Cut(id[len("/subscriptions/"):], "/")
	if sub == "" {
		return nil
	}
	return armjson.Quote(sub)
}

// arrayText returns the JSON array raw as a JSON string holding its text.
func arrayText(raw []byte) []byte {
	if !armjson.IsArray(raw) {
		return nil
	}
	return armjson.Quote(string(raw))
}

func orEmptyArray(raw []byte) []byte {
	if raw == nil || armjson.IsNull(raw) {
		return []byte("[]")
	}
	return raw
}

// appendPascal writes raw with every object key's first letter upper-cased,
// at every depth: the ARM API camel-cases the keys of the export model.
func appendPascal(b, raw []byte) []byte {
	switch {
	case armjson.IsObject(raw):
		o, err := armjson.Split(raw)
		if err != nil {
			return append(b, raw...)
		}
		b = append(b, '{')
		for i, m := range o {
			b = appendSep(b, i)
			b = appendPascalKey(b, m.Key)
			b = appendPascal(b, m.Value)
		}
		return append(b, '}')
	case armjson.IsArray(raw):
		elems, err := armjson.Elements(raw)
		if err != nil {
			return append(b, raw...)
		}
		b = append(b, '[')
		for i, e := range elems {
			b = appendSep(b, i)
			b = appendPascal(b, e)
		}
		return append(b, ']')
	}
	return append(b, raw...)
}

// appendPascalKey writes "Key": with key's first letter upper-cased.
func appendPascalKey(b, key []byte) []byte {
	b = append(b, '"')
	if len(key) > 0 && 'a' <= key[0] && key[0] <= 'z' {
		b = append(b, key[0]-('a'-'A'))
		key = key[1:]
	}
	b = append(b, key...)
	return append(b, '"', ':')
}

// identifiers are an alert's resource identifiers.
type identifiers []armjson.Object

func identifiersOf(raw []byte) identifiers {
	if !armjson.IsArray(raw) {
		return nil
	}
	elems, err := armjson.Elements(raw)
	if err != nil {
		return nil
	}
	ids := make(identifiers, 0, len(elems))
	for _, e := range elems {
		if o, err := armjson.Split(e); err == nil {
			ids = append(ids, o)
		}
	}
	return ids
}

func (ids identifiers) ofType(typ string) armjson.Object {
	for _, o := range ids {
		if armjson.StringFold(o.Get("type"), typ) {
			return o
		}
	}
	return nil
}

func (ids identifiers) azureResourceID() []byte {
	return ids.ofType("AzureResource").Get("azureResourceId")
}

func (ids identifiers) logAnalytics() armjson.Object { return ids.ofType("LogAnalytics") }

// appendTo writes the identifiers with PascalCase keys, adding the tenant to
// AzureResource identifiers that lack it.
func (ids identifiers) appendTo(b []byte, tenantID string) []byte {
	b = append(b, '[')
	for i, o := range ids {
		b = appendSep(b, i)
		b = append(b, '{')
		for j, m := range o {
			b = appendSep(b, j)
			b = appendPascalKey(b, m.Key)
			b = append(b, m.Value...)
		}
		if tenantID != "" && armjson.StringFold(o.Get("type"), "AzureResource") && o.Index("azureResourceTenantId") < 0 {
			b = appendSep(b, len(o))
			b = append(b, `"AzureResourceTenantId":`...)
			b = armjson.AppendQuote(b, tenantID)
		}
		b = append(b, '}')
	}
	return append(b, ']')
}
