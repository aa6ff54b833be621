package graph

import (
	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/internal/domain/auth"
	"github.com/reseau-liens/portal/internal/domain/notify"
	"github.com/reseau-liens/portal/internal/platform/apierror"
)

// payload is how every mutation answers: wrap builds the payload from the
// service's result and its rule violations (user errors). A refused step
// shows only its errors, never a half-made record; any other error fails
// the mutation, which rolls its transaction back.
func payload[R, P any](wrap func(R, []*apierror.Error) P) func(R, error) (P, error) {
	return func(record R, err error) (P, error) {
		errs, err := apierror.Errors(err)
		if err != nil || len(errs) > 0 {
			var refused R
			return wrap(refused, errs), err
		}
		return wrap(record, errs), nil
	}
}

// payload2 is payload for a step with two results.
func payload2[A, B, P any](wrap func(A, B, []*apierror.Error) P) func(A, B, error) (P, error) {
	type pair struct {
		a A
		b B
	}
	both := payload(func(p pair, errs []*apierror.Error) P { return wrap(p.a, p.b, errs) })
	return func(a A, b B, err error) (P, error) { return both(pair{a, b}, err) }
}

// The payloads, one builder each, for payload and payload2.

func accompanimentPayload(a *ent.Accompaniment, errs []*apierror.Error) *AccompanimentPayload {
	return &AccompanimentPayload{Accompaniment: a, Errors: errs}
}

func contactEventPayload(e *ent.ContactEvent, errs []*apierror.Error) *ContactEventPayload {
	return &ContactEventPayload{ContactEvent: e, Errors: errs}
}

func documentPayload(d *ent.Document, errs []*apierror.Error) *DocumentPayload {
	return &DocumentPayload{Document: d, Errors: errs}
}

func attachmentPayload(a *ent.Attachment, errs []*apierror.Error) *AttachmentPayload {
	return &AttachmentPayload{Attachment: a, Errors: errs}
}

func consentPayload(c *ent.Consent, errs []*apierror.Error) *RecordConsentPayload {
	return &RecordConsentPayload{Consent: c, Errors: errs}
}

func withdrawConsentPayload(c *ent.Consent, errs []*apierror.Error) *WithdrawConsentPayload {
	return &WithdrawConsentPayload{Consent: c, Errors: errs}
}

func sessionPayload(s *ent.WorkshopSession, errs []*apierror.Error) *WorkshopSessionPayload {
	return &WorkshopSessionPayload{Session: s, Errors: errs}
}

func seriesPayload(s *ent.WorkshopSeries, errs []*apierror.Error) *WorkshopSeriesPayload {
	return &WorkshopSeriesPayload{Series: s, Errors: errs}
}

func offerPayload(o *ent.DirectoryOffer, errs []*apierror.Error) *DirectoryOfferPayload {
	return &DirectoryOfferPayload{Offer: o, Errors: errs}
}

func orientationPayload(o *ent.Orientation, errs []*apierror.Error) *OrientationPayload {
	return &OrientationPayload{Orientation: o, Errors: errs}
}

func erasurePayload(f *ent.Family, errs []*apierror.Error) *RequestErasurePayload {
	return &RequestErasurePayload{Family: f, Errors: errs}
}

func organisationPayload(o *ent.Organisation, created bool, errs []*apierror.Error) *RegisterOrganisationPayload {
	return &RegisterOrganisationPayload{Organisation: o, Created: created, Errors: errs}
}

func linkPayload(l *ent.PartnerLink, errs []*apierror.Error) *PartnerLinkPayload {
	return &PartnerLinkPayload{Link: l, Errors: errs}
}

func conventionPayload(c *ent.Convention, errs []*apierror.Error) *RecordConventionPayload {
	return &RecordConventionPayload{Convention: c, Errors: errs}
}

func membershipPayload(m *ent.Membership, errs []*apierror.Error) *MembershipPayload {
	return &MembershipPayload{Membership: m, Errors: errs}
}

// issuedPayload shows the secret of the token just issued, this once.
func issuedPayload(i *auth.Issued, errs []*apierror.Error) *IssueAccessTokenPayload {
	if i == nil {
		return &IssueAccessTokenPayload{Errors: errs}
	}
	return &IssueAccessTokenPayload{AccessToken: i.Token, Secret: &i.Secret, Errors: errs}
}

