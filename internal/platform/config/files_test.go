package config_test

import (
	"path/filepath"
	"testing"

	"github.com/reseau-liens/portal/internal/platform/config"
)

func TestTheFilesAreKeptBesideTheDatabaseUnlessSaidOtherwise(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		want config.Files
	}{
		{nil, config.Files{Dir: filepath.Join("data", "files"), MaxUploadBytes: 10 << 20}},
		{map[string]string{"PORTAL_DATABASE_URL": "sqlite:/var/lib/portal/portal.db?_pragma=x"},
			config.Files{Dir: "/var/lib/portal/files", MaxUploadBytes: 10 << 20}},
		{map[string]string{"PORTAL_DATABASE_URL": "postgres://db/portal"},
			config.Files{Dir: filepath.Join("data", "files"), MaxUploadBytes: 10 << 20}},
		{map[string]string{"PORTAL_FILES_DIR": "/srv/files", "PORTAL_MAX_UPLOAD_BYTES": "2048"},
			config.Files{Dir: "/srv/files", MaxUploadBytes: 2048}},
	} {
		cfg, err := config.FromLookup(lookup(tc.env))
		if err != nil || cfg.Files != tc.want {
			t.Errorf("%v: %+v %v, want %+v", tc.env, cfg.Files, err, tc.want)
		}
	}
	if _, err := config.FromLookup(lookup(map[string]string{"PORTAL_MAX_UPLOAD_BYTES": "-1"})); err == nil {
		t.Error("a negative upload limit was taken")
	}
}
