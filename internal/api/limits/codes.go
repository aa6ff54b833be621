package limits

import "github.com/reseau-liens/portal/internal/platform/apierror"

// The codes of the refusals of this package.
const (
	QueryTooDeep         apierror.Code = "QUERY_TOO_DEEP"
	QueryTooCostly       apierror.Code = "QUERY_TOO_COSTLY"
	TooManyAliases       apierror.Code = "TOO_MANY_ALIASES"
	QueryTooLarge        apierror.Code = "QUERY_TOO_LARGE"
	TooManyFields        apierror.Code = "TOO_MANY_FIELDS"
	RateLimited          apierror.Code = "RATE_LIMITED"
	RequestTooLarge      apierror.Code = "REQUEST_TOO_LARGE"
	UnsupportedMediaType apierror.Code = "UNSUPPORTED_MEDIA_TYPE"
	BatchNotSupported    apierror.Code = "BATCH_NOT_SUPPORTED"
	MalformedRequest     apierror.Code = "MALFORMED_REQUEST"
)

// MethodNotAllowed refuses an HTTP method the endpoint does not serve
// for that request (405 with Allow): a mutation over GET, PUT, DELETE.
const MethodNotAllowed apierror.Code = "METHOD_NOT_ALLOWED"

// FieldRepeated refuses a selection set writing one field more than
// Documents.MaxRepeats times (graphql-cop's field duplication).
const FieldRepeated apierror.Code = "FIELD_REPEATED"
