// Package workspace is secexport's embedded Log Analytics workspace: the six
// tables continuous export writes (SecurityAlert, SecurityRecommendation,
// SecureScores, SecureScoreControls, SecurityRegulatoryCompliance,
// SecurityNestedRecommendation) with Azure Monitor's exact columns, the
// mapping from an exported payload to a table row, storage in DuckDB (one
// database file, one schema of six tables per workspace, loaded through the
// Appender), retention, and KQL queries answered in the shape of the Azure
// Monitor Logs query API.
//
// A workspace is named by its customerId, the GUID that Azure's workspaces
// API returns and the query API takes. The workspaces' ARM resources live in
// the SQLite store (package store); Service ties the two together.
package workspace
