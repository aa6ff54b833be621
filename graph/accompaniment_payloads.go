package graph

import (
	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/internal/platform/apierror"
)

// The payloads of the accompaniment workflow: a domain function's result
// and its rule violations as user errors; any other error fails the
// mutation (and rolls its transaction back).

func accompanimentPayload(a *ent.Accompaniment, err error) (*AccompanimentPayload, error) {
	errs, err := apierror.Errors(err)
	if err != nil || len(errs) > 0 {
		return &AccompanimentPayload{Errors: errs}, err
	}
	return &AccompanimentPayload{Accompaniment: a, Errors: errs}, nil
}

func contactEventPayload(e *ent.ContactEvent, err error) (*ContactEventPayload, error) {
	errs, err := apierror.Errors(err)
	if err != nil || len(errs) > 0 {
		return &ContactEventPayload{Errors: errs}, err
	}
	return &ContactEventPayload{ContactEvent: e, Errors: errs}, nil
}

func documentPayload(d *ent.Document, err error) (*DocumentPayload, error) {
	errs, err := apierror.Errors(err)
	if err != nil || len(errs) > 0 {
		return &DocumentPayload{Errors: errs}, err
	}
	return &DocumentPayload{Document: d, Errors: errs}, nil
}
