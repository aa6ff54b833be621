package server_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/zstd"

	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

// rawSend sends req without Go's transparent gzip, and returns the
// answer and its body as it came over the wire.
func rawSend(t *testing.T, req *http.Request) (*http.Response, []byte) {
	t.Helper()
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, body
}

func decode(t *testing.T, encoding string, body []byte) []byte {
	t.Helper()
	var r io.Reader
	var err error
	switch encoding {
	case "gzip":
		r, err = gzip.NewReader(bytes.NewReader(body))
	case "br":
		r = brotli.NewReader(bytes.NewReader(body))
	case "zstd":
		var d *zstd.Decoder
		d, err = zstd.NewReader(bytes.NewReader(body))
		r = d
	default:
		return body
	}
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("decoding %s: %v", encoding, err)
	}
	return out
}

func TestResponsesAreCompressedAsTheClientAsks(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	token := api.Token(t, demo.Coordinator)
	families := `{"query":"{ families(first: 20) { edges { node { reference householdComposition guardians { firstName lastName } children { firstName birthDate } } } } }"}`
	post := func(acceptEncoding string) (*http.Response, []byte) {
		req := request(t, http.MethodPost, api.Server.URL+"/graphql", "application/json", families)
		req.Header.Set("Authorization", "Bearer "+token)
		if acceptEncoding != "" {
			req.Header.Set("Accept-Encoding", acceptEncoding)
		}
		return rawSend(t, req)
	}
	plainRes, plain := post("")
	if plainRes.Header.Get("Content-Encoding") != "" || !bytes.Contains(plain, []byte(`"families"`)) {
		t.Fatalf("identity answer: %q %s", plainRes.Header.Get("Content-Encoding"), plain)
	}
	for _, encoding := range []string{"gzip", "br", "zstd"} {
		t.Run(encoding, func(t *testing.T) {
			res, body := post(encoding)
			if got := res.Header.Get("Content-Encoding"); got != encoding {
				t.Fatalf("Content-Encoding %q, want %s", got, encoding)
			}
			if !strings.Contains(res.Header.Get("Vary"), "Accept-Encoding") {
				t.Errorf("Vary %q", res.Header.Get("Vary"))
			}
			if len(body)*2 > len(plain) {
				t.Errorf("%s: %d bytes for %d plain: not even halved", encoding, len(body), len(plain))
			}
			if decoded := decode(t, encoding, body); !bytes.Equal(decoded, plain) {
				t.Fatalf("decoded answer differs from the plain one:\n%s\n%s", decoded, plain)
			}
		})
	}
	t.Run("the server's preference among several", func(t *testing.T) {
		res, body := post("gzip, deflate, br, zstd")
		enc := res.Header.Get("Content-Encoding")
		if enc == "" || !bytes.Equal(decode(t, enc, body), plain) {
			t.Fatalf("Content-Encoding %q", enc)
		}
	})
	t.Run("GraphiQL's script", func(t *testing.T) {
		plainRes, plainJS := rawSend(t, request(t, http.MethodGet, api.Server.URL+"/graphiql/graphiql.min.js", "", ""))
		if plainRes.StatusCode != http.StatusOK || len(plainJS) < 100_000 {
			t.Fatalf("GET graphiql.min.js: %d, %d bytes", plainRes.StatusCode, len(plainJS))
		}
		req := request(t, http.MethodGet, api.Server.URL+"/graphiql/graphiql.min.js", "", "")
		req.Header.Set("Accept-Encoding", "gzip")
		res, body := rawSend(t, req)
		if res.Header.Get("Content-Encoding") != "gzip" || len(body)*2 > len(plainJS) {
			t.Fatalf("Content-Encoding %q, %d bytes for %d", res.Header.Get("Content-Encoding"), len(body), len(plainJS))
		}
		if !bytes.Equal(decode(t, "gzip", body), plainJS) {
			t.Fatal("the decoded script differs")
		}
	})
}
