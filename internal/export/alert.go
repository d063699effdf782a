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

	w := fields{b: append(b, '{')}
	w.value("VendorName", p.Get("vendorName"), `"Microsoft"`)
	w.value("AlertType", p.Get("alertType"), "null")
	w.value("ProductName", p.Get("productName"), `"Microsoft Defender for Cloud"`)
	w.value("StartTimeUtc", p.Get("startTimeUtc"), "null")
	w.value("EndTimeUtc", p.Get("endTimeUtc"), "null")
	w.value("TimeGenerated", p.Get("timeGeneratedUtc"), "null")
	w.value("ProcessingEndTime", p.Get("processingEndTimeUtc"), "null")
	w.value("Severity", p.Get("severity"), "null")
	w.value("Status", exportStatus(p.Get("status")), "null")
	w.value("ProviderAlertStatus", p.Get("providerAlertStatus"), "null")
	w.value("ConfidenceLevel", p.Get("confidenceLevel"), "null")
	w.value("ConfidenceScore", p.Get("confidenceScore"), "null")
	w.value("ConfidenceReasons", p.Get("confidenceReasons"), "null")
	w.value("IsIncident", p.Get("isIncident"), "false")
	w.value("SystemAlertId", orElse(p.Get("systemAlertId"), r.name), "null")
	w.value("CorrelationKey", p.Get("correlationKey"), "null")
	w.value("Intent", p.Get("intent"), "null")
	w.value("AzureResourceId", azureID, "null")
	w.value("WorkspaceId", la.Get("workspaceId"), "null")
	w.value("WorkspaceSubscriptionId", la.Get("workspaceSubscriptionId"), "null")
	w.value("WorkspaceResourceGroup", la.Get("workspaceResourceGroup"), `""`)
	w.value("AgentId", la.Get("agentId"), `""`)
	w.value("CompromisedEntity", p.Get("compromisedEntity"), "null")
	w.value("AlertDisplayName", p.Get("alertDisplayName"), "null")
	w.value("Description", p.Get("description"), "null")
	w.key("Entities")
	w.b = appendPascal(w.b, orElse(p.Get("entities"), []byte("[]")))
	w.value("ExtendedLinks", p.Get("extendedLinks"), "null")
	w.value("RemediationSteps", p.Get("remediationSteps"), "[]")
	w.key("ExtendedProperties")
	w.b = appendExtendedProperties(w.b, p, azureID)
	w.key("ResourceIdentifiers")
	w.b = ids.appendTo(w.b, tenantID)
	w.value("AlertUri", p.Get("alertUri"), "null")
	return append(w.b, '}')
}

// fields writes the members of a JSON object.
type fields struct {
	b []byte
	n int
}

// key writes the separator and "name": of the next member.
func (w *fields) key(name string) {
	if w.n > 0 {
		w.b = append(w.b, ',')
	}
	w.n++
	w.b = append(w.b, '"')
	w.b = append(w.b, name...)
	w.b = append(w.b, '"', ':')
}

// value writes the member name: raw, or def when raw is absent or null.
func (w *fields) value(name string, raw []byte, def string) {
	w.key(name)
	w.b = appendOr(w.b, raw, def)
}

var quotedNew = []byte(`"New"`)

// exportStatus spells an ARM alert status as the export model does.
func exportStatus(raw []byte) []byte {
	if armjson.StringFold(raw, "Active") {
		return quotedNew
	}
	return raw
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
