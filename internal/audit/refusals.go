package audit

import (
	"context"
	"reflect"
	"slices"
	"sync"

	"github.com/99designs/gqlgen/graphql"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/apierror"
)

// refusals gathers the records a request was refused, for Trail to log
// once the request (and a mutation's transaction, which a refusal rolls
// back) is over.
type refusals struct {
	mu  sync.Mutex
	ids []pulid.ID
}

type refusalsKey struct{}

// NoteRefused records that the field of ctx was refused (FORBIDDEN or
// NOT_FOUND): the records it named are logged as refused accesses if
// they exist. They are the IDs among the field's arguments and, for a
// field of a record, the record it leads to (the family of an
// accompaniment, by its family ID) or else the record itself. The error
// presenter calls it.
func NoteRefused(ctx context.Context) {
	r, ok := ctx.Value(refusalsKey{}).(*refusals)
	fc := graphql.GetFieldContext(ctx)
	if !ok || fc == nil {
		return
	}
	var ids []pulid.ID
	collectIDs(reflect.ValueOf(fc.Args), &ids, 0)
	if len(ids) == 0 && fc.Parent != nil {
		ids = append(ids, recordOfField(fc)...)
	}
	r.mu.Lock()
	r.ids = append(r.ids, ids...)
	r.mu.Unlock()
}

// recordOfField is the record a field of a record refers to: its
// <field>ID when it has one (Accompaniment.family → FamilyID), else the
// record's own ID.
func recordOfField(fc *graphql.FieldContext) []pulid.ID {
	parent := fc.Parent
	for parent != nil && parent.Result == nil {
		parent = parent.Parent
	}
	if parent == nil {
		return nil
	}
	v := reflect.ValueOf(parent.Result)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return nil
	}
	s := v.Elem()
	for _, name := range []string{upperFirst(fc.Field.Name) + "ID", "ID"} {
		f := s.FieldByName(name)
		if !f.IsValid() {
			continue
		}
		if f.Kind() == reflect.Pointer && !f.IsNil() {
			f = f.Elem()
		}
		if id, ok := f.Interface().(pulid.ID); ok && id != "" {
			return []pulid.ID{id}
		}
	}
	return nil
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	b := []byte(s)
	if b[0] >= 'a' && b[0] <= 'z' {
		b[0] -= 'a' - 'A'
	}
	return string(b)
}

var idType = reflect.TypeFor[pulid.ID]()

// collectIDs finds the IDs in a field's arguments: IDs, lists of them,
// and the fields of input structs and maps, a few levels deep.
func collectIDs(v reflect.Value, out *[]pulid.ID, depth int) {
	if depth > 4 || !v.IsValid() {
		return
	}
	if v.Type() == idType {
		if id := pulid.ID(v.String()); id != "" {
			*out = append(*out, id)
		}
		return
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			collectIDs(v.Elem(), out, depth)
		}
	case reflect.Slice, reflect.Array:
		for i := range min(v.Len(), 100) {
			collectIDs(v.Index(i), out, depth+1)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			collectIDs(v.MapIndex(k), out, depth+1)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				collectIDs(v.Field(i), out, depth+1)
			}
		}
	}
}

// refusedUserErrors reports whether a mutation's payload carries a
// FORBIDDEN or NOT_FOUND user error.
func refusedUserErrors(payload any) bool {
	v := reflect.ValueOf(payload)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return false
	}
	errs, ok := v.Elem().FieldByName("Errors").Interface().([]*apierror.Error)
	if !ok {
		return false
	}
	return slices.ContainsFunc(errs, func(e *apierror.Error) bool {
		return e.Code == apierror.Forbidden || e.Code == apierror.NotFound
	})
}

// entries turns the refused IDs into events: one per record that exists
// (a NOT_FOUND on an invented ID is no refused access), looked up as the
// portal.
func (r *refusals) entries(ctx context.Context, client *ent.Client) ([]entry, error) {
	r.mu.Lock()
	ids := slices.Clone(r.ids)
	r.mu.Unlock()
	slices.Sort(ids)
	ids = slices.Compact(ids)
	sys := viewer.SystemContext(ctx)
	var out []entry
	for _, id := range ids {
		table, err := ent.IDToType(sys, id)
		if err != nil {
			continue // not one of the portal's IDs
		}
		node, err := client.Noder(sys, id, ent.WithFixedNodeType(table))
		if ent.IsNotFound(err) {
			continue
		} else if err != nil {
			return nil, err
		}
		typ := reflect.TypeOf(node).Elem().Name() // the ent type: Family
		out = append(out, entry{action: ActionRefused, recordType: typ, recordID: string(id)})
	}
	if len(out) > 0 {
		stamp(ctx, viewer.FromContext(ctx), out)
	}
	return out, nil
}
