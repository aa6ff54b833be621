package graph

import (
	"context"
	"errors"
	"log/slog"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"golang.org/x/text/language"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/privacy"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/audit"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/database"
	"github.com/reseau-liens/portal/internal/platform/i18n"
	"github.com/reseau-liens/portal/internal/platform/requestid"
)

// ErrorPresenter turns any error into a GraphQL error with a code in its
// extensions. What the user can act on passes through; anything else is
// logged with the request ID and shown as INTERNAL with that ID only, so no
// SQL, path or stack ever reaches a client.
func ErrorPresenter(logger *slog.Logger) graphql.ErrorPresenterFunc {
	present := presenter(logger)
	return func(ctx context.Context, err error) *gqlerror.Error {
		gqlErr := present(ctx, err)
		if code := gqlErr.Extensions["code"]; code == string(apierror.Forbidden) || code == string(apierror.NotFound) {
			audit.NoteRefused(ctx) // logged if the record exists
		}
		return gqlErr
	}
}

func presenter(logger *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gqlErr := graphql.DefaultErrorPresenter(ctx, err)
		if code, ok := gqlErr.Extensions["code"]; ok && code != "" {
			if text, ok := gqlErr.Err.(localized); ok { // our validation's and guards', with their code
				gqlErr.Message, gqlErr.Err = text.In(i18n.FromContext(ctx)), nil
				return gqlErr
			}
			if gqlErr.Err == nil { // parse and validation errors from gqlgen itself
				if code == errcode.ParseFailed || code == errcode.ValidationFailed {
					wordSpecError(i18n.FromContext(ctx), gqlErr)
				}
				return gqlErr
			}
		}
		noteRetryable(ctx, err)
		code, message, field := classify(ctx, err)
		switch {
		case code == apierror.Internal:
			id := requestid.FromContext(ctx)
			logger.ErrorContext(ctx, "internal error", "request_id", id, "path", gqlErr.Path.String(), "error", err)
			message = i18n.T("error.internal", id).In(i18n.FromContext(ctx))
			gqlErr.Extensions = map[string]any{"code": string(code), "requestId": id}
		case code == apierror.Unavailable && database.IsUnavailable(err):
			id := requestid.FromContext(ctx)
			logger.WarnContext(ctx, "database unavailable", "request_id", id, "path", gqlErr.Path.String(), "error", err)
			gqlErr.Extensions = map[string]any{"code": string(code), "requestId": id}
		default:
			gqlErr.Extensions = map[string]any{"code": string(code)}
			if len(field) > 0 {
				gqlErr.Extensions["field"] = field
			}
		}
		gqlErr.Message = message
		gqlErr.Err = nil
		return gqlErr
	}
}

// classify maps an error to its code and the message a user may see, in
// the language of the request.
func classify(ctx context.Context, err error) (apierror.Code, string, []string) {
	code, text, field := classifyText(ctx, err)
	return code, text.In(i18n.FromContext(ctx)), field
}

// localized is the message of an error built where the request's
// language is unknown (a validation rule, whose results gqlgen may
// share): the presenter words it in the request's language.
type localized struct{ i18n.Message }

func (l localized) Error() string { return l.French() }

// verbatim is a text that has no key: a message of gqlgen or entgql,
// shown as they wrote it.
type verbatim string

func (v verbatim) In(language.Tag) string { return string(v) }

