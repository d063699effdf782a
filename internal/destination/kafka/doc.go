// Package kafka delivers exported events to a Kafka topic: any Kafka cluster, and
// Azure Event Hubs through its Kafka endpoint (package eventhub builds the Config
// for that).
//
// Each event becomes one record whose key is the id of the exported record, so
// that one record's events stay in order on one partition, whose value is the
// exported JSON byte for byte, and whose headers carry the event id, the event
// source, the snapshot flag and the content type. Records are produced
// idempotently and in batches by franz-go.
//
// A Destination reports outcomes; it does not retry on its own beyond what the
// Kafka client does within one Send. Package deliver decides what to do with a
// failure: errors marked deliver.Permanent (an event larger than the topic
// accepts) go to dead letters, every other error is retried.
package kafka
