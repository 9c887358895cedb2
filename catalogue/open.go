package catalogue

import (
	"fmt"
	"time"
)

// Open reports whether the action still asks for letters at now: until
// the end of its deadline day in its own time zone (UA 109/23: until
// 2024-02-08 24:00 in Asia/Karachi, 19:00 UTC). An action without a
// deadline stays open. A closed action still renders; callers say so.
func (a *Action) Open(now time.Time) bool {
	end, ok := a.closes()
	return !ok || now.Before(end)
}

// closes is the instant the action closes: midnight after its deadline
// day, in its time zone.
func (a *Action) closes() (time.Time, bool) {
	if a.Deadline == "" {
		return time.Time{}, false
	}
	loc := a.loc
	if loc == nil {
		loc = time.UTC
	}
	day, err := time.ParseInLocation(time.DateOnly, a.Deadline, loc)
	if err != nil {
		return time.Time{}, false
	}
	return day.AddDate(0, 0, 1), true
}

// checkReferences reports actions that share a reference ("UA 109/23"):
// letters, footers and fax batches name an action by it, so two actions
// with one reference could not be told apart.
func checkReferences(c *Catalogue, ps *problems) {
	first := map[string]*Action{}
	for _, id := range c.order {
		a := c.actions[id]
		if a.Reference == "" {
			continue
		}
		if b, dup := first[a.Reference]; dup {
			ps.add(fmt.Sprintf("actions/%s/action.yaml", a.ID), a.refLine,
				"reference %q is already used by action %s", a.Reference, b.ID)
			continue
		}
		first[a.Reference] = a
	}
}
