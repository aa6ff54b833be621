package workshop_test

import "github.com/reseau-liens/portal/internal/platform/clock"

// paris is where the demo provider's sessions are held and mails dated.
var paris = clock.Paris

// in wraps an input as the variables of a document taking it as $in.
func in(input map[string]any) map[string]any { return map[string]any{"in": input} }
