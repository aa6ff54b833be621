// Package files serves the downloads of the files attached to documents,
// under /files/{attachmentID}, to the readers of their document: the
// privacy rules decide, through the viewer of the bearer token.
package files