func classifyText(ctx context.Context, err error) (apierror.Code, i18n.Localizer, []string) {
	switch e, ok := apierror.As(err); {
	case ok:
		return e.Code, e.Text, e.Field
	case errors.Is(err, pulid.ErrMalformed):
		return apierror.BadUserInput, i18n.T("error.malformed_id"), nil
	case ent.IsNotFound(err) && onARecordsField(ctx):
		// The viewer reads a record but not the one its field leads to
		// (a family outside a prescriber's consent): the field is refused.
		// Its existence is no secret, since the record shows it has one.
		return apierror.Forbidden, i18n.T("error.not_allowed"), nil
	case ent.IsNotFound(err):
		return apierror.NotFound, i18n.T("error.not_found"), nil
	case errors.Is(err, privacy.Deny):
		return apierror.Forbidden, i18n.T("error.not_allowed"), nil
	case ent.IsValidationError(err):
		return apierror.BadUserInput, validationMessage(err), nil
	case ent.IsConstraintError(err):
		return apierror.Conflict, i18n.T("error.conflict"), nil
	case isCursorError(err):
		return apierror.BadUserInput, i18n.T("error.malformed_cursor"), nil
	case hasPrefix(err, "ent: empty predicate"):
		return apierror.BadUserInput, i18n.T("error.empty_filter"), nil
	case isInputError(ctx, err):
		return apierror.BadUserInput, i18n.T("error.invalid_argument", errors.Unwrap(err).Error()), nil
	case errors.Is(err, context.DeadlineExceeded):
		return apierror.Unavailable, i18n.T("error.too_long"), nil
	case database.IsSerializationFailure(err):
		return apierror.Conflict, i18n.T("error.concurrent_change"), nil
	case database.IsUnavailable(err):
		return apierror.Unavailable, i18n.T("error.database_down"), nil
	default:
		var gqlErr *gqlerror.Error
		if errors.As(err, &gqlErr) && gqlErr.Err == nil {
			if code, ok := gqlErr.Extensions["code"].(string); ok && code != "" {
				return apierror.Code(code), verbatim(gqlErr.Message), nil // e.g. entgql's NOT_FOUND
			}
			return apierror.BadUserInput, verbatim(gqlErr.Message), nil
		}
		return apierror.Internal, verbatim(""), nil
	}
}

// onARecordsField reports whether the error arose in a field of a record,
// not in a root field (node, a lookup by id, a mutation's own answer).
func onARecordsField(ctx context.Context) bool {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Parent == nil {
		return false // a root field, or no field at all
	}
	switch fc.Object {
	case "Query", "Mutation", "Subscription":
		return false
	}
	return true
}

// validationMessage keeps ent's field name and reason, which speak of the
// input, not of the database.
func validationMessage(err error) i18n.Message {
	var ve *ent.ValidationError
	if errors.As(err, &ve) {
		return i18n.T("error.invalid_value", ve.Name)
	}
	return i18n.T("error.invalid_input")
}

// Recover turns a panic in a resolver into an INTERNAL error; the stack
// goes to the log, never to the client.
func Recover(logger *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, p any) error {
		logger.ErrorContext(ctx, "panic in resolver", "request_id", requestid.FromContext(ctx), "panic", p)
		return errors.New("panic") // classified as INTERNAL by the presenter
	}
}

// isCursorError recognises entgql's cursor decoding failure, which has no
// type of its own.
func isCursorError(err error) bool { return hasPrefix(err, "cannot decode cursor") }

// hasPrefix reports whether err or an error it wraps starts with prefix,
// for errors of generated code that have no type of their own.
func hasPrefix(err error, prefix string) bool {
	for ; err != nil; err = errors.Unwrap(err) {
		if strings.HasPrefix(err.Error(), prefix) {
			return true
		}
	}
	return false
}

// isInputError recognises a failure to read an argument. Every error
// reaches the presenter as a GraphQL error at a path; a resolver's error is
// at the field's own path, while gqlgen's input unmarshalers put theirs at
// the argument's path, below the field's (e.g. families.where.createdAtGT)
// and their messages speak of the input ("time should be RFC3339Nano
// formatted string").
func isInputError(ctx context.Context, err error) bool {
	gqlErr, ok := err.(*gqlerror.Error)
	if !ok || gqlErr.Err == nil || database.IsUnavailable(gqlErr.Err) {
		return false
	}
	field := graphql.GetPath(ctx)
	if len(gqlErr.Path) <= len(field) {
		return false
	}
	for i := range field {
		if field[i] != gqlErr.Path[i] {
			return false
		}
	}
	return true
}
