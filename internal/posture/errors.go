package posture

import "fmt"

// FieldError reports input that fails validation. Field is the JSON path of the
// offending field ("properties.status.code"), or "id", "type", "name" and
// "resourceId" for the parts of an ARM request.
type FieldError struct {
	Field string
	Msg   string
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Msg }

func fieldErr(field, format string, args ...any) error {
	return &FieldError{Field: field, Msg: fmt.Sprintf(format, args...)}
}
