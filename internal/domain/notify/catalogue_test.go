package notify_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/reseau-liens/portal/ent/notification"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/domain/notify"
)

// Every kind of the schema has its wording in the catalogue, so that none
// is sent without a text.
func TestTheCatalogueWordsEveryKind(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	var data struct {
		Type struct {
			EnumValues []struct{ Name string } `json:"enumValues"`
		} `json:"__type"`
	}
	api.MustSucceed(t, "", `{ __type(name: "NotificationKind") { enumValues { name } } }`, nil, &data)
	var schema []notification.Kind
	for _, v := range data.Type.EnumValues {
		if err := notification.KindValidator(notification.Kind(v.Name)); err != nil {
			t.Fatal(err)
		}
		schema = append(schema, notification.Kind(v.Name))
	}
	got := notify.Kinds()
	slices.Sort(schema)
	slices.Sort(got)
	if !slices.Equal(schema, got) {
		t.Fatalf("catalogue %v, schema %v", got, schema)
	}
	for _, kind := range got {
		n := notificationOf(kind)
		if title, text := notify.Title(n).French(), notify.Text(n).French(); title == "" || text == "" || title == text ||
			strings.HasPrefix(title, "notify.") || strings.HasPrefix(text, "notify.") || strings.Contains(text, "%!") {
			t.Errorf("%s: title %q, text %q", kind, title, text)
		}
	}
}
