// Package accompaniment owns the rules of the accompaniment workflow, from
// a prescriber's request to the final report: the status machine, the
// consent, eligibility, capacity and convention checks of a validation,
// the dates of contacts and reports, the documents and their revisions,
// the continuation of a MIP as a MADI, and the activity figures.
//
// Every step checks all its rules before its first write, so that a
// refused step (an *apierror.Error) leaves nothing behind, and writes with
// the caller's context, so that the privacy rules of package access decide
// who may take each step.
package accompaniment
