"""Authoring helpers: finding entities by name (:mod:`kg.authoring.lookup`) and
drafting the Turtle of a new article (:mod:`kg.authoring.draft`)."""
