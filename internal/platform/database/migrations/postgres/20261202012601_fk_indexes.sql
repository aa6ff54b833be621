-- Create index "accesstoken_created_at" to table: "access_tokens"
CREATE INDEX "accesstoken_created_at" ON "access_tokens" ("created_at");
-- Create index "accesstoken_issued_by_id" to table: "access_tokens"
CREATE INDEX "accesstoken_issued_by_id" ON "access_tokens" ("issued_by_id");
-- Create index "accesstoken_person_id" to table: "access_tokens"
CREATE INDEX "accesstoken_person_id" ON "access_tokens" ("person_id");
-- Create index "accompaniment_educators_person_id" to table: "accompaniment_educators"
CREATE INDEX "accompaniment_educators_person_id" ON "accompaniment_educators" ("person_id");
-- Create index "accompaniment_convention_id" to table: "accompaniments"
CREATE INDEX "accompaniment_convention_id" ON "accompaniments" ("convention_id");
-- Create index "accompaniment_created_at" to table: "accompaniments"
CREATE INDEX "accompaniment_created_at" ON "accompaniments" ("created_at");
-- Create index "accompaniment_ends_at" to table: "accompaniments"
CREATE INDEX "accompaniment_ends_at" ON "accompaniments" ("ends_at");
-- Create index "accompaniment_family_id" to table: "accompaniments"
CREATE INDEX "accompaniment_family_id" ON "accompaniments" ("family_id");
-- Create index "accompaniment_financer_id" to table: "accompaniments"
CREATE INDEX "accompaniment_financer_id" ON "accompaniments" ("financer_id");
-- Create index "accompaniment_prescriber_id" to table: "accompaniments"
CREATE INDEX "accompaniment_prescriber_id" ON "accompaniments" ("prescriber_id");
-- Create index "accompaniment_prescriber_organisation_id" to table: "accompaniments"
CREATE INDEX "accompaniment_prescriber_organisation_id" ON "accompaniments" ("prescriber_organisation_id");
-- Create index "accompaniment_requested_at" to table: "accompaniments"
CREATE INDEX "accompaniment_requested_at" ON "accompaniments" ("requested_at");
-- Create index "accompaniment_starts_at" to table: "accompaniments"
CREATE INDEX "accompaniment_starts_at" ON "accompaniments" ("starts_at");
-- Create index "accompaniment_status" to table: "accompaniments"
CREATE INDEX "accompaniment_status" ON "accompaniments" ("status");
-- Create index "firstappointmentchange_actor_id" to table: "appointment_changes"
CREATE INDEX "firstappointmentchange_actor_id" ON "appointment_changes" ("actor_id");
-- Create index "firstappointmentchange_changed_at" to table: "appointment_changes"
CREATE INDEX "firstappointmentchange_changed_at" ON "appointment_changes" ("changed_at");
-- Create index "attendance_booking_id" to table: "attendances"
CREATE INDEX "attendance_booking_id" ON "attendances" ("booking_id");
-- Create index "attendance_created_at" to table: "attendances"
CREATE INDEX "attendance_created_at" ON "attendances" ("created_at");
-- Create index "attendance_recorded_by_id" to table: "attendances"
CREATE INDEX "attendance_recorded_by_id" ON "attendances" ("recorded_by_id");
-- Create index "booking_booked_by_id" to table: "bookings"
CREATE INDEX "booking_booked_by_id" ON "bookings" ("booked_by_id");
-- Create index "booking_child_id" to table: "bookings"
CREATE INDEX "booking_child_id" ON "bookings" ("child_id");
-- Create index "booking_created_at" to table: "bookings"
CREATE INDEX "booking_created_at" ON "bookings" ("created_at");
-- Create index "booking_organisation_id" to table: "bookings"
CREATE INDEX "booking_organisation_id" ON "bookings" ("organisation_id");
-- Create index "booking_position" to table: "bookings"
CREATE INDEX "booking_position" ON "bookings" ("position");
-- Create index "booking_requested_at" to table: "bookings"
CREATE INDEX "booking_requested_at" ON "bookings" ("requested_at");
-- Create index "booking_status" to table: "bookings"
CREATE INDEX "booking_status" ON "bookings" ("status");
-- Create index "child_birth_date" to table: "children"
CREATE INDEX "child_birth_date" ON "children" ("birth_date");
-- Create index "child_created_at" to table: "children"
CREATE INDEX "child_created_at" ON "children" ("created_at");
-- Create index "child_family_id_birth_date" to table: "children"
CREATE INDEX "child_family_id_birth_date" ON "children" ("family_id", "birth_date");
-- Create index "child_first_name" to table: "children"
CREATE INDEX "child_first_name" ON "children" ("first_name");
-- Create index "consent_created_at" to table: "consents"
CREATE INDEX "consent_created_at" ON "consents" ("created_at");
-- Create index "consent_family_id" to table: "consents"
CREATE INDEX "consent_family_id" ON "consents" ("family_id");
-- Create index "consent_recorded_by_id" to table: "consents"
CREATE INDEX "consent_recorded_by_id" ON "consents" ("recorded_by_id");
-- Create index "consent_withdrawn_by_id" to table: "consents"
CREATE INDEX "consent_withdrawn_by_id" ON "consents" ("withdrawn_by_id");
-- Create index "contactevent_accompaniment_id_occurred_at" to table: "contact_events"
CREATE INDEX "contactevent_accompaniment_id_occurred_at" ON "contact_events" ("accompaniment_id", "occurred_at");
-- Create index "contactevent_author_id" to table: "contact_events"
CREATE INDEX "contactevent_author_id" ON "contact_events" ("author_id");
-- Create index "contactevent_created_at" to table: "contact_events"
CREATE INDEX "contactevent_created_at" ON "contact_events" ("created_at");
-- Create index "contactevent_kind" to table: "contact_events"
CREATE INDEX "contactevent_kind" ON "contact_events" ("kind");
-- Create index "contactevent_occurred_at" to table: "contact_events"
CREATE INDEX "contactevent_occurred_at" ON "contact_events" ("occurred_at");
-- Create index "convention_created_at" to table: "conventions"
CREATE INDEX "convention_created_at" ON "conventions" ("created_at");
-- Create index "convention_ends_at" to table: "conventions"
CREATE INDEX "convention_ends_at" ON "conventions" ("ends_at");
-- Create index "convention_financer_id" to table: "conventions"
CREATE INDEX "convention_financer_id" ON "conventions" ("financer_id");
-- Create index "convention_partner_link_id" to table: "conventions"
CREATE INDEX "convention_partner_link_id" ON "conventions" ("partner_link_id");
-- Create index "convention_programme_id" to table: "conventions"
CREATE INDEX "convention_programme_id" ON "conventions" ("programme_id");
-- Create index "convention_starts_at" to table: "conventions"
CREATE INDEX "convention_starts_at" ON "conventions" ("starts_at");
-- Create index "directoryoffer_created_at" to table: "directory_offers"
CREATE INDEX "directoryoffer_created_at" ON "directory_offers" ("created_at");
-- Create index "directoryoffer_organisation_id" to table: "directory_offers"
CREATE INDEX "directoryoffer_organisation_id" ON "directory_offers" ("organisation_id");
-- Create index "directoryoffer_title" to table: "directory_offers"
CREATE INDEX "directoryoffer_title" ON "directory_offers" ("title");
-- Create index "documentrevision_author_id" to table: "document_revisions"
CREATE INDEX "documentrevision_author_id" ON "document_revisions" ("author_id");
-- Create index "documentrevision_created_at" to table: "document_revisions"
CREATE INDEX "documentrevision_created_at" ON "document_revisions" ("created_at");
-- Create index "document_accompaniment_id" to table: "documents"
CREATE INDEX "document_accompaniment_id" ON "documents" ("accompaniment_id");
-- Create index "document_created_at" to table: "documents"
CREATE INDEX "document_created_at" ON "documents" ("created_at");
-- Create index "family_created_at" to table: "families"
CREATE INDEX "family_created_at" ON "families" ("created_at");
-- Create index "family_reference" to table: "families"
CREATE INDEX "family_reference" ON "families" ("reference");
-- Create index "family_territory" to table: "families"
CREATE INDEX "family_territory" ON "families" ("territory");
-- Create index "guardian_created_at" to table: "guardians"
CREATE INDEX "guardian_created_at" ON "guardians" ("created_at");
-- Create index "guardian_family_id" to table: "guardians"
CREATE INDEX "guardian_family_id" ON "guardians" ("family_id");
-- Create index "idempotencykey_created_at" to table: "idempotency_keys"
CREATE INDEX "idempotencykey_created_at" ON "idempotency_keys" ("created_at");
-- Create index "membership_created_at" to table: "memberships"
CREATE INDEX "membership_created_at" ON "memberships" ("created_at");
-- Create index "membership_organisation_id" to table: "memberships"
CREATE INDEX "membership_organisation_id" ON "memberships" ("organisation_id");
-- Create index "membership_person_id" to table: "memberships"
CREATE INDEX "membership_person_id" ON "memberships" ("person_id");
-- Create index "membership_provider_id" to table: "memberships"
CREATE INDEX "membership_provider_id" ON "memberships" ("provider_id");
-- Create index "membership_role" to table: "memberships"
CREATE INDEX "membership_role" ON "memberships" ("role");
-- Create index "organisation_created_at" to table: "organisations"
CREATE INDEX "organisation_created_at" ON "organisations" ("created_at");
-- Create index "organisation_kind" to table: "organisations"
CREATE INDEX "organisation_kind" ON "organisations" ("kind");
-- Create index "organisation_name" to table: "organisations"
CREATE INDEX "organisation_name" ON "organisations" ("name");
-- Create index "organisation_territory" to table: "organisations"
CREATE INDEX "organisation_territory" ON "organisations" ("territory");
-- Create index "orientation_created_at" to table: "orientations"
CREATE INDEX "orientation_created_at" ON "orientations" ("created_at");
-- Create index "orientation_educator_id" to table: "orientations"
CREATE INDEX "orientation_educator_id" ON "orientations" ("educator_id");
-- Create index "orientation_family_id" to table: "orientations"
CREATE INDEX "orientation_family_id" ON "orientations" ("family_id");
-- Create index "orientation_offer_id" to table: "orientations"
CREATE INDEX "orientation_offer_id" ON "orientations" ("offer_id");
-- Create index "outboxmessage_created_at" to table: "outbox_messages"
CREATE INDEX "outboxmessage_created_at" ON "outbox_messages" ("created_at");
-- Create index "partnerlinkevent_actor_id" to table: "partner_link_events"
CREATE INDEX "partnerlinkevent_actor_id" ON "partner_link_events" ("actor_id");
-- Create index "partnerlink_created_at" to table: "partner_links"
CREATE INDEX "partnerlink_created_at" ON "partner_links" ("created_at");
-- Create index "partnerlink_organisation_id" to table: "partner_links"
CREATE INDEX "partnerlink_organisation_id" ON "partner_links" ("organisation_id");
-- Create index "partnerlink_status" to table: "partner_links"
CREATE INDEX "partnerlink_status" ON "partner_links" ("status");
-- Create index "person_created_at" to table: "persons"
CREATE INDEX "person_created_at" ON "persons" ("created_at");
-- Create index "person_display_name" to table: "persons"
CREATE INDEX "person_display_name" ON "persons" ("display_name");
-- Create index "programme_code" to table: "programmes"
CREATE INDEX "programme_code" ON "programmes" ("code");
-- Create index "programme_created_at" to table: "programmes"
CREATE INDEX "programme_created_at" ON "programmes" ("created_at");
-- Create index "programme_name" to table: "programmes"
CREATE INDEX "programme_name" ON "programmes" ("name");
-- Create index "provider_created_at" to table: "providers"
CREATE INDEX "provider_created_at" ON "providers" ("created_at");
-- Create index "provider_name" to table: "providers"
CREATE INDEX "provider_name" ON "providers" ("name");
-- Create index "quoteline_created_at" to table: "quote_lines"
CREATE INDEX "quoteline_created_at" ON "quote_lines" ("created_at");
-- Create index "quoteline_quote_id" to table: "quote_lines"
CREATE INDEX "quoteline_quote_id" ON "quote_lines" ("quote_id");
-- Create index "quote_created_at" to table: "quotes"
CREATE INDEX "quote_created_at" ON "quotes" ("created_at");
-- Create index "quote_organisation_id" to table: "quotes"
CREATE INDEX "quote_organisation_id" ON "quotes" ("organisation_id");
-- Create index "quote_practitioner_id" to table: "quotes"
CREATE INDEX "quote_practitioner_id" ON "quotes" ("practitioner_id");
-- Create index "quote_programme_id" to table: "quotes"
CREATE INDEX "quote_programme_id" ON "quotes" ("programme_id");
-- Create index "quote_provider_id" to table: "quotes"
CREATE INDEX "quote_provider_id" ON "quotes" ("provider_id");
-- Create index "quote_requested_by_id" to table: "quotes"
CREATE INDEX "quote_requested_by_id" ON "quotes" ("requested_by_id");
-- Create index "quote_status" to table: "quotes"
CREATE INDEX "quote_status" ON "quotes" ("status");
-- Create index "webhookdelivery_created_at" to table: "webhook_deliveries"
CREATE INDEX "webhookdelivery_created_at" ON "webhook_deliveries" ("created_at");
-- Create index "webhookdelivery_endpoint_id" to table: "webhook_deliveries"
CREATE INDEX "webhookdelivery_endpoint_id" ON "webhook_deliveries" ("endpoint_id");
-- Create index "webhookendpoint_created_at" to table: "webhook_endpoints"
CREATE INDEX "webhookendpoint_created_at" ON "webhook_endpoints" ("created_at");
-- Create index "webhookendpoint_organisation_id" to table: "webhook_endpoints"
CREATE INDEX "webhookendpoint_organisation_id" ON "webhook_endpoints" ("organisation_id");
-- Create index "workshopseries_created_at" to table: "workshop_series"
CREATE INDEX "workshopseries_created_at" ON "workshop_series" ("created_at");
-- Create index "workshopseries_first_session_at" to table: "workshop_series"
CREATE INDEX "workshopseries_first_session_at" ON "workshop_series" ("first_session_at");
-- Create index "workshopseries_host_organisation_id" to table: "workshop_series"
CREATE INDEX "workshopseries_host_organisation_id" ON "workshop_series" ("host_organisation_id");
-- Create index "workshopseries_practitioner_id" to table: "workshop_series"
CREATE INDEX "workshopseries_practitioner_id" ON "workshop_series" ("practitioner_id");
-- Create index "workshopseries_programme_id" to table: "workshop_series"
CREATE INDEX "workshopseries_programme_id" ON "workshop_series" ("programme_id");
-- Create index "workshopseries_provider_id_first_session_at" to table: "workshop_series"
CREATE INDEX "workshopseries_provider_id_first_session_at" ON "workshop_series" ("provider_id", "first_session_at");
-- Create index "workshopseries_quote_id" to table: "workshop_series"
CREATE INDEX "workshopseries_quote_id" ON "workshop_series" ("quote_id");
-- Create index "workshopseries_title" to table: "workshop_series"
CREATE INDEX "workshopseries_title" ON "workshop_series" ("title");
-- Create index "workshopsession_created_at" to table: "workshop_sessions"
CREATE INDEX "workshopsession_created_at" ON "workshop_sessions" ("created_at");
-- Create index "workshopsession_series_id_starts_at" to table: "workshop_sessions"
CREATE INDEX "workshopsession_series_id_starts_at" ON "workshop_sessions" ("series_id", "starts_at");
-- Create index "workshopsession_starts_at" to table: "workshop_sessions"
CREATE INDEX "workshopsession_starts_at" ON "workshop_sessions" ("starts_at");