func revokedPayload(t *ent.AccessToken, errs []*apierror.Error) *RevokeAccessTokenPayload {
	return &RevokeAccessTokenPayload{AccessToken: t, Errors: errs}
}

// The webhook payloads show the secret just made (shownOnce), this once.

func registeredEndpointPayload(ep *ent.WebhookEndpoint, secret string, errs []*apierror.Error) *RegisterWebhookEndpointPayload {
	return &RegisterWebhookEndpointPayload{Endpoint: ep, Secret: shownOnce(secret), Errors: errs}
}

func rotatedEndpointPayload(ep *ent.WebhookEndpoint, secret string, errs []*apierror.Error) *WebhookEndpointPayload {
	return &WebhookEndpointPayload{Endpoint: ep, Secret: shownOnce(secret), Errors: errs}
}

func createdCalendarFeedPayload(feed *ent.CalendarFeed, url string, errs []*apierror.Error) *CreateCalendarFeedPayload {
	return &CreateCalendarFeedPayload{Feed: feed, URL: shownOnce(url), Errors: errs}
}

func calendarFeedPayload(feed *ent.CalendarFeed, errs []*apierror.Error) *CalendarFeedPayload {
	return &CalendarFeedPayload{Feed: feed, Errors: errs}
}

func endpointPayload(ep *ent.WebhookEndpoint, errs []*apierror.Error) *WebhookEndpointPayload {
	return &WebhookEndpointPayload{Endpoint: ep, Errors: errs}
}

func quotePayload(q *ent.Quote, errs []*apierror.Error) *QuotePayload {
	return &QuotePayload{Quote: q, Errors: errs}
}

func schoolZonePayload(o *ent.Organisation, errs []*apierror.Error) *SetSchoolZonePayload {
	return &SetSchoolZonePayload{Organisation: o, Errors: errs}
}

func acceptedQuotePayload(q *ent.Quote, series []*ent.WorkshopSeries, errs []*apierror.Error) *AcceptQuotePayload {
	return &AcceptQuotePayload{Quote: q, Series: series, Errors: errs}
}

func bookingsPayload(b []*ent.Booking, series *ent.WorkshopSeries, errs []*apierror.Error) *BookChildrenPayload {
	return &BookChildrenPayload{Bookings: b, Series: series, Errors: errs}
}

func leftWaitingListPayload(b []*ent.Booking, series *ent.WorkshopSeries, errs []*apierror.Error) *LeaveWaitingListPayload {
	return &LeaveWaitingListPayload{Bookings: b, Series: series, Errors: errs}
}

func cancelledBookingPayload(b *ent.Booking, series *ent.WorkshopSeries, errs []*apierror.Error) *CancelBookingPayload {
	return &CancelBookingPayload{Booking: b, Series: series, Errors: errs}
}

func attendancePayload(a []*ent.Attendance, errs []*apierror.Error) *RecordAttendancePayload {
	return &RecordAttendancePayload{Attendances: a, Errors: errs}
}

func familyPayload(f *ent.Family, errs []*apierror.Error) *FamilyPayload {
	return &FamilyPayload{Family: f, Errors: errs}
}

func appointmentPayload(a *ent.Appointment, errs []*apierror.Error) *AppointmentPayload {
	return &AppointmentPayload{Appointment: a, Errors: errs}
}

func markedNotificationsPayload(m *notify.Marked, errs []*apierror.Error) *MarkNotificationsReadPayload {
	p := &MarkNotificationsReadPayload{Errors: errs}
	if m != nil {
		p.Marked, p.UnreadNotificationCount = &m.Marked, &m.Unread
	}
	return p
}

func notificationPreferencePayload(pref *notify.Preference, errs []*apierror.Error) *UpdateNotificationPreferencesPayload {
	return &UpdateNotificationPreferencesPayload{Preference: pref, Errors: errs}
}

func extensionPayload(e *ent.Extension, errs []*apierror.Error) *ExtensionPayload {
	return &ExtensionPayload{Extension: e, Errors: errs}
}
