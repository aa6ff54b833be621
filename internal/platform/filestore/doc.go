// Package filestore keeps the bytes of the files people attach to the
// portal's records, addressed by their SHA-256: a content is stored once
// however many records name it, and a record holds its hash, never a path.
// Store is the interface the domain uses; Disk, the default, keeps the
// files under one directory, so that another backend (an object store)
// can come later behind the same interface.
package filestore
