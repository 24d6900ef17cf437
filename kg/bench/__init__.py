"""``kg bench``: a synthetic graph, and kg measured against references on it."""
