"""Small helpers shared by several apps (no models): app hooks, French identifiers, spreadsheets."""
