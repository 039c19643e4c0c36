"""Charts: what they show as data (`model`, `builders`, pure) and how they are drawn (`render`,
matplotlib, imported only when a picture is made)."""
