// Package eventhub delivers exported events to Azure Event Hubs through its Kafka
// endpoint, and understands Event Hubs connection strings.
package eventhub
