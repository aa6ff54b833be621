package graph

// shownOnce is a payload's secret field: the secret just made, or null
// when none was (the mutation was refused).
func shownOnce(secret string) *string {
	if secret == "" {
		return nil
	}
	return &secret
}
