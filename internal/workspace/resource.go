package workspace

import (
	"encoding/json"
	"fmt"
)

// ResourceType is the ARM type of a workspace.
const ResourceType = "Microsoft.OperationalInsights/workspaces"

// Resource is a workspace's ARM resource as Azure's workspaces API serves it
// (api-version 2022-10-01 and later), plus secexport's logsIngestion.
type Resource struct {
	ID         string            `json:"id"`
	Name       string            `json:"name"`
	Type       string            `json:"type"`
	Location   string            `json:"location"`
	Tags       map[string]string `json:"tags,omitempty"`
	Properties Properties        `json:"properties"`
}

// Properties are a workspace's properties.
type Properties struct {
	CustomerID                      string `json:"customerId"`
	ProvisioningState               string `json:"provisioningState"`
	Sku                             Sku    `json:"sku"`
	RetentionInDays                 int    `json:"retentionInDays"`
	PublicNetworkAccessForQuery     string `json:"publicNetworkAccessForQuery"`
	PublicNetworkAccessForIngestion string `json:"publicNetworkAccessForIngestion"`
	CreatedDate                     string `json:"createdDate,omitempty"`
	ModifiedDate                    string `json:"modifiedDate,omitempty"`
	// LogsIngestion, a secexport extension, makes the workspace stand for an
	// Azure Log Analytics workspace: Workspace actions naming it export there
	// through the Logs Ingestion API instead of to the embedded tables.
	LogsIngestion *LogsIngestion `json:"logsIngestion,omitempty"`
}

// Sku is a workspace's pricing tier.
type Sku struct {
	Name string `json:"name"`
}

// LogsIngestion says where in Azure a workspace's data goes: a data
// collection endpoint and rule whose streams {StreamPrefix}{Table} take the
// six tables' rows.
type LogsIngestion struct {
	// Endpoint is the logs ingestion endpoint of the data collection
	// endpoint or rule (https://….ingest.monitor.azure.com).
	Endpoint string `json:"endpoint"`
	// RuleID is the data collection rule's immutable id (dcr-…).
	RuleID string `json:"ruleId"`
	// StreamPrefix is put before the table name to name a stream
	// ("Custom-" when empty).
	StreamPrefix string `json:"streamPrefix,omitempty"`
	// Gzip compresses the requests.
	Gzip bool `json:"gzip,omitempty"`
}

// ParseResource decodes a stored workspace resource.
func ParseResource(body []byte) (Resource, error) {
	var r Resource
	if err := json.Unmarshal(body, &r); err != nil {
		return Resource{}, fmt.Errorf("workspace resource: %w", err)
	}
	return r, nil
}
