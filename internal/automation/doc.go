// Package automation owns secexport's automation resources
// (Microsoft.Security/automations): their ARM JSON shape, decoding and
// validation with errors that name the offending field, the public view that
// never shows a secret, the evaluation of an automation's rules against an
// exported event, and the index the router uses to find, for one event, every
// action it must be delivered to.
//
// # Rule evaluation
//
// A rule's propertyJPath is a path into the exported event payload (the JSON a
// destination receives, decoded with encoding/json into any). A leading "$."
// or "$" is ignored; the rest is a dotted list of property names, each
// optionally followed by array indexes, as in "Entities[0].Type". A property is
// looked up by its exact name first and then case-insensitively, because
// Azure's own rules mix casings ("Severity" for alerts,
// "properties.metadata.severity" for assessments).
//
// The property type decides how the value is compared:
//
//   - String: the value's string form is compared case-insensitively with the
//     expected value. Numbers and booleans are stringified as encoding/json
//     writes them, so Equals "5" holds for the number 5. Contains, StartsWith
//     and EndsWith are case-insensitive too.
//   - Integer and Number: the value must be a JSON number or a string holding a
//     decimal number; the comparison is numeric (exact for integers that fit
//     in an int64).
//   - Boolean: the value must be a JSON boolean or the string "true" or
//     "false" (any case).
//
// A property that is missing or null, or whose value cannot be read as the
// rule's type (an object, an array, "abc" for an Integer rule), makes NotEquals
// hold and every other operator fail: the event does not have the expected
// value. A rule set holds when all its rules hold, so a rule set with no rules
// always holds; a source matches an event of its event source when it has no
// rule sets or when any of its rule sets holds.
package automation
