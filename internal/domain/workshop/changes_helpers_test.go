package workshop_test

// in wraps an input as the variables of a document taking it as $in.
func in(input map[string]any) map[string]any { return map[string]any{"in": input} }
