// Package consent owns a family's consents, recorded per purpose with
// their date, who recorded them and their withdrawal, and the check that a
// purpose is covered (Require).
//
// What each purpose gates:
//   - ACCOMPANIMENT: being accompanied at all (checked by the accompaniment
//     workflow through Require).
//   - SHARING_WITH_PRESCRIBER: the prescriber's read access to the family's
//     file (the family, its guardians, children and consents, the final
//     reports): enforced in the read scopes of package access
//     (access.SharedWithPrescriber), so a withdrawal takes effect at once.
//     The prescriber keeps seeing the accompaniment they requested.
//   - PARTNER_CONTACT: being contacted by a partner organisation (checked
//     by the workflows that pass contacts on, through Require).
package consent
