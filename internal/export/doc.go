// Package export renders a posture record as the continuous-export event a
// destination receives, byte for byte in Azure's shapes: assessments,
// sub-assessments, regulatory compliance assessments, secure scores and
// controls as the ARM resource inside enrichment blocks; alerts flat, in the
// PascalCase SecurityAlert shape (see alert.go for the field mapping).
//
// Output is written directly from the record's raw body, in a fixed key order,
// without decoding it into maps.
package export
