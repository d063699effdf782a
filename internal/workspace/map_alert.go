package workspace

import "github.com/secexport/secexport/internal/posture/armjson"

// alertProvider is the ProviderName of Defender for Cloud's alerts in Log
// Analytics.
const alertProvider = "Azure Security Center"

// mapAlert fills a SecurityAlert row from an alert exported in the flat
// SecurityAlert shape, and returns the resource the alert is about.
func mapAlert(r Row, a armjson.Object) string {
	ext := object(a.Get("ExtendedProperties"))
	name := str(a.Get("AlertDisplayName"))
	resourceID := str(a.Get("AzureResourceId"))
	r.Set("AlertLink", str(a.Get("AlertUri")))
	r.Set("AlertName", name)
	r.Set("AlertSeverity", str(a.Get("Severity")))
	r.Set("AlertType", str(a.Get("AlertType")))
	r.Set("CompromisedEntity", str(a.Get("CompromisedEntity")))
	r.Set("ConfidenceLevel", str(a.Get("ConfidenceLevel")))
	r.Set("ConfidenceScore", float(a.Get("ConfidenceScore")))
	r.Set("Description", str(a.Get("Description")))
	r.Set("DisplayName", name)
	r.Set("EndTime", datetime(a.Get("EndTimeUtc")))
	r.Set("Entities", text(a.Get("Entities")))
	r.Set("ExtendedLinks", text(a.Get("ExtendedLinks")))
	r.Set("ExtendedProperties", text(a.Get("ExtendedProperties")))
	r.Set("IsIncident", boolean(a.Get("IsIncident")))
	r.Set("ProcessingEndTime", datetime(a.Get("ProcessingEndTime")))
	r.Set("ProductComponentName", str(ext.Get("ProductComponentName")))
	r.Set("ProductName", str(a.Get("ProductName")))
	r.Set("ProviderName", alertProvider)
	r.Set("RemediationSteps", text(a.Get("RemediationSteps")))
	r.Set("ResourceId", resourceID)
	r.Set("SourceComputerId", str(a.Get("AgentId")))
	r.Set("StartTime", datetime(a.Get("StartTimeUtc")))
	r.Set("Status", str(a.Get("Status")))
	r.Set("SubTechniques", text(ext.Get("SubTechniques")))
	r.Set("SystemAlertId", str(a.Get("SystemAlertId")))
	r.Set("Tactics", str(a.Get("Intent")))
	r.Set("Techniques", text(ext.Get("Techniques")))
	r.Set("VendorName", str(a.Get("VendorName")))
	r.Set("VendorOriginalId", str(a.Get("SystemAlertId")))
	r.Set("WorkspaceResourceGroup", str(a.Get("WorkspaceResourceGroup")))
	r.Set("WorkspaceSubscriptionId", str(a.Get("WorkspaceSubscriptionId")))
	if resourceID == "" {
		resourceID = str(ext.Get("EffectiveAzureResourceId"))
	}
	return resourceID
}
