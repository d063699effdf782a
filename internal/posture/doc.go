// Package posture knows what a posture record is and what counts as a change to
// one: Parse and Assessment turn ARM-shaped input into a validated, normalised
// model.Record; Merge decides whether replacing the stored record is an
// exportable change and carries the fields the server maintains (an assessment's
// evaluation dates); WithMetadata joins an assessment to its metadata.
//
// Bodies are handled as raw JSON (package armjson): whatever a producer sends is
// kept, in its order, and the hot path decodes only the handful of fields that
// decide identity and state.
package posture
