// Package store is secexport's embedded storage: one SQLite database in WAL mode
// holding configuration (automations, assessment metadata), posture state (the
// current version of every record) and the outbox (an append-only event log with
// one delivery cursor per action, plus dead letters).
//
// All writes go through one committer goroutine that runs every write queued at
// the moment in a single transaction, each in its own savepoint, so concurrent
// requests share one sync to disk (group commit) and a failing write rolls back
// alone. A write is acknowledged only after its transaction is durable.
package store
