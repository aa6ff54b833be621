package notify

import (
	"context"
	"fmt"
	"time"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/notification"
	"github.com/reseau-liens/portal/ent/notificationpreference"
	"github.com/reseau-liens/portal/ent/person"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/database"
	"github.com/reseau-liens/portal/internal/platform/i18n"
)

// Notice is one event to tell people of. It carries what its text may
// name, the family's pseudonymous reference and the programme's name, and
// never a sensitive field of the family.
type Notice struct {
	Kind notification.Kind
	// To are the persons told, each once; the person whose step causes
	// the notice is not told of it.
	To              []pulid.ID
	ProviderID      pulid.ID
	AccompanimentID pulid.ID // empty: none
	ProgrammeID     pulid.ID // empty: none
	FamilyID        pulid.ID // empty: none
	FamilyReference string
	ProgrammeName   string
	// Detail is the kind's one free detail (the educators' names, the
	// reason of a decline), in French, the language of stored texts.
	Detail string
	// Day is the kind's one date, when it has one.
	Day *time.Time
}

// Send records the notice in each recipient's inbox and queues its
// e-mail for those with an address who have not turned the kind off, in
// the transaction of ctx when there is one. It writes as the portal: the
// person acting may not read the persons told (nor their choices). It
// costs three statements and two queries, whatever the recipients.
func Send(ctx context.Context, client *ent.Client, n Notice) error {
	w, ok := wordingOf(n.Kind)
	if !ok {
		return fmt.Errorf("notify: the catalogue has no wording for %s", n.Kind)
	}
	c := database.ClientFor(ctx, client)
	to := recipients(n.To, viewer.FromContext(ctx))
	if len(to) == 0 {
		return nil
	}
	sys := viewer.SystemContext(ctx)
	people, err := c.Person.Query().Where(person.IDIn(to...)).All(sys)
	if err != nil {
		return err
	}
	address := make(map[pulid.ID]string, len(people))
	for _, p := range people {
		address[p.ID] = p.Email
	}
	off, err := c.NotificationPreference.Query().Where(
		notificationpreference.PersonIDIn(to...),
		notificationpreference.KindEQ(notificationpreference.Kind(n.Kind)),
		notificationpreference.Email(false),
	).Select(notificationpreference.FieldPersonID).Strings(sys)
	if err != nil {
		return err
	}
	optedOut := make(map[pulid.ID]bool, len(off))
	for _, id := range off {
		optedOut[pulid.ID(id)] = true
	}

	creates := make([]*ent.NotificationCreate, 0, len(to))
	for _, id := range to {
		if _, exists := address[id]; !exists {
			continue // not a person: nobody to tell
		}
		create := c.Notification.Create().SetRecipientID(id).SetKind(n.Kind).SetProviderID(n.ProviderID).
			SetFamilyReference(n.FamilyReference).SetProgrammeName(n.ProgrammeName).SetDetail(n.Detail).
			SetNillableDay(n.Day)
		if n.AccompanimentID != "" {
			create.SetAccompanimentID(n.AccompanimentID)
		}
		if n.ProgrammeID != "" {
			create.SetProgrammeID(n.ProgrammeID)
		}
		if n.FamilyID != "" {
			create.SetFamilyID(n.FamilyID)
		}
		creates = append(creates, create)
	}
	saved, err := c.Notification.CreateBulk(creates...).Save(sys)
	if err != nil {
		return err
	}

	// Mails are written in French, the users' language (see package i18n).
	mails := make([]*ent.OutboxMessageCreate, 0, len(saved))
	for _, nt := range saved {
		to := address[nt.RecipientID]
		if to == "" || optedOut[nt.RecipientID] {
			continue
		}
		mail := c.OutboxMessage.Create().SetProviderID(n.ProviderID).SetNotificationID(nt.ID).
			SetRecipientKind(w.mailTo).SetRecipientID(nt.RecipientID).SetRecipientAddress(to).
			SetSubject(Title(nt).French()).
			SetBody(Text(nt).French() + "\n\n" + i18n.T("notify.mail_footer").French())
		if n.AccompanimentID != "" {
			mail.SetAccompanimentID(n.AccompanimentID)
		}
		mails = append(mails, mail)
	}
	if len(mails) == 0 {
		return nil
	}
	return c.OutboxMessage.CreateBulk(mails...).Exec(sys)
}

// recipients drops the empty ids, the repeated ones and the actor's own.
func recipients(ids []pulid.ID, actor *viewer.Viewer) []pulid.ID {
	seen := map[pulid.ID]bool{"": true}
	if actor != nil && actor.PersonID != "" {
		seen[actor.PersonID] = true
	}
	out := make([]pulid.ID, 0, len(ids))
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// Title is how a notice's title reads, worded in the reader's language.
func Title(n *ent.Notification) i18n.Message {
	w, _ := wordingOf(n.Kind)
	return i18n.T(w.title, arguments(n)...)
}

// Text is how a notice's text reads, worded in the reader's language.
func Text(n *ent.Notification) i18n.Message {
	w, _ := wordingOf(n.Kind)
	return i18n.T(w.text, arguments(n)...)
}

// arguments are a text's arguments, in the order the catalogue numbers
// them: the family's reference, the programme, the detail, the day.
func arguments(n *ent.Notification) []any {
	var day any = ""
	if n.Day != nil {
		day = i18n.Day(*n.Day)
	}
	return []any{n.FamilyReference, n.ProgrammeName, n.Detail, day}
}
