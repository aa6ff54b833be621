// Package access decides who may read and change what. Its rules are
// attached to the ent schemas as privacy policies, so every query and
// mutation passes through them, whatever resolver or job issued it.
//
// Reads are filtered, not refused: a record outside the viewer's scope is
// simply absent, as if it did not exist. Writes are denied by default and
// allowed by the rules of each workflow.
package access
